import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { memo, useId, useMemo, useRef, useState } from 'react';
import { buildLagChart, type ChartBand, type ChartPoint, type LagScope, type LagUnit } from '../../store/lag-chart';
import { formatClock, formatCount, formatDuration } from '../format/time';
import { useMessages } from '../i18n';
import { useSim, useSimStore } from '../StoreContext';
import { useElementWidth } from '../useElementWidth';
import { offsetPartitionsKeyOf } from '../select/views';

const LAG_HEIGHT = 150;
const RATE_HEIGHT = 90;
const MARGIN = { left: 52, right: 12, top: 18, bottom: 20 };
const PX_PER_TICK = 90;

/**
 * Lag over time from the engine's metrics (sim.metrics(): bounded, tiered series), for the
 * selected group or one of its partitions, in records or seconds behind; produce vs
 * consume rate under it; each rebalance a band labelled with its cause. The metrics live in
 * the engine, so after a rewind the chart shows the rewound past and nothing after it.
 */
/** Memoised: its parent re-renders every frame; it reads the store on its own. */
export const LagChart = memo(function LagChart() {
  const m = useMessages().chart;
  const store = useSimStore();
  const base = useId();
  const [partition, setPartition] = useState('');
  const [unit, setUnit] = useState<LagUnit>('records');
  // Re-read once per virtual second (a sample), at most about four times a real second when
  // fast, and whenever a rewind rebuilds the frame.
  const { groupId, second, bands, partitions } = useSim((s) => ({
    groupId: s.selectedGroup,
    second: Math.floor(s.frame.snapshot.now / (1000 * Math.max(1, Math.round(s.speed / 4)))),
    bands: s.frame.bands,
    partitions: offsetPartitionsKeyOf(s),
  }));
  const choices = partitions.split(' ').filter(Boolean);
  const picked = choices.includes(partition) ? partition : '';
  const scope: LagScope = picked === '' ? { kind: 'group' } : { kind: 'partition', partition: picked };
  const model = useMemo(() => {
    const metrics = store.getState().metrics({ groups: [groupId], topics: [], partitions: picked === '' ? 'none' : [picked] });
    return buildLagChart(metrics, groupId, picked === '' ? { kind: 'group' } : { kind: 'partition', partition: picked }, unit);
    // second and bands say when the engine's metrics have changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, groupId, picked, unit, second, bands]);

  const ref = useRef<HTMLDivElement>(null);
  const width = Math.max(240, useElementWidth(ref));
  const x = useMemo(
    () => scaleLinear().domain([model.from, Math.max(model.to, model.from + 1_000)]).range([MARGIN.left, width - MARGIN.right]),
    [model.from, model.to, width],
  );
  const last = model.lag.at(-1);
  const unitWord = unit === 'records' ? m.records : m.seconds;
  const summary = last
    ? m.summary(groupId, picked === '' ? m.allPartitions : picked, unit === 'records' ? formatCount(last.value) : last.value.toFixed(1), unitWord, model.bands.length)
    : m.noData;

  return (
    <section className="chart" aria-labelledby={`${base}-title`} data-testid="lag-chart">
      <header className="chart-head">
        <div>
          <h3 id={`${base}-title`} className="section-title">
            {m.title(groupId)}
          </h3>
        </div>
        <div className="chart-controls">
          <label htmlFor={`${base}-scope`}>{m.scope}</label>
          <select id={`${base}-scope`} className="select" value={picked} onChange={(e) => setPartition(e.target.value)}>
            <option value="">{m.allPartitions}</option>
            {choices.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
          <fieldset className="segmented">
            <legend className="visually-hidden">{m.unit}</legend>
            {(['records', 'seconds'] as const).map((u) => (
              <label key={u} className={`segment${unit === u ? ' is-on' : ''}`}>
                <input type="radio" name={`${base}-unit`} value={u} checked={unit === u} onChange={() => setUnit(u)} />
                {u === 'records' ? m.inRecords : m.inSeconds}
              </label>
            ))}
          </fieldset>
        </div>
      </header>
      <div ref={ref} className="chart-body">
        <Plot
          testId="lag-plot"
          label={summary}
          width={width}
          height={LAG_HEIGHT}
          x={x}
          bands={model.bands}
          series={[{ key: 'lag', points: model.lag, className: 'line-lag' }]}
          yLabel={unit === 'records' ? m.lagRecords : m.lagSeconds}
          scope={scope}
          showBandLabels
          data={{ 'data-points': model.lag.length, 'data-last': last ? String(last.value) : '', 'data-unit': unit, 'data-bands': model.bands.length }}
        />
        {scope.kind === 'group' && (
          <Plot
            testId="rate-plot"
            label={m.ratesSummary(formatCount(model.produce.at(-1)?.value ?? 0), formatCount(model.consume.at(-1)?.value ?? 0))}
            width={width}
            height={RATE_HEIGHT}
            x={x}
            bands={model.bands}
            series={[
              { key: 'produce', points: model.produce, className: 'line-produce' },
              { key: 'consume', points: model.consume, className: 'line-consume' },
            ]}
            yLabel={m.rate}
            scope={scope}
            showBandLabels={false}
            data={{ 'data-points': model.consume.length }}
          />
        )}
        <ul className="chart-legend">
          <li>
            <span className="key key-lag" aria-hidden="true" />
            {unit === 'records' ? m.lagRecords : m.lagSeconds}
          </li>
          {scope.kind === 'group' && (
            <>
              <li>
                <span className="key key-produce" aria-hidden="true" />
                {m.produceRate}
              </li>
              <li>
                <span className="key key-consume" aria-hidden="true" />
                {m.consumeRate}
              </li>
            </>
          )}
          <li>
            <span className="key key-band" aria-hidden="true" />
            {m.bandKey}
          </li>
        </ul>
      </div>
    </section>
  );
});

interface PlotProps {
  testId: string;
  label: string;
  width: number;
  height: number;
  x: ReturnType<typeof scaleLinear<number, number>>;
  bands: ChartBand[];
  series: { key: string; points: ChartPoint[]; className: string }[];
  yLabel: string;
  scope: LagScope;
  showBandLabels: boolean;
  data: Record<string, string | number>;
}

/** One plot: bands behind, lines on top, a y axis with a few ticks and a time axis. d3 computes, React draws. */
function Plot({ testId, label, width, height, x, bands, series, yLabel, scope, showBandLabels, data }: PlotProps) {
  const m = useMessages().chart;
  const max = Math.max(1, ...series.flatMap((s) => s.points.map((p) => p.value)));
  const y = scaleLinear().domain([0, max]).nice(4).range([height - MARGIN.bottom, MARGIN.top]);
  const path = line<ChartPoint>()
    .x((p) => x(p.t))
    .y((p) => y(p.value));
  const xTicks = x.ticks(Math.max(2, Math.floor(width / PX_PER_TICK)));
  return (
    <>
    <p className="plot-ylabel" aria-hidden="true">
      {yLabel}
    </p>
    <svg className="plot" width={width} height={height} role="img" aria-label={label} data-testid={testId} {...data}>
      {y.ticks(4).map((t) => (
        <g key={t}>
          <line className="plot-grid" x1={MARGIN.left} x2={width - MARGIN.right} y1={y(t)} y2={y(t)} />
          <text className="plot-tick" x={MARGIN.left - 6} y={y(t) + 4} textAnchor="end">
            {formatCount(t)}
          </text>
        </g>
      ))}
      {bands.map((b) => {
        const x0 = x(b.startMs);
        const w = Math.max(3, x(b.endMs) - x0);
        const pause = scope.kind === 'partition' ? b.pausedMs : b.maxPausedMs;
        const title = m.bandTitle(m.cause[b.cause] ?? b.cause, b.reason, b.consumerId, formatClock(b.startMs), pause === null ? m.keptConsuming : formatDuration(pause), b.stopped);
        return (
          <g key={b.id} className={`plot-band${b.open ? ' is-open' : ''}`} data-testid={showBandLabels ? `lag-band-${b.id}` : undefined} data-cause={b.cause}>
            <rect x={x0} y={MARGIN.top} width={w} height={height - MARGIN.top - MARGIN.bottom}>
              <title>{title}</title>
            </rect>
            {showBandLabels && (
              <text className="plot-band-label" x={x0 + 2} y={MARGIN.top - 5}>
                {m.cause[b.cause] ?? b.cause}
              </text>
            )}
          </g>
        );
      })}
      {series.map((s) => (
        <path key={s.key} className={`plot-line ${s.className}`} d={path(s.points) ?? ''} />
      ))}
      {xTicks.map((t) => (
        <text key={t} className="plot-tick" x={x(t)} y={height - 5} textAnchor="middle">
          {formatClock(t).slice(0, 5)}
        </text>
      ))}
    </svg>
    </>
  );
}
