/**
 * The whole simulated world as plain data. Everything the engine knows lives here, so a
 * snapshot for rewind is one structuredClone and hash() is a digest of this object.
 */
import type { QueueEntry } from './core/event-queue';
import type { ClassicGroupState, Command, CommitStrategy, KafkaError, OffsetRange, RevokeListener } from './types';
import type { ResolvedConsumerConfig } from './client/config';
import type { MetricsState } from './metrics/types';

export interface PartitionState {
  logStart: number;
  /** Records appended before the producer's current segment began. */
  base: number;
}

export interface TopicState {
  partitions: PartitionState[];
  /** retention.ms: records older than this are deleted (-1: kept for ever, as in Kafka). */
  retentionMs: number;
  /**
   * The producer's earlier segments, newest last, as long as retention may still need them
   * to tell when a record was appended (what log start is now).
   */
  history: ProducerSegment[];
}

/**
 * A producer writing `rate` records/s round-robin over the topic's partitions, kept as a
 * formula instead of per-record events: cost grows with commands, not with messages.
 */
/** A settled stretch of the producer's formula: from `since` to `until`, from these bases. */
export interface ProducerSegment {
  since: number;
  until: number;
  rate: number;
  cursor: number;
  bases: number[];
}

export interface ProducerState {
  rate: number;
  /** Virtual time the current segment started (may be fractional). */
  since: number;
  /** Index of the partition that receives the segment's first record. */
  cursor: number;
}

/** A Fetch request: from these offsets, with the consumer's fetch.* limits. */
export interface FetchRequest {
  consumerId: string;
  incarnation: number;
  fetchId: number;
  /** Next offset to fetch per partition. */
  offsets: Record<string, number>;
  minBytes: number;
  maxBytes: number;
  maxPartitionBytes: number;
  maxWaitMs: number;
}

/** A fetch the broker holds until fetch.min.bytes are there or fetch.max.wait.ms has passed. */
export interface HeldFetch extends FetchRequest {
  deadline: number;
  /** Only the newest scheduled check of this fetch acts. */
  token: number;
}

export interface BrokerConfig {
  initialRebalanceDelayMs: number;
  minSessionTimeoutMs: number;
  maxSessionTimeoutMs: number;
  /** group.consumer.session.timeout.ms: the consumer protocol's session timeout is the broker's. */
  consumerSessionTimeoutMs: number;
  /** group.consumer.heartbeat.interval.ms: handed to every member in its heartbeat answers. */
  consumerHeartbeatIntervalMs: number;
}

/** A broker of the cluster. Partition leadership of user topics is not modelled (see brokers.ts). */
export interface BrokerState {
  id: number;
  status: 'up' | 'down';
}

/** What the coordinator last wrote to __consumer_offsets about a group: what a new coordinator loads. */
export interface PersistedGroup {
  generation: number;
  assignorName: string | null;
  leaderMemberId: string | null;
  members: MemberState[];
}

/* ---------- the group coordinator's view (broker side) ---------- */

/** What a member tells the coordinator about itself in every JoinGroup. */
export interface JoinMetadata {
  instanceId: string | null;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  topics: string[];
  /** Assignors the member supports, most preferred first (the classic protocol's "protocols"). */
  assignorNames: string[];
  /** Partitions it owns as it joins (empty under eager, which revoked them all first). */
  owned: string[];
  /** The generation it last completed (-1: none), sent with its subscription. */
  generation: number;
  /** StickyAssignor's user data: the member's last assignment and its generation. */
  stickyUserData: { partitions: string[]; generation: number } | null;
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
  /** Correlation ids of the JoinGroup and SyncGroup requests the coordinator holds or answers. */
  joinCorrelationId: number;
  syncCorrelationId: number;
  lastSeen: number;
}

/**
 * A group on its coordinator. Classic only today; Kafka 4's consumer groups (KIP-848) join
 * this as a second shape, told apart by `groupProtocol`.
 */
