/**
 * The engine's public data shapes: commands in, snapshots and domain events out.
 * The contract lives in shared/engine-api.md; names here must not drift from it.
 */
import type { Metrics, MetricsQuery } from './metrics/types';

import type { Checkpoint } from './timeline/checkpoint';
import type { LedgerRanges } from './ledger/ranges';

/** A Kafka consumer config value, keyed by Kafka's own names ('session.timeout.ms', ...). */
export type ConfigValue = string | number | boolean;

/** How the simulated application commits offsets (see engine-api.md). */
/**
 * 'every-n': commitAsync(currentOffsets) every `commitEveryRecords` records inside the
 * processing loop, the seed's example (count % 1000 == 0).
 */
export type CommitStrategy = 'auto' | 'sync' | 'async' | 'async+sync' | 'before-processing' | 'every-n';

/** What the application's ConsumerRebalanceListener.onPartitionsRevoked does: commitSync, or nothing. */
export type RevokeListener = 'commit' | 'nothing';

/** Everything a person or a scenario can do to the world. Serializable. */
export type Command =
  /** retentionMs is the topic's retention.ms (default 7 days; -1 keeps records for ever). */
  | { type: 'createTopic'; topic: string; partitions: number; retentionMs?: number }
  | { type: 'addPartitions'; topic: string; partitions: number }
  /** recordBytes: size of each record (default 1024), what fetch.*.bytes limits count. */
  | { type: 'setProducer'; topic: string; rate: number; recordBytes?: number }
  | {
      type: 'addConsumer';
      id: string;
      groupId?: string;
      subscribe?: string[];
      /** subscribe(java.util.regex.Pattern): the client matches it against its metadata. */
      pattern?: string;
      /**
       * subscribe(SubscriptionPattern), group.protocol=consumer only: an RE2J regex the
       * heartbeats send as it is and the group coordinator resolves against its topics.
       */
      subscriptionPattern?: string;
      assign?: string[];
      config?: Record<string, ConfigValue>;
      processingMs?: number;
      commit?: CommitStrategy;
      /** With commit 'every-n': records between two commits (default 1000, as in the seed). */
      commitEveryRecords?: number;
      /** The rebalance listener's onPartitionsRevoked: commit what was processed, or nothing (default). */
      onRevoked?: RevokeListener;
    }
  | { type: 'crashConsumer'; id: string }
  | { type: 'closeConsumer'; id: string }
  | { type: 'restartConsumer'; id: string }
  | { type: 'stallConsumer'; id: string; ms: number }
  /** The consumer refreshes its cluster metadata now, instead of at metadata.max.age.ms. */
  | { type: 'refreshMetadata'; id: string }
  /** The broker process dies: the groups it coordinates move to another broker. */
  | { type: 'crashBroker'; broker: number }
  | { type: 'restartBroker'; broker: number }
  /**
   * How consumers' fetches are simulated from now: 'discrete' (every fetch and poll, the
   * default) or 'analytic' (a caught-up consumer's fetches become a closed form of time,
   * for speed at scale; see engine/client/consumption/analytic.ts for what differs).
   */
  | { type: 'setConsumptionModel'; model: 'discrete' | 'analytic' };

export type CommandType = Command['type'];

/** Classic group states (KIP-848 states arrive with the consumer protocol). */
export type ClassicGroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

/** 'failed': poll() threw a fatal error to the application (INCONSISTENT_GROUP_PROTOCOL, ...) and the process ended. */
export type ConsumerStatus = 'running' | 'stalled' | 'crashed' | 'closed' | 'failed';

export interface GroupMemberSnapshot {
  consumerId: string;
  memberId: string;
  instanceId: string | null;
  assigned: string[];
  /** Added beyond the contract: when the coordinator expels the member without a heartbeat. */
  sessionExpiresAt: number | null;
  /** Consumer protocol (KIP-848): the member epoch (-2: a static member away for a while); null under classic. */
  memberEpoch: number | null;
  /** Consumer protocol: where the member is between its current and its target assignment; null under classic. */
  memberState: 'STABLE' | 'UNREVOKED_PARTITIONS' | 'UNRELEASED_PARTITIONS' | null;
  /** Consumer protocol: the member's partitions in the group's target assignment; null under classic. */
  target: string[] | null;
}

