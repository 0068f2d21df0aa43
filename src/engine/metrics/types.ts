/**
 * Metrics: bounded time series and a rebalance history, as the engine keeps them (state,
 * inside the World) and as sim.metrics() hands them out (the view, plain JSON).
 */
import type { TieredTable, TierSpec } from './tiered-table';

/* ---------- the view: what sim.metrics() returns ---------- */

/**
 * A time series over the whole kept history, oldest first, ready for a d3 line:
 * point i is the bucket (t[i] - stepMs[i], t[i]] of virtual time. Recent buckets are fine,
 * older ones coarser (see {@link Metrics.tiers}); buckets tile the time line without gaps
 * or overlaps. Each field holds one value per point; null = no value (e.g. nothing
 * committed yet). {@link seriesPoints} turns it into an array of point objects.
 */
export type Series<F extends string> = { t: number[]; stepMs: number[] } & { [K in F]: (number | null)[] };

/**
 * Per-partition fields, for one group (records and ms):
 * - logEnd: the partition's log end offset at the bucket's last sample.
 * - committed: the group's committed offset at the bucket's last sample; null = none yet.
 * - lag: the largest lag seen in the bucket, lag = logEnd - committed as
 *   kafka-consumer-groups.sh shows it (logStart stands in for a missing commit).
 * - lagMs: the largest lag in time seen in the bucket: how long ago the record at the
 *   committed offset was appended (now - its append time); 0 when lag is 0.
 */
export type PartitionField = 'logEnd' | 'committed' | 'lag' | 'lagMs';

/**
 * A group's totals over all partitions it tracks:
 * - logEnd, committed: sums at the bucket's last sample (committed counts logStart for a
 *   partition with no commit, so lag = logEnd - committed);
 * - lag: the largest total lag seen in the bucket (records);
 * - lagMs: the largest lag in time of any of its partitions in the bucket;
 * - consumed: records the group processed in the bucket (each processing counts, so
 *   duplicates count again); produced: records appended to its topics in the bucket;
 * - consumeRate, produceRate: those counts per second of virtual time.
 */
export type GroupTotalField = 'logEnd' | 'committed' | 'lag' | 'lagMs' | 'consumed' | 'produced' | 'consumeRate' | 'produceRate';

/** A topic's totals: logEnd summed over its partitions (last sample), produced per bucket, and per second. */
export type TopicTotalField = 'logEnd' | 'produced' | 'produceRate';

/**
 * Why a rebalance started, in the words of the issue:
 * - 'join': a member joined (or a known one rejoined as leader, Kafka's "leader rejoined");
 * - 'leave': a member sent LeaveGroup (close());
 * - 'session timeout': the coordinator expelled a member that sent no heartbeat;
 * - 'poll timeout': a member left because max.poll.interval.ms passed without poll();
 * - 'metadata': the subscribed topics or their partitions changed;
 * - 'rebalance timeout': members that did not sync in time were removed;
 * - 'broker': the group's coordinator moved (coordinator failover);
 * - 'follow-up': a rebalance the protocol itself asks for (cooperative's second round).
 */
export type RebalanceCause =
  | 'join'
  | 'leave'
  | 'session timeout'
  | 'poll timeout'
  | 'metadata'
  | 'rebalance timeout'
  | 'broker'
  | 'follow-up';

/**
 * How one partition of the group fared in one rebalance (ms of virtual time). Both count
 * the stretch that ended when the partition was next assigned, even if it began before
 * the rebalance did (a crashed member's partitions stop at the crash).
 * - unownedMs: no member owned it in the group's view: from its release (revoked or lost
 *   by its owner, or its owner removed by the coordinator) until a member received it in
 *   a SyncGroup answer. A partition the group never owned counts from the rebalance start.
 * - pausedMs: nobody consumed it: from when its owner stopped (revoked or lost it, crashed,
 *   stalled, or was removed) until a live member received it. Under eager rebalancing every
 *   partition pauses from its revoke until it is assigned again, so pausedMs >= unownedMs.
 */
export interface PartitionInterruption {
  unownedMs: number;
  pausedMs: number;
}

/** One rebalance of one group, from the coordinator's RebalanceStarted to its RebalanceCompleted. */
export interface RebalanceRecord {
  /** 1, 2, 3, ... over the whole run (also counts dropped records). */
  id: number;
  groupId: string;
  cause: RebalanceCause;
  /** The engine's own wording of the trigger ('member joined', 'sync timeout', ...). */
  reason: string;
  /** The consumer whose action triggered it, if one did. */
  consumerId: string | null;
  startMs: number;
  /** When the coordinator completed it (group Stable) or the group emptied; null while open. */
  endMs: number | null;
  /** The generation it produced; null while open. */
  generation: number | null;
  /** 'open' while under way; 'completed' when Stable; 'emptied' when every member left first. */
  outcome: 'open' | 'completed' | 'emptied';
  /** Further triggers while it was under way (each restarted the join phase), causes in order. */
  restartedBy: RebalanceCause[];
  /**
   * Partitions that stopped because of it, by "topic-N". Partitions that kept being
   * consumed throughout are absent (cooperative rebalancing keeps most of them).
   */
  partitions: Record<string, PartitionInterruption>;
}