export interface GroupState {
  groupProtocol: 'classic';
  groupId: string;
  state: ClassicGroupState;
  generation: number;
  /** The assignor the group's vote picked (the classic protocol's "protocol name"). */
  assignorName: string | null;
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
  /** The group's record in __consumer_offsets, written when a generation completes or the group empties. */
  persisted: PersistedGroup | null;
  /** How many times a coordinator loaded the group: session checks of an earlier load are void. */
  loads: number;
  /** Set while its heartbeats and auto commits are computed, not scheduled (quiet/quiet-groups.ts). */
  quiet?: { since: number; members: QuietMember[] };
}

/** One member of a quiet group: its periodic schedule and what was true when it went quiet. */
export interface QuietMember {
  consumerId: string;
  memberId: string;
  since: number;
  /** Its first heartbeat at or after `since`, and heartbeat.interval.ms. */
  heartbeatAt: number;
  heartbeatMs: number;
  /** Its first auto commit at or after `since` (null: auto commit off), and auto.commit.interval.ms. */
  commitAt: number | null;
  commitMs: number;
  /** Delivery times of its two channels (to the coordinator and back) at `since`. */
  outAt: number;
  backAt: number;
  correlationId: number;
  lastSeen: number;
  lastHeartbeatAt: number | null;
  pollCount: number;
  /** Its heartbeat and poll timer tokens as cancelled: a different one means someone armed it since. */
  heartbeatToken: number;
  pollToken: number;
}

/* ---------- the consumer client (application side) ---------- */

/** What the simulated application thread is doing. */
export type LoopState =
  | { kind: 'waiting'; wakeAt: number | null }
  | { kind: 'processing'; batch: Batch }
  | { kind: 'committing'; then: Continuation; batch?: Batch }
  | { kind: 'stopped' };

export interface Batch {
  ranges: OffsetRange[];
  count: number;
  startedAt: number;
  endsAt: number;
  /** Windows [from, to) during which the thread hung (stallConsumer). */
  stalls: [number, number][];
  /** Commit 'every-n': index in the batch of the record after which the next commit goes (null: none). */
  nextCommitIndex: number | null;
}

export interface ConsumerState {
  consumerId: string;
  groupId: string | null;
  config: ResolvedConsumerConfig;
  /**
   * 'pattern': a java.util.regex.Pattern the client matches itself; 'regex': a
   * SubscriptionPattern (RE2J) the group coordinator resolves (`pattern` holds either source).
   */
  mode: 'subscribe' | 'pattern' | 'regex' | 'assign';
  /** Explicit topic list, the regex source, or the manual "topic-N" list. */
  subscribeTopics: string[];
  pattern: string | null;
  manualPartitions: string[];
  processingMs: number;
  commit: CommitStrategy;
  commitEveryRecords: number;
  onRevoked: RevokeListener;
  /** Records the application processed so far (the seed's `count`). */
  processedCount: number;
  /** The seed's currentOffsets: next offset per partition after what the app processed. */
  processedOffsets: Record<string, number>;

  status: 'running' | 'crashed' | 'closed' | 'failed';
  /** A new process gets a new incarnation; mail and timers of older ones are dropped. */
  incarnation: number;
  closing: boolean;
  stalledUntil: number;

  /** Where the consumer stands in its group's protocol; one shape per protocol. */
  membership: MembershipState;
  /** The broker this client believes coordinates its group (FindCoordinator), or null while it looks. */
  coordinator: number | null;
  /** Requests waiting for a coordinator to be found, sent as soon as one is. */
  outbox: CoordinatorRequest[];
  /** Backoff before the next FindCoordinator after a failed one (retry.backoff.ms, doubling to its max). */
  findBackoffMs: number;
  /** Cluster metadata as of the last refresh (metadata.max.age.ms). */
  metadata: { topics: Record<string, number>; refreshedAt: number };
  /** Topics the group currently subscribes to, as this client knows them. */
  subscription: string[];

  owned: string[];
  position: Record<string, number>;
  /** Fetched records not yet returned by poll(), oldest first, and the fetch in flight (if any). */
  fetchBuffer: OffsetRange[];
  fetchInFlight: number | null;
  nextFetchId: number;
  offsetFetchInFlight: boolean;
  rotation: number;