export interface GroupSnapshot {
  protocol: 'eager' | 'cooperative' | 'consumer';
  assignor: string;
  state: string;
  generation: number;
  leader: string | null;
  members: GroupMemberSnapshot[];
  offsets: Record<string, { committed: number | null; logEnd: number; lag: number }>;
  /** lost: committed past, never processed; skipped: jumped over by auto.offset.reset, never processed. */
  processed: { records: number; duplicates: number; lost: number; skipped: number };
  rebalances: number;
  /** Added beyond the contract: heartbeats and auto commits computed, not sent one by one (the analytic model's quiet group). */
  quiet?: boolean;
  /** The broker that coordinates the group (leads its __consumer_offsets partition); null if none is up. */
  coordinator: number | null;
  /** Consumer protocol: the epoch of the target assignment (behind `generation` while Assigning); null under classic. */
  assignmentEpoch: number | null;
}

/** Where a consumer stands in the group protocol (beyond the contract; for the UI). */
/** 'reconciling': consumer protocol, the member is between its current and its target assignment. */
export type MembershipPhase = 'none' | 'joining' | 'syncing' | 'reconciling' | 'stable' | 'standalone';

export interface ConsumerSnapshot {
  groupId: string | null;
  status: ConsumerStatus;
  owned: string[];
  position: Record<string, number>;
  /** Added beyond the contract: what the UI needs to explain the client. */
  memberId: string | null;
  /** The broker this client believes is its group's coordinator; null while it looks for one. */
  coordinator: number | null;
  instanceId: string | null;
  phase: MembershipPhase;
  generation: number;
  subscription: string[];
  /**
   * The regex it subscribed with (addConsumer's `pattern`), null for a list or standalone.
   * Under the consumer protocol `patternTopics` is what its client last matched the pattern
   * to, the topic names its heartbeats send (empty until it has matched it against
   * metadata: Kafka's client resolves a java.util.regex.Pattern itself); null otherwise.
   */
  pattern: string | null;
  patternTopics: string[] | null;
  /**
   * The SubscriptionPattern (RE2J) it subscribed with (addConsumer's `subscriptionPattern`):
   * its heartbeats send the regex and the group coordinator resolves it; null otherwise.
   */
  subscriptionPattern: string | null;
  commit: CommitStrategy;
  processingMs: number;
  /** The batch being processed now, if any. */
  processing: { count: number; startedAt: number; endsAt: number } | null;
  /**
   * A member that left the group (max.poll.interval.ms) or was fenced still finishes the
   * batch it fetched, as Kafka's does: those partitions, no longer owned in the group's
   * generation (the seed's zombie). Null otherwise.
   */
  zombie: { partitions: string[]; count: number; endsAt: number } | null;
  lastPollAt: number | null;
  lastHeartbeatAt: number | null;
  /** Added beyond the contract: whether its fetches are simulated one by one or computed (setConsumptionModel 'analytic'). */
  fetching?: 'discrete' | 'analytic';
  config: {
    sessionTimeoutMs: number;
    heartbeatIntervalMs: number;
    maxPollIntervalMs: number;
    maxPollRecords: number;
    autoCommitIntervalMs: number;
    enableAutoCommit: boolean;
    autoOffsetReset: string;
  };
}

/** Plain JSON data: safe to structuredClone, compare and persist. */
export interface WorldSnapshot {
  now: number;
  /** producerRate (records/s, 0 when none) is added beyond the contract. */
  topics: Record<string, { partitions: { logStart: number; logEnd: number }[]; producerRate: number }>;
  groups: Record<string, GroupSnapshot>;
  consumers: Record<string, ConsumerSnapshot>;
  brokers: { id: number; status: 'up' | 'down' }[];
  /** Added beyond the contract: the consumption model (setConsumptionModel). */
  consumptionModel?: 'discrete' | 'analytic';
}

/** Kafka error codes the simulated protocol uses. */
export type KafkaError =
  | 'MEMBER_ID_REQUIRED'
  | 'REBALANCE_IN_PROGRESS'
  | 'UNKNOWN_MEMBER_ID'
  | 'ILLEGAL_GENERATION'
  | 'INVALID_SESSION_TIMEOUT'
  | 'INCONSISTENT_GROUP_PROTOCOL'
  | 'COORDINATOR_NOT_AVAILABLE'
  | 'FENCED_INSTANCE_ID'
  | 'NOT_COORDINATOR'
  | 'NETWORK_EXCEPTION'
  /** Consumer protocol (KIP-848): the member's epoch is not the broker's; it must rejoin with epoch 0. */
  | 'FENCED_MEMBER_EPOCH'
  /** An offset commit with an older member epoch than the broker's. */
  | 'STALE_MEMBER_EPOCH'
  /** A static member joins while another process still holds its group.instance.id. */
  | 'UNRELEASED_INSTANCE_ID'
  /** The group exists with the other protocol and cannot be converted (see coordinator/consumer/conversion.ts). */
  | 'GROUP_ID_NOT_FOUND';

