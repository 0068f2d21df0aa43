/** How to read a log bar: one key per mark, drawn with the same CSS as the bars. */
export function LogLegend() {
  return (
    <ul className="log-legend" aria-label="How to read a log bar">
      <li>
        <span className="legend-key legend-done" aria-hidden="true" />
        committed: processed, safe
      </li>
      <li>
        <span className="legend-key legend-lag" aria-hidden="true" />
        lag: written, not yet committed
      </li>
      <li>
        <span className="legend-key legend-commit" aria-hidden="true" />
        committed offset
      </li>
      <li>
        <span className="legend-key legend-position" aria-hidden="true" />
        owner's position (next read)
      </li>
      <li>
        <span className="legend-key legend-end" aria-hidden="true" />
        log end: the producer appends here
      </li>
    </ul>
  );
}