  loop: LoopState;
  /**
   * Non-null while the fetch loop is a closed form of time (client/consumption/analytic.ts):
   * no fetch is in flight or buffered, and positions are settled when read.
   */
  consumption: { model: 'analytic'; since: number; from: Record<string, number> } | null;
  pollCount: number;
  lastPollAt: number | null;
  /** When the pending max.poll.interval.ms check fires, if one is pending. */
  pollCheckAt: number | null;
  lastHeartbeatAt: number | null;
  nextAutoCommitAt: number;
  timers: Record<string, number>;
  /** When each timer's newest token is due (what a quiet group's schedule starts from). */
  timerDue: Record<string, number>;
  /** Correlation id of the next request this client sends. */
  nextCorrelationId: number;
  /** What the client will do when a commit's answer comes back, by correlation id. */
  pendingCommits: Record<number, PendingCommit>;
  /** The generation each heartbeat in flight was sent with, by correlation id. */
  pendingHeartbeats: Record<number, number>;
}

/** A commit in flight: how it was sent and what a blocked commitSync goes on with. */
export interface PendingCommit {
  mode: 'sync' | 'async' | 'auto';
  then: Continuation | null;
}

/** What a thread blocked in commitSync goes on with once the answer is in. */
export type Continuation = 'poll' | 'rejoin' | 'process' | 'close';

/**
 * A consumer's group membership, as a tagged union per protocol: 'none' for a standalone
 * consumer (assign()), 'classic' for the JoinGroup/SyncGroup protocol (eager or cooperative
 * rebalancing). Kafka 4's consumer protocol (KIP-848) becomes a third member.
 */
export type MembershipState = NoMembership | ClassicMembership | ConsumerMembership;

export interface NoMembership {
  groupProtocol: 'none';
}

export interface ClassicMembership {
  groupProtocol: 'classic';
  rebalanceProtocol: 'eager' | 'cooperative';
  memberId: string | null;
  generation: number;
  phase: 'none' | 'joining' | 'syncing' | 'stable';
  /** Something (a rebalance, a changed subscription) asks this member to join again. */
  rejoinNeeded: boolean;
  /** Set when the member was fenced: its partitions are reported lost, not revoked. */
  fenced: boolean;
  isLeader: boolean;
  /** Every member's subscription, as the leader learned them from its JoinGroup response. */
  groupTopics: string[];
  /** The subscription this member sent with its JoinGroup, compared once the join is done. */
  joinedWith: string[] | null;
  /** The leader's metadata snapshot (topic -> partitions) its assignment was computed from. */
  assignedWith: Record<string, number> | null;
  /** What this member was last assigned, and in which generation (StickyAssignor's user data). */
  lastAssignment: { partitions: string[]; generation: number } | null;
  /** Cooperative: the SyncGroup's assignment, applied by the application thread at its next poll(). */
  pendingAssignment: string[] | null;
  /** A JoinGroup answer that came while the application thread was busy: handled at its next poll(). */
  deferredJoinResponse: Extract<ConsumerResponse, { type: 'JoinGroup' }> | null;
  /** Cooperative: the listener's commit for this revocation was already sent. */
  revokeCommitted: boolean;
}

/**
 * The consumer protocol's client side (KIP-848, group.protocol=consumer: Kafka's
 * ConsumerMembershipManager). Field names shared with ClassicMembership (memberId, phase,
 * fenced, generation) mean the same, so commit and snapshot rules read either.
 */