/** A fetched or processed run of records: offsets [from, to). */
export interface OffsetRange {
  partition: string;
  from: number;
  to: number;
}

/** Why a group started rebalancing, in words a learner can read. */
export type RebalanceReason =
  | 'member joined'
  | 'member left'
  | 'session timeout'
  | 'poll timeout'
  | 'metadata changed'
  | 'subscription changed'
  | 'leader rejoined'
  | 'sync timeout';

/** Domain events without their stamp; the engine adds `seq` and `time`. */
export type DomainEventBody =
  | { type: 'TopicCreated'; topic: string; partitions: number }
  | { type: 'PartitionsAdded'; topic: string; from: number; to: number }
  | { type: 'ProducerRateChanged'; topic: string; rate: number }
  | { type: 'ConsumerStarted'; consumerId: string; groupId: string | null }
  | { type: 'ConsumerCrashed'; consumerId: string; reason: string | null }
  /** poll() threw a fatal exception (named as Kafka's client names it); the process ended. */
  | { type: 'ConsumerFailed'; consumerId: string; exception: string; message: string }
  | { type: 'MetadataRefreshed'; consumerId: string; topics: Record<string, number> }
  | { type: 'BrokerCrashed'; broker: number }
  | { type: 'BrokerRestarted'; broker: number }
  /** The group's __consumer_offsets partition has a new leader: it loads the group from the log. */
  | { type: 'CoordinatorMoved'; groupId: string; from: number | null; to: number | null }
  | { type: 'CoordinatorFound'; consumerId: string; groupId: string; broker: number }
  /** A request failed because its broker is down or no longer coordinates the group. */
  | { type: 'CoordinatorLost'; consumerId: string; groupId: string; broker: number; error: 'NOT_COORDINATOR' | 'NETWORK_EXCEPTION' }
  | { type: 'ConsumerClosing'; consumerId: string }
  | { type: 'ConsumerClosed'; consumerId: string }
  | { type: 'ConsumerStalled'; consumerId: string; untilMs: number }
  | { type: 'ConsumerResumed'; consumerId: string }
  | { type: 'JoinGroupSent'; consumerId: string; groupId: string; memberId: string | null }
  | { type: 'JoinGroupFailed'; consumerId: string; groupId: string; error: KafkaError }
  | {
      type: 'JoinGroupCompleted';
      consumerId: string;
      groupId: string;
      memberId: string;
      generation: number;
      leader: boolean;
    }
  | { type: 'SyncGroupSent'; consumerId: string; groupId: string; generation: number }
  | { type: 'SyncGroupFailed'; consumerId: string; groupId: string; error: KafkaError }
  | {
      type: 'AssignmentComputed';
      groupId: string;
      consumerId: string;
      assignor: string;
      generation: number;
      assignment: Record<string, string[]>;
    }
  | { type: 'HeartbeatSent'; consumerId: string; groupId: string }
  /** Consumer protocol (KIP-848): epoch 0 joins, -1 leaves, -2 leaves for a while (static member). */
  | { type: 'ConsumerGroupHeartbeatSent'; consumerId: string; groupId: string; memberEpoch: number }
  /** assigned: the assignment in the answer, null when the answer carries none (nothing changed). */
  | { type: 'ConsumerGroupHeartbeatAnswered'; consumerId: string; groupId: string; memberEpoch: number; assigned: string[] | null }
  | { type: 'ConsumerGroupHeartbeatFailed'; consumerId: string; groupId: string; error: KafkaError }
  /** The coordinator moved a consumer group to a new epoch (join, leave, subscription or metadata change). */
  | { type: 'GroupEpochBumped'; groupId: string; epoch: number; reason: RebalanceReason }
  /** The coordinator resolved the group's SubscriptionPatterns (RE2J): each regex and the topics it matches. */
  | { type: 'RegularExpressionsResolved'; groupId: string; resolved: Record<string, string[]> }
  /**
   * The group changed protocol (KIP-848's online upgrade and downgrade): to 'consumer' when a
   * consumer-protocol member joined it, back to 'classic' when the last one left; `members` were kept.
   */
  | { type: 'GroupConverted'; groupId: string; to: 'consumer' | 'classic'; members: number }
  /** The broker's assignor computed the target assignment of this epoch (consumer id -> partitions). */
  | { type: 'TargetAssignmentComputed'; groupId: string; epoch: number; assignment: Record<string, string[]> }
  | { type: 'HeartbeatFailed'; consumerId: string; groupId: string; error: KafkaError }
  | { type: 'LeaveGroupSent'; consumerId: string; groupId: string; memberId: string; reason: string }
  | { type: 'GroupStateChanged'; groupId: string; from: string; to: string; generation: number }
  | { type: 'RebalanceStarted'; groupId: string; reason: RebalanceReason; consumerId: string | null }
  | { type: 'RebalanceCompleted'; groupId: string; generation: number }
  | { type: 'MemberJoined'; groupId: string; consumerId: string; memberId: string }
  | { type: 'MemberRemoved'; groupId: string; consumerId: string; memberId: string; reason: string }
  | { type: 'SessionTimeout'; groupId: string; consumerId: string; memberId: string }
  | { type: 'PollTimeout'; consumerId: string; groupId: string; sincePollMs: number }
  | { type: 'PartitionsRevoked'; consumerId: string; groupId: string | null; partitions: string[] }
  | { type: 'PartitionsAssigned'; consumerId: string; groupId: string | null; partitions: string[] }
  | { type: 'PartitionsLost'; consumerId: string; groupId: string | null; partitions: string[] }
  | { type: 'OffsetReset'; consumerId: string; partition: string; strategy: string; offset: number }
  | { type: 'RecordsFetched'; consumerId: string; ranges: OffsetRange[]; count: number }
  | { type: 'RecordsProcessed'; consumerId: string; ranges: OffsetRange[]; count: number }
  | {
      type: 'OffsetCommitSent';
      consumerId: string;
      groupId: string;
      mode: 'sync' | 'async' | 'auto';
      offsets: Record<string, number>;
    }
  | { type: 'OffsetCommitted'; consumerId: string; groupId: string; offsets: Record<string, number> }
  | { type: 'OffsetCommitFailed'; consumerId: string; groupId: string; error: KafkaError; offsets: Record<string, number> }
  /**
   * A commit the client refused to send: not in a stable generation (Kafka's
   * generationIfStable). RebalanceInProgressException while joining or syncing,
   * CommitFailedException after the member left the group or was fenced.
   */
  | {
      type: 'OffsetCommitRefused';
      consumerId: string;
      groupId: string;
      mode: 'sync' | 'async' | 'auto';
      exception: 'RebalanceInProgressException' | 'CommitFailedException';
      offsets: Record<string, number>;
    };

