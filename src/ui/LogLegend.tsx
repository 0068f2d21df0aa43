import { useMessages } from './i18n';

/** How to read a log bar: one key per mark, drawn with the same CSS as the bars. */
export function LogLegend() {
  const m = useMessages().legend;
  const keys = [
    ['done', m.done],
    ['lag', m.lag],
    ['commit', m.commit],
    ['position', m.position],
    ['end', m.end],
  ] as const;
  return (
    <ul className="log-legend" aria-label={m.label}>
      {keys.map(([kind, text]) => (
        <li key={kind}>
          <span className={`legend-key legend-${kind}`} aria-hidden="true" />
          {text}
        </li>
      ))}
    </ul>
  );
}
