/**
 * The whole simulated world as plain data. Everything the engine knows lives here, so a
 * snapshot for rewind is one structuredClone and hash() is a digest of this object.
 */
import type { QueueEntry } from './core/event-queue';
import type { ClassicGroupState, CommitStrategy, KafkaError, MembershipPhase, OffsetRange } from './types';
import type { ResolvedConsumerConfig } from './consumer/config';
import type { MetricsState } from './metrics/types';

export interface PartitionState {
  logStart: number;
  /** Records appended before the producer's current segment began. */
  base: number;
}

export interface TopicState {
  partitions: PartitionState[];
}

/**
 * A producer writing `rate` records/s round-robin over the topic's partitions, kept as a
 * formula instead of per-record events: cost grows with commands, not with messages.
 */
export interface ProducerState {
  rate: number;
  /** Virtual time the current segment started (may be fractional). */
  since: number;
  /** Index of the partition that receives the segment's first record. */
  cursor: number;
}

export interface BrokerConfig {
  initialRebalanceDelayMs: number;
  minSessionTimeoutMs: number;
  maxSessionTimeoutMs: number;
}

/* ---------- the group coordinator's view (broker side) ---------- */

/** What a member tells the coordinator about itself in every JoinGroup. */
export interface JoinMetadata {
  instanceId: string | null;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  topics: string[];
  /** Assignors the member supports, most preferred first. */
  protocols: string[];
  owned: string[];
}

export interface MemberState extends JoinMetadata {
  memberId: string;
  consumerId: string;
  incarnation: number;
  assignment: string[];
  /** Sent JoinGroup for the rebalance in progress; its response is pending. */
  awaitingJoin: boolean;
  /** Got its JoinGroup response but has not sent SyncGroup yet. */
  pendingSync: boolean;
  /** Sent SyncGroup and waits for the leader's assignment. */
  awaitingSync: boolean;
  lastSeen: number;
}

export interface GroupState {
  groupId: string;
  state: ClassicGroupState;
  generation: number;
  protocol: string | null;
  leaderMemberId: string | null;
  members: Record<string, MemberState>;
  /** Member ids handed out with MEMBER_ID_REQUIRED, not joined yet. */
  pendingMemberIds: string[];
  offsets: Record<string, number>;
  rebalances: number;
  /** group.initial.rebalance.delay.ms window of the first rebalance of an Empty group. */
  initialDelay: { until: number; maxUntil: number; newMemberAdded: boolean } | null;
  joinDeadline: number | null;
  syncDeadline: number | null;
  timerToken: number;
}

/* ---------- the consumer client (application side) ---------- */

/** What the simulated application thread is doing. */
export type LoopState =
  | { kind: 'waiting'; wakeAt: number | null }
  | { kind: 'processing'; batch: Batch }
  | { kind: 'committing'; then: 'poll' | 'rejoin' | 'process' | 'close'; batch?: Batch }
  | { kind: 'stopped' };

export interface Batch {
  ranges: OffsetRange[];
  count: number;
  startedAt: number;
  endsAt: number;
  /** Windows [from, to) during which the thread hung (stallConsumer). */
  stalls: [number, number][];
}

export interface ConsumerState {
  consumerId: string;
  groupId: string | null;
  config: ResolvedConsumerConfig;
  mode: 'subscribe' | 'pattern' | 'assign';
  /** Explicit topic list, the regex source, or the manual "topic-N" list. */
  subscribeTopics: string[];
  pattern: string | null;
  manualPartitions: string[];
  processingMs: number;
  commit: CommitStrategy;

  status: 'running' | 'crashed' | 'closed';
  /** A new process gets a new incarnation; mail and timers of older ones are dropped. */
  incarnation: number;
  closing: boolean;
  stalledUntil: number;

  memberId: string | null;
  generation: number;
  phase: MembershipPhase;
  rejoinNeeded: boolean;
  /** Set when the member was fenced: its partitions are reported lost, not revoked. */
  fenced: boolean;
  isLeader: boolean;
  /** Topics the group currently subscribes to, as this client knows them. */
  subscription: string[];