export interface ConsumerMembership {
  groupProtocol: 'consumer';
  /** Generated by the client when it first joins (KIP-1082), kept for the consumer's life. */
  memberId: string | null;
  /** The member epoch (0 while joining); `generation` is the same number for shared readers. */
  memberEpoch: number;
  generation: number;
  /** Kafka's MemberState, folded: where the member stands with the group. */
  state: ConsumerMemberClientState;
  /** The snapshot's phase: joining (epoch 0), reconciling (target not reached), stable, none. */
  phase: 'none' | 'joining' | 'reconciling' | 'stable';
  /** The partitions it holds must be reported lost (fenced, or left after max.poll.interval.ms). */
  fenced: boolean;
  /** group.remote.assignor, or null: the broker's first of group.consumer.assignors. */
  serverAssignor: string | null;
  /** heartbeat.interval.ms as the broker's last answer set it. */
  heartbeatIntervalMs: number;
  /** One heartbeat in flight at a time; a heartbeat asked for meanwhile goes right after it. */
  inFlight: number | null;
  heartbeatNow: boolean;
  /**
   * A pattern subscriber's topics as its client last evaluated the regex (Kafka's
   * subscribeFromPattern, at subscribe() and at each poll() after a metadata update): what
   * its heartbeats send as subscribedTopicNames. Empty at first: subscribe() evaluates it
   * against the bootstrap metadata, which has no topics. Unused for a topic list.
   */
  patternTopics: string[];
  /** What the last heartbeat told the broker, so later ones carry only changes (null: send again). */
  sentSubscription: string | null;
  sentOwned: string | null;
  /** The newest assignment from the broker that the application thread has not reconciled yet. */
  pendingAssignment: string[] | null;
  /** The target the broker last sent (reconciled or not), for the UI. */
  target: string[] | null;
  /** The auto commit before this reconciliation (maybeAutoCommitSyncBeforeRevocation) was sent. */
  reconcileCommitted: boolean;
  /** The listener's commit for this revocation was sent. */
  revokeCommitted: boolean;
}

/**
 * Kafka's client MemberState, folded: 'unsubscribed' (not in the group yet, or left),
 * 'joining' (epoch 0 sent), 'member' (in the group: stable or reconciling), 'fenced' (must
 * give up its partitions as lost and rejoin), 'stale' (left after max.poll.interval.ms; rejoins
 * at the next poll), 'leaving' (closing: the last heartbeat carries epoch -1 or -2).
 */
export type ConsumerMemberClientState = 'unsubscribed' | 'joining' | 'member' | 'fenced' | 'stale' | 'leaving';

/* ---------- consumer-protocol groups on the coordinator (KIP-848) ---------- */

/** A member's reconciliation state on the broker (Kafka's MemberState). */
export type ConsumerMemberBrokerState = 'STABLE' | 'UNREVOKED_PARTITIONS' | 'UNRELEASED_PARTITIONS' | 'UNKNOWN';

export interface ConsumerGroupMember {
  memberId: string;
  consumerId: string;
  incarnation: number;
  instanceId: string | null;
  rebalanceTimeoutMs: number;
  /**
   * subscribedTopicNames. A pattern subscriber sends the topics its regex matches in its own
   * metadata: Kafka's client resolves a java.util.regex.Pattern itself.
   */
  subscribedTopics: string[];
  /** SubscribedTopicRegex: a SubscriptionPattern (RE2J) the group resolves (coordinator/consumer/regex.ts). */
  subscribedTopicRegex: string | null;
  serverAssignor: string | null;
  /** -2: a static member that left for a while (its assignment waits for it). */
  memberEpoch: number;
  previousMemberEpoch: number;
  state: ConsumerMemberBrokerState;
  /** Partitions it may consume now, and those it must give up first ("topic-N"). */
  assigned: string[];
  pendingRevocation: string[];
  lastSeen: number;
  /** Correlation id of the heartbeat being answered (the reply goes to it). */
  correlationId: number;
  /**
   * A member that speaks the classic protocol inside a consumer group (KIP-848's mixed groups,
   * during an online upgrade): its JoinGroup metadata. Null for consumer-protocol members.
   */
  classic: ClassicMemberInfo | null;
}

/** What a classic member of a consumer group told the coordinator in its JoinGroup. */
export interface ClassicMemberInfo {
  sessionTimeoutMs: number;
  assignorNames: string[];
  /** The StickyAssignor user data it sent, kept for a conversion back to a classic group. */
  stickyUserData: { partitions: string[]; generation: number } | null;
}

/** Kafka's ConsumerGroupState. */
export type ConsumerGroupStateName = 'Empty' | 'Assigning' | 'Reconciling' | 'Stable' | 'Dead';

