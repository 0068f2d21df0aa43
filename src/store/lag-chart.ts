import { seriesPoints, type Metrics, type RebalanceCause } from '../engine';

/** What the lag chart plots: the group's totals, or one partition. */
export type LagScope = { kind: 'group' } | { kind: 'partition'; partition: string };
/** Lag in records (offsets behind) or in seconds behind (how old the oldest uncommitted record is). */
export type LagUnit = 'records' | 'seconds';

export interface ChartPoint {
  t: number;
  value: number;
}

export interface ChartBand {
  id: number;
  startMs: number;
  /** The rebalance's end, or `now` while it is open. */
  endMs: number;
  open: boolean;
  cause: RebalanceCause;
  /** The engine's wording of the trigger, and who triggered it. */
  reason: string;
  consumerId: string | null;
  /** For a partition: how long it paused in this rebalance (absent: it kept being consumed). */
  pausedMs: number | null;
  /** Over the partitions that stopped: the longest pause, and how many stopped. */
  maxPausedMs: number;
  stopped: number;
}

export interface LagChartModel {
  /** The chart's time domain: the kept history, oldest sample to now. */
  from: number;
  to: number;
  lag: ChartPoint[];
  /** Records/s appended to the group's topics and processed by the group (group scope only). */
  produce: ChartPoint[];
  consume: ChartPoint[];
  bands: ChartBand[];
}

/**
 * The lag chart's data, straight from sim.metrics() (which follows a rewind, so the chart
 * does too): one point per bucket at its end time, rebalances of the group as bands.
 * `metrics` may be narrowed to the group (and the partition) already.
 */
export function buildLagChart(metrics: Metrics, groupId: string, scope: LagScope, unit: LagUnit): LagChartModel {
  const group = metrics.groups[groupId];
  const field = unit === 'records' ? 'lag' : 'lagMs';
  const toValue = (v: number | null): number | null => (v === null ? null : unit === 'records' ? v : v / 1000);
  const lag: ChartPoint[] = [];
  const produce: ChartPoint[] = [];
  const consume: ChartPoint[] = [];
  let from = metrics.now;
  if (group) {
    if (scope.kind === 'group') {
      for (const p of seriesPoints(group.totals)) {
        from = Math.min(from, p.t - p.stepMs);
        const v = toValue(p[field]);
        if (v !== null) lag.push({ t: p.t, value: v });
        if (p.produceRate !== null) produce.push({ t: p.t, value: p.produceRate });
        if (p.consumeRate !== null) consume.push({ t: p.t, value: p.consumeRate });
      }
    } else {
      const series = group.partitions[scope.partition];
      for (const p of series ? seriesPoints(series) : []) {
        from = Math.min(from, p.t - p.stepMs);
        const v = toValue(p[field]);
        if (v !== null) lag.push({ t: p.t, value: v });
      }
    }
  }
  const bands: ChartBand[] = metrics.rebalances
    .filter((r) => r.groupId === groupId)
    .map((r) => {
      const pauses = Object.values(r.partitions).map((x) => x.pausedMs);
      const own = scope.kind === 'partition' ? r.partitions[scope.partition] : undefined;
      return {
        id: r.id,
        startMs: r.startMs,
        endMs: r.endMs ?? metrics.now,
        open: r.endMs === null,
        cause: r.cause,
        reason: r.reason,
        consumerId: r.consumerId,
        pausedMs: own ? own.pausedMs : null,
        maxPausedMs: pauses.length === 0 ? 0 : Math.max(...pauses),
        stopped: pauses.length,
      };
    })
    .filter((b) => b.endMs >= from);
  return { from: Math.min(from, metrics.now), to: metrics.now, lag, produce, consume, bands };
}
