import type { ScaleLinear } from 'd3-scale';
import type { CSSProperties } from 'react';
import type { PartitionView } from '../store/selectors';

/**
 * A partition's log on the shared offset scale: committed records, the lag span
 * (committed → log end), the owner's position and the producer's end of the log.
 */
export function LogBar({ partition: p, x }: { partition: PartitionView; x: ScaleLinear<number, number> }) {
  const [lo] = x.domain() as [number, number];
  const start = x(p.logStart);
  const committed = x(p.committed ?? p.logStart);
  const end = x(p.logEnd);
  const span = (from: number, to: number): CSSProperties => ({ left: `${from}%`, width: `${Math.max(0, to - from)}%` });
  const at = (pct: number): CSSProperties => ({ left: `${pct}%` });
  return (
    <div className="logbar" aria-hidden="true">
      <div className="logbar-track">
        <span className="logbar-done" style={span(start, committed)} />
        <span className="logbar-lag" style={span(committed, end)} />
        {lo > p.logStart && <span className="logbar-older" />}
        <span className="logbar-end" style={at(end)} />
        {p.committed !== null && <span className="logbar-commit" style={at(committed)} />}
        {p.position !== null && <span className="logbar-position" style={at(x(p.position))} />}
      </div>
    </div>
  );
}