export interface MetricsTier {
  stepMs: number;
  capacity: number;
}

/** What sim.metrics() returns: plain JSON, a copy (changing it changes nothing). */
export interface Metrics {
  now: number;
  /** The newest sampling boundary taken (0 before the first sample). */
  sampledUntil: number;
  /**
   * Virtual ms between samples now: 1,000 unless the world tracks more partition series
   * than the sampler's budget allows (then 10,000 or 60,000; see SAMPLE_BUDGET in tracking.ts).
   */
  sampleMs: number;
  /** Resolutions kept: totals (groups, topics) and per-partition series. */
  tiers: { totals: MetricsTier[]; partitions: MetricsTier[] };
  topics: Record<string, { totals: Series<TopicTotalField>; partitions: Record<string, Series<'logEnd'>> }>;
  groups: Record<string, { totals: Series<GroupTotalField>; partitions: Record<string, Series<PartitionField>> }>;
  /** The newest rebalances of every group, oldest first (at most MAX_REBALANCES). */
  rebalances: RebalanceRecord[];
  /** Older rebalance records dropped to keep the history bounded. */
  droppedRebalances: number;
}

/** Narrows sim.metrics() to what a view draws; everything by default. */
export interface MetricsQuery {
  /** Only these groups (and no others); all by default. */
  groups?: string[];
  /** Only these topics; all by default. */
  topics?: string[];
  /** Per-partition series: all (default), none, or only these "topic-N". */
  partitions?: 'all' | 'none' | string[];
}

/* ---------- the state kept in the World (plain JSON data) ---------- */

/** A stretch of the producer formula: bases per partition when it began. */
export interface ProducerSegment {
  since: number;
  rate: number;
  cursor: number;
  bases: number[];
}

export interface TopicMetricsState {
  /** Columns: span (sum), logEnd (last), produced (sum). */
  totals: TieredTable;
  /** Column 0: span (sum); column 1 + i: logEnd of partition i (last). */
  partitions: TieredTable;
  /** Sum of log ends at the previous sample. */
  lastLogEnd: number;
  /** Producer segments, oldest first (bounded), to date a record from its offset. */
  segments: ProducerSegment[];
}

/** Where a partition of a group stands, for the rebalance history. */
export interface PartitionWatch {
  /** The consumer that received it and has not released it (it may have crashed since). */
  holder: string | null;
  unownedSince: number | null;
  pausedSince: number | null;
}

export interface GroupMetricsState {
  /** Columns: span (sum), logEnd (last), committed (last), lag (max), lagMs (max), consumed (sum), produced (sum). */
  totals: TieredTable;
  /** Column 0: span (sum); per tracked partition i, columns 1+3i..3+3i: committed (last), lag (max), lagMs (max). */
  partitions: TieredTable;
  /** Tracked partitions in column order, with their topic and index. */
  tracked: string[];
  trackedTopic: string[];
  trackedIndex: number[];
  /** Topics of the tracked partitions. */
  topics: string[];
  /** How many partitions of each topic are tracked. */
  trackedPerTopic: Record<string, number>;
  /** The ledger's processed count at the previous sample. */
  lastConsumed: number;
  watches: Record<string, PartitionWatch>;
  /** Partitions were added to one of its topics since its last rebalance started. */
  metadataChanged: boolean;
  /** id of the group's newest rebalance record, 0 if none. */
  lastRebalanceId: number;
}

export interface MetricsState {
  /** The next sampling boundary, ms (a multiple of the sampling interval). */
  nextSampleAt: number;
  /** The boundary of the last sample taken (0 before the first). */
  lastSampleAt: number;
  /** Topic-partitions plus group-partitions tracked: what one sample costs (sets the interval). */
  partitionSeries: number;
  topics: Record<string, TopicMetricsState>;
  groups: Record<string, GroupMetricsState>;
  /** consumer id -> group id, from ConsumerStarted (crash and stall events name no group). */
  consumerGroups: Record<string, string | null>;
  /** Consumers whose LeaveGroup was sent because max.poll.interval.ms passed. */
  pollTimedOut: Record<string, boolean>;
  rebalances: RebalanceRecord[];
  droppedRebalances: number;
  nextRebalanceId: number;
}

export type { TierSpec };
