/**
 * What metrics tracks and in which table columns: topics (from their creation), groups and
 * their partitions (from the first assignment or commit that names them).
 */
import { parsePartition } from '../cluster/log';
import { addColumns, createTable, type Aggregate, type TierSpec } from './tiered-table';
import type { GroupMetricsState, MetricsState, TopicMetricsState } from './types';

/** The finest sampling step: samples are taken at multiples of it. */
export const SAMPLE_MS = 1_000;

/**
 * Partition series one sample may compute before the sampler slows down: each tracked
 * topic-partition and group-partition is one value per sample (about 100 ns). Up to 1,000
 * it samples every second, up to 10,000 every 10 s, beyond every 60 s. So the default page
 * (4 partitions, 8 series) and the 100-partition bench are sampled every second, 1,000
 * partitions in one group every 10 s, and issue 12's 1,000 partitions x 10 groups (11,000
 * series) every minute: ~1 ms per sample, ~70 ms per virtual hour, which keeps one virtual
 * hour per wall second affordable. Nothing here grows with records.
 */
export const SAMPLE_BUDGET = 1_000;

/** The sampling interval for the series the world tracks now: 1 s, 10 s or 60 s. */
export function sampleIntervalMs(m: MetricsState): number {
  const series = m.partitionSeries;
  if (series <= SAMPLE_BUDGET) return 1_000;
  if (series <= SAMPLE_BUDGET * 10) return 10_000;
  return 60_000;
}

/**
 * Totals of groups and topics: a handful of columns each, so fine and long:
 * 1 s for 10 min, 10 s for 2 h, 1 min for 24 h, 10 min for 7 days (3,768 rows). A tier
 * finer than the sampling interval gets one row per sample, so its rows cover more time.
 */
export const TOTALS_TIERS: readonly TierSpec[] = [
  { stepMs: 1_000, capacity: 600 },
  { stepMs: 10_000, capacity: 720 },
  { stepMs: 60_000, capacity: 1_440 },
  { stepMs: 600_000, capacity: 1_008 },
];

/**
 * Per-partition series: coarser and shorter, because there can be many (issue 12's scale
 * target is 1,000 partitions x 10 groups = 10,000 group-partitions). 10 s for 10 min,
 * 1 min for 2 h, 10 min for 24 h: 324 rows (at 1 s sampling; slower sampling stretches the
 * finer tiers). A group-partition keeps 3 values per row (committed, lag, lagMs) and a
 * topic-partition 1 (logEnd), so 10,000 group-partitions and 1,000 topic-partitions hold at
 * most 10,000 x 972 + 1,000 x 324 ~ 10 M numbers (~80 MB in V8, measured: +83 MB of heap
 * after 25 virtual hours), however long the run. Plain arrays in chunks, not typed
 * arrays: the World must stay plain JSON for structuredClone and hash(). A 10 s bucket sees
 * every sample inside it (lag and lagMs are maxima over them). Checkpoints share the full
 * chunks (checkpoint-copy.ts), so each copies only the chunks being filled; but checkpoints
 * far apart hold different chunks, so the rewind history can keep several times this.
 */
export const PARTITION_TIERS: readonly TierSpec[] = [
  { stepMs: 10_000, capacity: 60 },
  { stepMs: 60_000, capacity: 120 },
  { stepMs: 600_000, capacity: 144 },
];

/**
 * Column 0 of every table: the virtual time its samples span (sum). A bucket of a tier
 * spans its step when sampled every second, more when the sampler runs slower, and the
 * first bucket of a series may span less; rates divide by it, and the view reports it as
 * the bucket's width.
 */
export const SPAN = 0;

/** Group totals columns. */
export const G_LOG_END = 1;
export const G_COMMITTED = 2;
export const G_LAG = 3;
export const G_LAG_MS = 4;
export const G_CONSUMED = 5;
export const G_PRODUCED = 6;
const GROUP_KINDS: Aggregate[] = ['sum', 'last', 'last', 'max', 'max', 'sum', 'sum'];

/** Per group-partition columns, at 1 + 3 * slot + field. */
export const P_COMMITTED = 0;
export const P_LAG = 1;
export const P_LAG_MS = 2;
export const PARTITION_FIELDS = 3;
const PARTITION_KINDS: Aggregate[] = ['last', 'max', 'max'];

/** Column of a group-partition field. */
export function partitionCol(slot: number, field: number): number {
  return 1 + slot * PARTITION_FIELDS + field;
}

/** Column of a topic-partition's log end. */
export function topicPartitionCol(index: number): number {
  return 1 + index;
}

/** Topic totals columns. */
export const T_LOG_END = 1;
export const T_PRODUCED = 2;

export function createMetricsState(): MetricsState {
  return {
    nextSampleAt: SAMPLE_MS,
    lastSampleAt: 0,
    partitionSeries: 0,
    topics: {},
    groups: {},
    consumerGroups: {},
    pollTimedOut: {},
    rebalances: [],
    droppedRebalances: 0,
    nextRebalanceId: 1,
  };
}

export function topicMetrics(m: MetricsState, topic: string): TopicMetricsState {
  let state = m.topics[topic];
  if (!state) {
    state = {
      totals: createTable(TOTALS_TIERS, ['sum', 'last', 'sum']),
      partitions: createTable(PARTITION_TIERS, ['sum']),
      lastLogEnd: 0,
      segments: [],
    };
    m.topics[topic] = state;
  }
  return state;
}

/** Grows the topic's per-partition table to `count` columns. */
export function ensureTopicPartitions(m: MetricsState, topic: TopicMetricsState, count: number): void {
  const missing = count - (topic.partitions.kinds.length - 1);
  if (missing <= 0) return;
  addColumns(topic.partitions, new Array<Aggregate>(missing).fill('last'));
  m.partitionSeries += missing;
}

export function groupMetrics(m: MetricsState, groupId: string): GroupMetricsState {
  let state = m.groups[groupId];
  if (!state) {
    state = {
      totals: createTable(TOTALS_TIERS, GROUP_KINDS),
      partitions: createTable(PARTITION_TIERS, ['sum']),
      tracked: [],
      trackedTopic: [],
      trackedIndex: [],
      topics: [],
      trackedPerTopic: {},
      lastConsumed: 0,
      watches: {},
      metadataChanged: false,
      lastRebalanceId: 0,
    };
    m.groups[groupId] = state;
  }
  return state;
}

/** Starts the series of a group's partition (once). Malformed ids are ignored. */
export function trackPartition(m: MetricsState, group: GroupMetricsState, partition: string): void {
  if (Object.hasOwn(group.watches, partition)) return;
  const parsed = parsePartition(partition);
  if (!parsed) return;
  group.watches[partition] = { holder: null, unownedSince: null, pausedSince: null };
  group.tracked.push(partition);
  group.trackedTopic.push(parsed.topic);
  group.trackedIndex.push(parsed.index);
  if (!group.topics.includes(parsed.topic)) group.topics.push(parsed.topic);
  group.trackedPerTopic[parsed.topic] = (group.trackedPerTopic[parsed.topic] ?? 0) + 1;
  addColumns(group.partitions, PARTITION_KINDS);
  m.partitionSeries += 1;
}
