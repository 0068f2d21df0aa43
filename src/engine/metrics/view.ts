/** sim.metrics(): the state's tiered tables as merged series, plus the rebalance history; a copy. */
import type { World } from '../world';
import { mergedRows, rowTime, rowValue, type Tier } from './tiered-table';
import {
  G_COMMITTED, G_CONSUMED, G_LAG, G_LAG_MS, G_LOG_END, G_PRODUCED, P_COMMITTED, P_LAG, P_LAG_MS, PARTITION_TIERS,
  SPAN, T_LOG_END, T_PRODUCED, TOTALS_TIERS, partitionCol, sampleIntervalMs, topicPartitionCol,
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
    const rows = mergedRows(topic.totals, [T_LOG_END, T_PRODUCED], SPAN);
    const totals: Series<TopicTotalField> = {
      t: rows.t, stepMs: rows.stepMs, logEnd: rows.values[0]!, produced: rows.values[1]!,
      produceRate: perSecond(rows.values[1]!, rows.stepMs),
    };
    const partitions: Record<string, Series<'logEnd'>> = {};
    for (let i = 0; i < topic.partitions.kinds.length - 1; i++) {
      const id = `${name}-${i}`;
      if (!wantPartition(id)) continue;
      const p = mergedRows(topic.partitions, [topicPartitionCol(i)], SPAN);
      partitions[id] = { t: p.t, stepMs: p.stepMs, logEnd: p.values[0]! };
    }
    topics[name] = { totals, partitions };
  }

  const groups: Metrics['groups'] = {};
  for (const [groupId, group] of Object.entries(m.groups)) {
    if (!wantGroup(groupId)) continue;
    const rows = mergedRows(group.totals, [G_LOG_END, G_COMMITTED, G_LAG, G_LAG_MS, G_CONSUMED, G_PRODUCED], SPAN);
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
      const p = mergedRows(group.partitions, [partitionCol(slot, P_COMMITTED), partitionCol(slot, P_LAG), partitionCol(slot, P_LAG_MS)], SPAN);
      const topic = m.topics[group.trackedTopic[slot]!];
      const index = group.trackedIndex[slot]!;
      partitions[id] = {
        t: p.t, stepMs: p.stepMs,
        logEnd: p.t.map((t) => (topic ? logEndAt(topic, index, t) : null)),
        committed: p.values[0]!, lag: p.values[1]!, lagMs: p.values[2]!,
      };
    });
    groups[groupId] = { totals, partitions };
  }

  const rebalances = m.rebalances.filter((r) => wantGroup(r.groupId));
  return {
    now: w.now,
    sampledUntil: m.lastSampleAt,
    sampleMs: sampleIntervalMs(m),
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

/**
 * The topic-partition's log end at the end of the bucket ending at t: the topic's table has
 * the same tiers and is sampled at the same boundaries, so the finest tier holding t has it.
 */
function logEndAt(topic: TopicMetricsState, index: number, t: number): number | null {
  for (const tier of topic.partitions.tiers) {
    if (tier.size === 0 || rowTime(tier, 0) > t) continue;
    const k = findRow(tier, t);
    if (k !== null) return rowValue(tier, k, topicPartitionCol(index));
  }
  return null;
}

/** Binary search (rows are in time order) for the row ending exactly at t. */
function findRow(tier: Tier, t: number): number | null {
  let lo = 0;
  let hi = tier.size - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = rowTime(tier, mid);
    if (at === t) return mid;
    if (at < t) lo = mid + 1;
    else hi = mid - 1;
  }
  return null;
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
