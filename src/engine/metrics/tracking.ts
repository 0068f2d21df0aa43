/**
 * What metrics tracks and in which table columns: topics (from their creation), groups and
 * their partitions (from the first assignment or commit that names them).
 */
import { parsePartition } from '../cluster/log';
import { addColumns, createTable, type Aggregate, type TierSpec } from './tiered-table';
import type { GroupMetricsState, MetricsState, TopicMetricsState } from './types';

/** Virtual time between two samples. */
export const SAMPLE_MS = 1_000;

/**
 * Totals of groups and topics: a handful of columns each, so fine and long:
 * 1 s for 10 min, 10 s for 2 h, 1 min for 24 h, 10 min for 7 days (3,768 rows).
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
 * 1 min for 2 h, 10 min for 24 h: 324 rows. A group-partition keeps 3 columns (committed,
 * lag, lagMs) and a topic-partition 1 (logEnd), so 10,000 group-partitions and 1,000
 * topic-partitions hold at most 10,000 x 972 + 1,000 x 324 ~ 10 M numbers (~80 MB as V8
 * arrays), however long the run. Plain number arrays, not typed arrays: the World must stay
 * plain JSON for structuredClone and hash(). The 10 s buckets still see every 1 s sample
 * (lag and lagMs are maxima over them).
 */
export const PARTITION_TIERS: readonly TierSpec[] = [
  { stepMs: 10_000, capacity: 60 },
  { stepMs: 60_000, capacity: 120 },
  { stepMs: 600_000, capacity: 144 },
];

/** Group totals columns. */
export const G_LOG_END = 0;
export const G_COMMITTED = 1;
export const G_LAG = 2;
export const G_LAG_MS = 3;
export const G_CONSUMED = 4;
export const G_PRODUCED = 5;
const GROUP_KINDS: Aggregate[] = ['last', 'last', 'max', 'max', 'sum', 'sum'];

/** Per group-partition columns, at 3 * slot + field. */
export const P_COMMITTED = 0;
export const P_LAG = 1;
export const P_LAG_MS = 2;
export const PARTITION_FIELDS = 3;
const PARTITION_KINDS: Aggregate[] = ['last', 'max', 'max'];

/** Topic totals columns. */
export const T_LOG_END = 0;
export const T_PRODUCED = 1;

export function createMetricsState(): MetricsState {
  return {
    nextSampleAt: SAMPLE_MS,
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
      totals: createTable(TOTALS_TIERS, ['last', 'sum']),
      partitions: createTable(PARTITION_TIERS),
      lastLogEnd: 0,
      segments: [],
    };
    m.topics[topic] = state;
  }
  return state;
}

/** Grows the topic's per-partition table to `count` columns. */
export function ensureTopicPartitions(topic: TopicMetricsState, count: number): void {
  const missing = count - topic.partitions.kinds.length;
  if (missing > 0) addColumns(topic.partitions, new Array<Aggregate>(missing).fill('last'));
}

export function groupMetrics(m: MetricsState, groupId: string): GroupMetricsState {
  let state = m.groups[groupId];
  if (!state) {
    state = {
      totals: createTable(TOTALS_TIERS, GROUP_KINDS),
      partitions: createTable(PARTITION_TIERS),
      tracked: [],
      trackedTopic: [],
      trackedIndex: [],
      topics: [],
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
export function trackPartition(group: GroupMetricsState, partition: string): void {
  if (Object.hasOwn(group.watches, partition)) return;
  const parsed = parsePartition(partition);
  if (!parsed) return;
  group.watches[partition] = { holder: null, unownedSince: null, pausedSince: null };
  group.tracked.push(partition);
  group.trackedTopic.push(parsed.topic);
  group.trackedIndex.push(parsed.index);
  if (!group.topics.includes(parsed.topic)) group.topics.push(parsed.topic);
  addColumns(group.partitions, PARTITION_KINDS);
}