export interface ConsumerGroupState {
  groupProtocol: 'consumer';
  groupId: string;
  state: ConsumerGroupStateName;
  groupEpoch: number;
  /** The epoch of the target assignment: behind groupEpoch while Assigning. */
  assignmentEpoch: number;
  /** Member id -> its target partitions at assignmentEpoch. */
  targetAssignment: Record<string, string[]>;
  members: Record<string, ConsumerGroupMember>;
  /** Partition count of every subscribed topic as the group last saw it: a change bumps the epoch. */
  subscriptionMetadata: Record<string, number>;
  offsets: Record<string, number>;
  rebalances: number;
  /** A group epoch bump whose reconciliation is not over (every member STABLE at it): a "rebalance". */
  rebalanceOpen: boolean;
  /** How many times a coordinator loaded the group: session checks of an earlier load are void. */
  loads: number;
  /** The members' SubscriptionPatterns as the coordinator last resolved them (Kafka's resolvedRegularExpressions). */
  resolvedRegularExpressions: Record<string, ResolvedRegularExpression>;
  /** A resolution under way (Kafka's "<group>-regex" executor task), with the load it belongs to; null: none. */
  regexResolution: { loads: number } | null;
}

/** Kafka's ResolvedRegularExpression: the topics matched, when, and against which metadata version. */
export interface ResolvedRegularExpression {
  topics: string[];
  resolvedAt: number;
  /** How many topics the cluster had then: topics are only ever created here, so a larger count means new topics. */
  topicsVersion: number;
}

/** Per group and partition: which offsets were processed, how many times. */
export interface LedgerPartition {
  /** Disjoint, sorted segments [from, to) with how many times each record was processed. */
  segments: [from: number, to: number, count: number][];
  /** The first position the group took here: records before it were never its to process. */
  floor: number | null;
  /** Ranges [from, to) jumped over by auto.offset.reset (deleted by retention, or reset past): never processed. */
  skipped: [from: number, to: number][];
}

export interface LedgerGroup {
  records: number;
  duplicates: number;
  skipped: number;
  partitions: Record<string, LedgerPartition>;
}

/* ---------- messages and timers on the agenda ---------- */

/** What every request to the coordinator carries: who sends it, and its correlation id. */
interface RequestHeader {
  groupId: string;
  consumerId: string;
  incarnation: number;
  /** The broker the client sent it to: its coordinator, as far as it knows. */
  broker: number;
  /** Echoed by the answer, as Kafka's request header does: the client matches them up. */
  correlationId: number;
}

export type CoordinatorRequest = RequestHeader &
  (
    | ({ type: 'JoinGroup'; memberId: string | null } & JoinMetadata)
    | { type: 'SyncGroup'; memberId: string; generation: number; assignment: Record<string, string[]> | null }
    | { type: 'Heartbeat'; memberId: string; generation: number }
    | { type: 'LeaveGroup'; memberId: string }
    | { type: 'OffsetCommit'; memberId: string | null; generation: number; offsets: Record<string, number> }
    | { type: 'OffsetFetch'; partitions: string[] }
    | ({ type: 'ConsumerGroupHeartbeat' } & ConsumerHeartbeatFields)
  );

/**
 * ConsumerGroupHeartbeat (KIP-848). Fields the member leaves out (null) did not change since
 * its last heartbeat; a joining member (epoch 0) sends them all.
 */
export interface ConsumerHeartbeatFields {
  memberId: string;
  memberEpoch: number;
  instanceId: string | null;
  rebalanceTimeoutMs: number;
  subscribedTopics: string[] | null;
  /** SubscribedTopicRegex (a SubscriptionPattern, RE2J), sent on join and when changed; null: unchanged or none. */
  subscribedTopicRegex: string | null;
  serverAssignor: string | null;
  owned: string[] | null;
}

/** A request as a client module writes it; the network stamps the broker and the correlation id. */
export type OutgoingRequest = CoordinatorRequest extends infer R ? (R extends CoordinatorRequest ? Omit<R, 'correlationId' | 'broker'> : never) : never;

/** One member as the leader's JoinGroup response lists it: its subscription metadata. */
export type JoinMemberInfo = { memberId: string } & Pick<JoinMetadata, 'instanceId' | 'topics' | 'owned' | 'generation' | 'stickyUserData'>;

