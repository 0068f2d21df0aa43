/** Catalogue text with `backticks` around Kafka names: those render as code. */
export function RichText({ text }: { text: string }) {
  const parts = text.split('`');
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <code key={i} className="config-key">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}
