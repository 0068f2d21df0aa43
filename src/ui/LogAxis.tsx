import type { ScaleLinear } from 'd3-scale';
import { useRef } from 'react';
import { formatCount } from './format/time';
import { useElementWidth } from './useElementWidth';
import { useMessages } from './i18n';

/** Room each tick label needs, so labels never collide however narrow the bars get. */
const PX_PER_TICK = 52;

/** d3 treats the count as a hint and may return up to twice as many: ask until they fit. */
function ticksThatFit(x: ScaleLinear<number, number>, fit: number): number[] {
  for (let ask = fit; ask >= 1; ask -= 1) {
    const ticks = x.ticks(ask).filter((t) => Number.isInteger(t));
    if (ticks.length <= fit) return ticks;
  }
  return [];
}

/** Offset ticks under the log bars: shows where the shared window currently sits. */
export function LogAxis({ x }: { x: ScaleLinear<number, number> }) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useElementWidth(ref);
  const m = useMessages();
  const ticks = width > 0 ? ticksThatFit(x, Math.max(2, Math.floor(width / PX_PER_TICK))) : [];
  return (
    <div className="log-axis" aria-hidden="true">
      <span className="log-axis-label">{m.topic.axis}</span>
      <div className="log-axis-ticks" ref={ref}>
        {ticks.map((t) => (
          <span key={t} className="log-axis-tick num" style={{ left: `${x(t)}%` }}>
            {formatCount(t)}
          </span>
        ))}
      </div>
    </div>
  );
}