export type ConsumerResponse =
  | { type: 'JoinGroup'; error: KafkaError | null; memberId: string; generation: number; leaderId: string | null; assignorName: string | null; members: JoinMemberInfo[] }
  | { type: 'SyncGroup'; error: KafkaError | null; assignment: string[] }
  | { type: 'Heartbeat'; error: KafkaError | null }
  | { type: 'ConsumerGroupHeartbeat'; error: KafkaError | null; memberId: string; memberEpoch: number; heartbeatIntervalMs: number; assignment: string[] | null }
  | { type: 'OffsetCommit'; error: KafkaError | null; offsets: Record<string, number> }
  | { type: 'OffsetFetch'; committed: Record<string, number | null> }
  | { type: 'FindCoordinator'; coordinator: number | null }
  | { type: 'Fetch'; fetchId: number; ranges: OffsetRange[] }
  /**
   * The request never got an answer from a coordinator: its broker is down (the connection
   * dropped) or is not the group's coordinator (NOT_COORDINATOR). The client looks again.
   */
  | { type: 'RequestFailed'; request: CoordinatorRequest; error: 'NOT_COORDINATOR' | 'NETWORK_EXCEPTION' };

export type ConsumerTimer = 'poll' | 'batchDone' | 'heartbeat' | 'pollTimeout' | 'stallEnd' | 'metadata' | 'findCoordinator' | 'commitPoint';
/** regexResolution: a consumer group's regex resolution lands (its token is the group's loads). */
export type GroupTimer = 'initialDelay' | 'joinDeadline' | 'syncDeadline' | 'regexResolution';

export type Task =
  | { kind: 'toCoordinator'; request: CoordinatorRequest }
  /** A fetch reaching the partitions' leader; fetchCheck: the leader looks at a held fetch again. */
  | { kind: 'fetch'; fetch: FetchRequest }
  | { kind: 'fetchCheck'; consumerId: string; token: number }
  /** FindCoordinator, answered by whichever broker is up (any broker knows the leaders). */
  | { kind: 'findCoordinator'; consumerId: string; incarnation: number; groupId: string }
  | { kind: 'toConsumer'; consumerId: string; incarnation: number; correlationId: number; response: ConsumerResponse }
  | { kind: 'consumerTimer'; consumerId: string; incarnation: number; timer: ConsumerTimer; token: number }
  | { kind: 'groupTimer'; groupId: string; timer: GroupTimer; token: number }
  | { kind: 'sessionCheck'; groupId: string; memberId: string; loads: number };

/** One entry of the command log: what was applied, and at which virtual time. */
export interface LoggedCommand {
  time: number;
  /** Agenda entries that had run when it was applied (the replay's exact cue). */
  ran: number;
  command: Command;
}

export interface World {
  /** The seed the world was created with: with the command log, it determines everything. */
  seed: number;
  now: number;
  /** Tie-breaker for the agenda: equal times run in scheduling order. */
  seq: number;
  /** Agenda entries run so far. */
  ran: number;
  eventSeq: number;
  rng: number;
  queue: QueueEntry<Task>[];
  broker: BrokerConfig;
  brokers: BrokerState[];
  /** Leader broker of each __consumer_offsets partition (null: no broker up to lead it). */
  offsetsLeaders: (number | null)[];
  topics: Record<string, TopicState>;
  producers: Record<string, ProducerState>;
  groups: Record<string, GroupState>;
  /**
   * Consumer-protocol groups (KIP-848), beside the classic ones: a group id is in one map or
   * the other, never both (an Empty group changes type when a member of the other protocol comes).
   */
  consumerGroups: Record<string, ConsumerGroupState>;
  consumers: Record<string, ConsumerState>;
  ledger: Record<string, LedgerGroup>;
  /** Last delivery time per network channel: Kafka connections are FIFO. */
  channels: Record<string, number>;
  /** Record size per topic, set with the producer (bytes; fetch sizes are counted in them). */
  recordBytes: Record<string, number>;
  /** Fetches the brokers hold (long polling), by consumer id. */
  heldFetches: Record<string, HeldFetch>;
  /** Every command applied so far, in order: replaying it from the seed rebuilds this world. */
  commands: LoggedCommand[];
  /** Time series and rebalance history (metrics/): bounded, plain data. */
  metrics: MetricsState;
  /**
   * 'analytic': caught-up consumers leave their fetches to a closed form of time (see
   * client/consumption/analytic.ts); 'discrete': every fetch is simulated. Set by a command.
   */
  consumptionModel: 'discrete' | 'analytic';
}
