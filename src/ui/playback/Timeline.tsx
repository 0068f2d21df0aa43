import { scaleLinear } from 'd3-scale';
import { useMemo, useRef, type CSSProperties } from 'react';
import type { RebalanceBand } from '../../store/rebalance-bands';
import { formatClock } from '../format/time';
import { useMessages } from '../i18n';
import { useSim } from '../StoreContext';
import { useElementWidth } from '../useElementWidth';

/** Room a tick label needs. */
const PX_PER_TICK = 80;
/** The scrubber moves in steps of this many virtual ms (arrow keys). */
const SCRUB_STEP_MS = 100;

/**
 * The run so far on one axis: rebalances as bands (one row per group), the playhead, and a
 * scrubber that rewinds and replays exactly (the store replays the command log). d3 gives
 * the scale and the ticks; React draws. The range input is the control, for mouse,
 * touch and keyboard alike.
 */
export function Timeline() {
  const m = useMessages().timeline;
  const { now, horizon, bands, seekTo } = useSim(
    (s) => ({
      // Rounded to the scrubber's step so the bar re-renders ten times a virtual second, not every frame.
      now: Math.floor(s.frame.snapshot.now / SCRUB_STEP_MS) * SCRUB_STEP_MS,
      horizon: Math.ceil(s.frame.horizon / SCRUB_STEP_MS) * SCRUB_STEP_MS,
      bands: s.frame.bands,
      seekTo: s.seekTo,
    }),
    (a, b) => a.now === b.now && a.horizon === b.horizon && a.bands === b.bands,
  );
  const ref = useRef<HTMLDivElement>(null);
  const width = useElementWidth(ref);
  const end = Math.max(horizon, 1_000);
  const x = useMemo(() => scaleLinear().domain([0, end]).range([0, 100]), [end]);
  // Whole seconds only, one label each (d3 may offer half seconds early in a run).
  const ticks = width > 0 ? [...new Set(x.ticks(Math.max(2, Math.floor(width / PX_PER_TICK))).map((t) => Math.round(t / 1000) * 1000))] : [];
  const groups = useMemo(() => [...new Set(bands.map((b) => b.groupId))].sort(), [bands]);
  return (
    <div className="timeline" data-testid="timeline" aria-label={m.label} role="group">
      <div className="timeline-track" ref={ref}>
        <span className="timeline-past" style={{ width: `${x(now)}%` }} aria-hidden="true" />
        {bands.map((band) => (
          <BandView key={`${band.groupId}-${band.start}`} band={band} x={x} row={groups.indexOf(band.groupId)} rows={groups.length} now={now} />
        ))}
        <span className="timeline-head" style={{ left: `${x(now)}%` }} aria-hidden="true" />
        <input
          className="timeline-input"
          type="range"
          min={0}
          max={end}
          step={SCRUB_STEP_MS}
          value={now}
          aria-label={m.scrub}
          aria-valuetext={formatClock(now)}
          onChange={(e) => seekTo(Number(e.target.value))}
        />
      </div>
      <div className="timeline-axis num" aria-hidden="true">
        {ticks.map((t) => (
          <span key={t} className="timeline-tick" style={{ left: `${x(t)}%` }}>
            {formatClock(t).slice(0, 5)}
          </span>
        ))}
      </div>
    </div>
  );
}

function BandView({
  band,
  x,
  row,
  rows,
  now,
}: {
  band: RebalanceBand;
  x: (v: number) => number;
  row: number;
  rows: number;
  now: number;
}) {
  const m = useMessages().timeline;
  const endAt = band.end ?? now;
  const style: CSSProperties = {
    left: `${x(band.start)}%`,
    // A rebalance lasts milliseconds: at least a visible sliver.
    width: `max(3px, ${x(endAt) - x(band.start)}%)`,
    top: `${(row / Math.max(1, rows)) * 100}%`,
    height: `${100 / Math.max(1, rows)}%`,
  };
  const label = m.rebalance(band.groupId, band.reason);
  return (
    <span
      className={`timeline-band${band.start > now ? ' is-future' : ''}`}
      style={style}
      title={`${label} · ${formatClock(band.start)}`}
      data-testid="timeline-band"
      data-group={band.groupId}
      aria-hidden="true"
    />
  );
}