  owned: string[];
  position: Record<string, number>;
  offsetFetchInFlight: boolean;
  rotation: number;

  loop: LoopState;
  pollCount: number;
  lastPollAt: number | null;
  /** When the pending max.poll.interval.ms check fires, if one is pending. */
  pollCheckAt: number | null;
  lastHeartbeatAt: number | null;
  nextAutoCommitAt: number;
  timers: Record<string, number>;
}

/** Per group and partition: which offsets were processed, how many times. */
export interface LedgerPartition {
  /** Disjoint, sorted segments [from, to) with how many times each record was processed. */
  segments: [from: number, to: number, count: number][];
  /** The first position the group took here: records before it were never its to process. */
  floor: number | null;
}

export interface LedgerGroup {
  records: number;
  duplicates: number;
  partitions: Record<string, LedgerPartition>;
}

/* ---------- messages and timers on the agenda ---------- */

export type CoordinatorRequest =
  | ({ type: 'JoinGroup'; groupId: string; consumerId: string; incarnation: number; memberId: string | null } & JoinMetadata)
  | {
      type: 'SyncGroup';
      groupId: string;
      consumerId: string;
      incarnation: number;
      memberId: string;
      generation: number;
      assignment: Record<string, string[]> | null;
    }
  | { type: 'Heartbeat'; groupId: string; consumerId: string; incarnation: number; memberId: string; generation: number }
  | { type: 'LeaveGroup'; groupId: string; consumerId: string; incarnation: number; memberId: string }
  | {
      type: 'OffsetCommit';
      groupId: string;
      consumerId: string;
      incarnation: number;
      memberId: string | null;
      generation: number;
      offsets: Record<string, number>;
      mode: 'sync' | 'async' | 'auto';
      then: 'poll' | 'rejoin' | 'process' | 'close' | null;
    }
  | { type: 'OffsetFetch'; groupId: string; consumerId: string; incarnation: number; partitions: string[] };

export interface JoinMemberInfo {
  memberId: string;
  instanceId: string | null;
  topics: string[];
  owned: string[];
}

export type ConsumerResponse =
  | { type: 'JoinGroup'; error: KafkaError | null; memberId: string; generation: number; leaderId: string | null; protocol: string | null; members: JoinMemberInfo[] }
  | { type: 'SyncGroup'; error: KafkaError | null; assignment: string[] }
  | { type: 'Heartbeat'; error: KafkaError | null; generation: number }
  | {
      type: 'OffsetCommit';
      error: KafkaError | null;
      offsets: Record<string, number>;
      mode: 'sync' | 'async' | 'auto';
      then: 'poll' | 'rejoin' | 'process' | 'close' | null;
    }
  | { type: 'OffsetFetch'; committed: Record<string, number | null> };

export type ConsumerTimer = 'poll' | 'batchDone' | 'heartbeat' | 'pollTimeout' | 'stallEnd';
export type GroupTimer = 'initialDelay' | 'joinDeadline' | 'syncDeadline';

export type Task =
  | { kind: 'toCoordinator'; request: CoordinatorRequest }
  | { kind: 'toConsumer'; consumerId: string; incarnation: number; response: ConsumerResponse }
  | { kind: 'consumerTimer'; consumerId: string; incarnation: number; timer: ConsumerTimer; token: number }
  | { kind: 'groupTimer'; groupId: string; timer: GroupTimer; token: number }
  | { kind: 'sessionCheck'; groupId: string; memberId: string };

export interface World {
  now: number;
  /** Tie-breaker for the agenda: equal times run in scheduling order. */
  seq: number;
  eventSeq: number;
  rng: number;
  queue: QueueEntry<Task>[];
  broker: BrokerConfig;
  topics: Record<string, TopicState>;
  producers: Record<string, ProducerState>;
  groups: Record<string, GroupState>;
  consumers: Record<string, ConsumerState>;
  ledger: Record<string, LedgerGroup>;
  /** Last delivery time per network channel: Kafka connections are FIFO. */
  channels: Record<string, number>;
  /** Time series and rebalance history (metrics/): bounded, plain data. */
  metrics: MetricsState;
}
