/** sim.metrics(): the state's tiered tables as merged series, plus the rebalance history; a copy. */
import type { World } from '../world';
import { mergedRows, slotOf, type TieredTable } from './tiered-table';
import {
  G_COMMITTED, G_CONSUMED, G_LAG, G_LAG_MS, G_LOG_END, G_PRODUCED, P_COMMITTED, P_LAG, P_LAG_MS,
  PARTITION_FIELDS, PARTITION_TIERS, SAMPLE_MS, T_LOG_END, T_PRODUCED, TOTALS_TIERS,
} from './tracking';
import type { GroupTotalField, Metrics, MetricsQuery, PartitionField, Series, TopicMetricsState, TopicTotalField } from './types';

export function buildMetrics(w: World, query: MetricsQuery = {}): Metrics {
  const m = w.metrics;
  const wantGroup = filter(query.groups);
  const wantTopic = filter(query.topics);
  const wantPartition = (p: string) =>
    query.partitions === undefined || query.partitions === 'all' ? true : query.partitions === 'none' ? false : query.partitions.includes(p);

  const topics: Metrics['topics'] = {};
  for (const [name, topic] of Object.entries(m.topics)) {
    if (!wantTopic(name)) continue;
    const rows = mergedRows(topic.totals, [T_LOG_END, T_PRODUCED]);
    const totals: Series<TopicTotalField> = {
      t: rows.t, stepMs: rows.stepMs, logEnd: rows.values[0]!, produced: rows.values[1]!,
      produceRate: perSecond(rows.values[1]!, rows.stepMs),
    };
    const partitions: Record<string, Series<'logEnd'>> = {};
    for (let i = 0; i < topic.partitions.kinds.length; i++) {
      const id = `${name}-${i}`;
      if (!wantPartition(id)) continue;
      const p = mergedRows(topic.partitions, [i]);
      partitions[id] = { t: p.t, stepMs: p.stepMs, logEnd: p.values[0]! };
    }
    topics[name] = { totals, partitions };
  }

  const groups: Metrics['groups'] = {};
  for (const [groupId, group] of Object.entries(m.groups)) {
    if (!wantGroup(groupId)) continue;
    const rows = mergedRows(group.totals, [G_LOG_END, G_COMMITTED, G_LAG, G_LAG_MS, G_CONSUMED, G_PRODUCED]);
    const [logEnd, committed, lag, lagMs, consumed, produced] = rows.values as [
      (number | null)[], (number | null)[], (number | null)[], (number | null)[], (number | null)[], (number | null)[],
    ];
    const totals: Series<GroupTotalField> = {
      t: rows.t, stepMs: rows.stepMs, logEnd, committed, lag, lagMs, consumed, produced,
      consumeRate: perSecond(consumed, rows.stepMs), produceRate: perSecond(produced, rows.stepMs),
    };
    const partitions: Record<string, Series<PartitionField>> = {};
    group.tracked.forEach((id, slot) => {
      if (!wantPartition(id)) return;
      const col = slot * PARTITION_FIELDS;
      const p = mergedRows(group.partitions, [col + P_COMMITTED, col + P_LAG, col + P_LAG_MS]);
      const topic = m.topics[group.trackedTopic[slot]!];
      const index = group.trackedIndex[slot]!;
      partitions[id] = {
        t: p.t, stepMs: p.stepMs,
        logEnd: p.t.map((t, i) => (topic ? logEndAt(topic, index, p.stepMs[i]!, t) : null)),
        committed: p.values[0]!, lag: p.values[1]!, lagMs: p.values[2]!,
      };
    });
    groups[groupId] = { totals, partitions };
  }

  const rebalances = m.rebalances.filter((r) => wantGroup(r.groupId));
  return {
    now: w.now,
    sampledUntil: m.nextSampleAt - SAMPLE_MS,
    sampleMs: SAMPLE_MS,
    tiers: { totals: TOTALS_TIERS.map((t) => ({ ...t })), partitions: PARTITION_TIERS.map((t) => ({ ...t })) },
    topics,
    groups,
    rebalances: structuredClone(rebalances), // the series above are fresh arrays already
    droppedRebalances: m.droppedRebalances,
  };
}

function filter(names: string[] | undefined): (name: string) => boolean {
  if (names === undefined) return () => true;
  const set = new Set(names);
  return (name) => set.has(name);
}

function perSecond(counts: (number | null)[], stepMs: number[]): (number | null)[] {
  return counts.map((c, i) => (c === null ? null : (c * 1000) / stepMs[i]!));
}

/** The topic-partition's log end in the bucket of width stepMs ending at t (same tiers, same boundaries). */
function logEndAt(topic: TopicMetricsState, index: number, stepMs: number, t: number): number | null {
  const table: TieredTable = topic.partitions;
  const tier = table.tiers.find((x) => x.stepMs === stepMs);
  if (!tier || tier.size === 0) return null;
  const newest = tier.t[slotOf(tier, tier.size - 1)]!;
  const k = tier.size - 1 - (newest - t) / stepMs;
  if (!Number.isInteger(k) || k < 0) return null;
  const slot = slotOf(tier, k);
  return tier.t[slot] === t ? (tier.cols[index]?.[slot] ?? null) : null;
}

/**
 * A series as an array of points ordered by time, for d3 (`line().x(d => x(d.t))`):
 * each point has t, stepMs and every field of the series.
 */
export function seriesPoints<F extends string>(series: Series<F>): ({ t: number; stepMs: number } & { [K in F]: number | null })[] {
  const fields = Object.keys(series).filter((k) => k !== 't' && k !== 'stepMs') as F[];
  return series.t.map((t, i) => {
    const point = { t, stepMs: series.stepMs[i]! } as { t: number; stepMs: number } & { [K in F]: number | null };
    for (const f of fields) (point as Record<string, number | null>)[f] = series[f][i] ?? null;
    return point;
  });
}
