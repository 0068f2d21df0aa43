import type { ScaleLinear } from 'd3-scale';
import type { CSSProperties } from 'react';
import type { LedgerMarkKind } from '../store/ledger-causes';
import type { PartitionView } from '../store/selectors';

/** A ledger range drawn on the bar: processed twice, lost, or skipped. */
export interface BarMark {
  kind: LedgerMarkKind;
  from: number;
  to: number;
}

/**
 * A partition's log on the shared offset scale: committed records, the lag span
 * (committed → log end), the owner's position and the producer's end of the log.
 */
export function LogBar({ partition: p, x, marks = [] }: { partition: PartitionView; x: ScaleLinear<number, number>; marks?: readonly BarMark[] }) {
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
      {marks.length > 0 && (
        <div className="logbar-marks">
          {marks.map((mk) => (
            <span key={`${mk.kind}-${mk.from}`} className={`logbar-mark logbar-mark-${mk.kind}`} style={span(x(mk.from), x(mk.to))} />
          ))}
        </div>
      )}
    </div>
  );
}