export type DomainEventType = DomainEventBody['type'];

/** A domain event as the engine emits it: a fact, stamped with order and virtual time. */
export type DomainEvent = DomainEventBody & { seq: number; time: number };

/** The running world. See shared/engine-api.md. */
export interface Simulation {
  /** Virtual time, ms since start. */
  readonly now: number;
  /** The seed this simulation was created with. */
  readonly seed: number;
  /** Applies a command at `now`. An invalid command throws a clear Error and changes nothing. */
  dispatch(command: Command): void;
  /** Runs every event up to now + ms, then sets now to that time. */
  advance(ms: number): void;
  /**
   * Plain JSON view of the world, read-only: the rows and lists that did not change since the
   * last call are the same frozen objects (structuredClone it to change a copy).
   */
  snapshot(): WorldSnapshot;
  /** Digest of the full state: equal iff same state. */
  hash(): string;
  /**
   * Domain events with seq > sinceSeq (all retained ones by default), oldest first, at most
   * `limit` of them: a window, so a reader pages through without copying the whole log.
   */
  events(sinceSeq?: number, limit?: number): DomainEvent[];
  /** Bounded time series (lag, rates) and the rebalance history; plain JSON, a copy. See metrics/types.ts. */
  metrics(query?: MetricsQuery): Metrics;
  /** Every command applied so far, with the virtual time it was applied at. */
  commandLog(): readonly { time: number; command: Command }[];
  /** The world as plain JSON data, the command log inside: restore() brings it back exactly. */
  checkpoint(): Checkpoint;
  /** Puts the world back as the checkpoint has it: the same hash() as when it was taken. */
  restore(checkpoint: Checkpoint): void;
  /** An independent copy at `now`: what it is told does not change this one. */
  fork(): Simulation;
  /**
   * The world as it was at `time` (0..now), after the commands applied at that instant:
   * the nearest kept checkpoint plus a replay of the command log. Later commands are
   * forgotten; the same hash() as the original run had at that time.
   */
  rewindTo(time: number): void;
  /**
   * Read-only, for drawing: the group's processed-twice, lost and skipped offset ranges per
   * partition (the truth ledger behind `processed`); partitions with none are absent.
   */
  ledgerRanges(groupId: string): Record<string, LedgerRanges>;
}
