import type { ConsumerStatus, MembershipPhase, WorldSnapshot } from '../engine/types';
import { assignmentEpochOf, kip848Member, reconciliationOf, type MemberState } from './consumer-protocol';

/**
 * View models: snapshot in, small plain objects out. Components render these and never
 * reach into the snapshot themselves, so Kafka arithmetic (lag, ownership) lives here.
 */

export interface PartitionView {
  id: string;
  topic: string;
  index: number;
  logStart: number;
  logEnd: number;
  committed: number | null;
  /** logEnd − committed (logEnd − logStart before the group's first commit). */
  lag: number;
  /** The consumer that owns the partition now, per the clients; null while unowned. */
  owner: string | null;
  /** The owner's fetch position (next offset it will read), if it has one. */
  position: number | null;
}

export interface ConsumerView {
  id: string;
  status: ConsumerStatus;
  phase: MembershipPhase;
  memberId: string | null;
  instanceId: string | null;
  isLeader: boolean;
  /** A member of the group in the coordinator's view (crashed ones stay until expelled). */
  isMember: boolean;
  owned: string[];
  /** Running, in a Stable group, and given nothing: more consumers than partitions. */
  idle: boolean;
  generation: number;
  commit: string;
  processingMs: number;
  processing: { count: number; startedAt: number; endsAt: number } | null;
  lastHeartbeatAt: number | null;
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  maxPollIntervalMs: number;
  lastPollAt: number | null;
  subscription: string[];
  /** The regex it subscribed with, or null; consumer protocol: the topics its heartbeats send for it (else null). */
  pattern: string | null;
  patternTopics: string[] | null;
  /** The SubscriptionPattern (RE2J) it subscribed with, resolved by the group coordinator; null otherwise. */
  subscriptionPattern: string | null;
  /** For a consumer that died silently: virtual ms until the coordinator expels it. */
  sessionExpiresInMs: number | null;
  /** The broker it believes coordinates its group; null while it looks for one (or has no group). */
  coordinator: number | null;
  /** Consumer protocol (KIP-848) only, else null: the member's epoch, reconciliation state and target. */
  memberEpoch: number | null;
  memberState: MemberState | null;
  target: string[] | null;
  /** Of the target: partitions it has yet to receive, and owned ones it has yet to release. */
  toReceive: string[];
  toRelease: string[];
}

export interface GroupView {
  id: string;
  exists: boolean;
  state: string;
  generation: number;
  protocol: string;
  assignor: string;
  leader: string | null;
  memberCount: number;
  rebalances: number;
  totalLag: number;
  processed: { records: number; duplicates: number; lost: number; skipped: number };
  /** The broker coordinating the group; null when none is up. */
  coordinator: number | null;
  /** Consumer protocol: the epoch of the target assignment (generation is the group epoch); null under classic. */
  assignmentEpoch: number | null;
}

export function selectPartitions(snapshot: WorldSnapshot, topic: string, groupId: string): PartitionView[] {
  const partitions = snapshot.topics[topic]?.partitions ?? [];
  const offsets = snapshot.groups[groupId]?.offsets ?? {};
  const owners = new Map<string, string>();
  for (const consumerId in snapshot.consumers) {
    const consumer = snapshot.consumers[consumerId]!;
    if (consumer.groupId !== groupId || !isAlive(consumer.status)) continue;
    for (const partition of consumer.owned) owners.set(partition, consumerId);
  }
  const ids = partitionIds(topic, partitions.length);
  const out: PartitionView[] = new Array(partitions.length);
  for (let index = 0; index < partitions.length; index += 1) {
    const { logStart, logEnd } = partitions[index]!;
    const id = ids[index]!;
    const committed = offsets[id]?.committed ?? null;
    const owner = owners.get(id) ?? null;
    const position = owner === null ? null : (snapshot.consumers[owner]?.position[id] ?? null);
    out[index] = { id, topic, index, logStart, logEnd, committed, lag: logEnd - (committed ?? logStart), owner, position };
  }
  return out;
}

/** "topic-N" for N below count, kept per topic: a thousand names are not built again every frame. */
const idCache = new Map<string, string[]>();

function partitionIds(topic: string, count: number): readonly string[] {
  let ids = idCache.get(topic);
  if (!ids) {
    ids = [];
    idCache.set(topic, ids);
  }
  for (let i = ids.length; i < count; i += 1) ids.push(`${topic}-${i}`);
  return ids;
}

export function selectConsumers(snapshot: WorldSnapshot, groupId: string): ConsumerView[] {
  const group = snapshot.groups[groupId];
  const members = new Map(group?.members.map((m) => [m.memberId, m]) ?? []);
  return Object.entries(snapshot.consumers)
    .filter(([, consumer]) => consumer.groupId === groupId)
    .map(([id, consumer]) => {
      const member = consumer.memberId === null ? undefined : members.get(consumer.memberId);
      const isMember = member !== undefined;
      const expiresAt = consumer.status === 'crashed' ? (member?.sessionExpiresAt ?? null) : null;
      const kip = kip848Member(member);
      const reconciling = reconciliationOf(consumer.owned, kip.target);
      return {
        id,
        status: consumer.status,
        phase: consumer.phase,
        memberId: consumer.memberId,
        instanceId: consumer.instanceId,
        isLeader: group?.leader === id && isMember,
        isMember,
        owned: consumer.owned,
        idle:
          isAlive(consumer.status) && consumer.phase === 'stable' && group?.state === 'Stable' && consumer.owned.length === 0,
        generation: consumer.generation,
        commit: consumer.commit,
        processingMs: consumer.processingMs,
        processing: consumer.processing,
        lastHeartbeatAt: consumer.lastHeartbeatAt,
        sessionTimeoutMs: consumer.config.sessionTimeoutMs,
        heartbeatIntervalMs: consumer.config.heartbeatIntervalMs,
        maxPollIntervalMs: consumer.config.maxPollIntervalMs,
        lastPollAt: consumer.lastPollAt,
        subscription: consumer.subscription,
        pattern: consumer.pattern,
        patternTopics: consumer.patternTopics,
        subscriptionPattern: consumer.subscriptionPattern,
        sessionExpiresInMs: expiresAt === null ? null : Math.max(0, expiresAt - snapshot.now),
        coordinator: consumer.coordinator,
        ...kip,
        ...reconciling,
      };
    });
}

type GroupSnapshotOf = WorldSnapshot['groups'][string];

/** A snapshot's group's lag over all its partitions: read by the group view and the tabs, summed once. */
const totalLags = new WeakMap<GroupSnapshotOf, number>();

function groupTotalLag(group: GroupSnapshotOf): number {
  let total = totalLags.get(group);
  if (total === undefined) {
    total = 0;
    for (const key in group.offsets) total += group.offsets[key]!.lag;
    totalLags.set(group, total);
  }
  return total;
}

export function selectGroup(snapshot: WorldSnapshot, groupId: string): GroupView {
  const group = snapshot.groups[groupId];
  if (!group) {
    return {
      id: groupId,
      exists: false,
      state: 'Empty',
      generation: 0,
      protocol: 'eager',
      assignor: 'range',
      leader: null,
      memberCount: 0,
      rebalances: 0,
      totalLag: 0,
      processed: { records: 0, duplicates: 0, lost: 0, skipped: 0 },
      coordinator: null,
      assignmentEpoch: null,
    };
  }
  const totalLag = groupTotalLag(group);
  return {
    id: groupId,
    exists: true,
    state: group.state,
    generation: group.generation,
    protocol: group.protocol,
    assignor: group.assignor,
    leader: group.leader,
    memberCount: group.members.length,
    rebalances: group.rebalances,
    totalLag,
    processed: group.processed,
    coordinator: group.coordinator,
    assignmentEpoch: assignmentEpochOf(group),
  };
}

export interface GroupCapacity {
  /** Partitions of the page's topic. */
  partitions: number;
  /** The group's consumers whose process runs (running or stalled): the ones that can own partitions. */
  liveConsumers: number;
}

/**
 * How many consumers the topic can keep busy. In a group each partition has at most one
 * owner, so live consumers beyond the partition count sit idle.
 */
export function selectGroupCapacity(snapshot: WorldSnapshot, topic: string, groupId: string): GroupCapacity {
  const partitions = snapshot.topics[topic]?.partitions.length ?? 0;
  let liveConsumers = 0;
  for (const consumer of Object.values(snapshot.consumers)) {
    if (consumer.groupId === groupId && isAlive(consumer.status)) liveConsumers += 1;
  }
  return { partitions, liveConsumers };
}

/**
 * Partitions the coordinator still assigns to members whose process is not running.
 * A crashed consumer keeps them until its session times out: assigned, yet nobody reads them.
 */
export function selectStrandedPartitions(snapshot: WorldSnapshot, groupId: string): Record<string, string> {
  const stranded: Record<string, string> = {};
  for (const member of snapshot.groups[groupId]?.members ?? []) {
    const status = snapshot.consumers[member.consumerId]?.status;
    if (status !== 'crashed' && status !== 'closed') continue;
    for (const partition of member.assigned) stranded[partition] = member.consumerId;
  }
  return stranded;
}

function isAlive(status: ConsumerStatus): boolean {
  return status === 'running' || status === 'stalled';
}

export interface GroupSummary {
  id: string;
  state: string;
  generation: number;
  protocol: string;
  assignor: string;
  members: number;
  /** Topics its members read (subscribe, pattern matches, or assigned). */
  topics: string[];
  totalLag: number;
  /** Partitions of those topics owned by a live member now, of how many. */
  owned: number;
  partitions: number;
}

/** Every group on the page, each with what it reads and how much of it it owns now. */
export function selectGroupSummaries(snapshot: WorldSnapshot): GroupSummary[] {
  // One pass over the consumers for every group at once.
  const reads = new Map<string, { topics: Set<string>; owned: number }>();
  for (const consumer of Object.values(snapshot.consumers)) {
    if (consumer.groupId === null) continue;
    let entry = reads.get(consumer.groupId);
    if (!entry) reads.set(consumer.groupId, (entry = { topics: new Set(), owned: 0 }));
    for (const t of consumer.subscription) entry.topics.add(t);
    if (isAlive(consumer.status)) entry.owned += consumer.owned.length;
    for (const p of consumer.owned) entry.topics.add(topicOf(p));
  }
  return Object.entries(snapshot.groups)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, group]) => {
      const entry = reads.get(id);
      const list = [...(entry?.topics ?? [])].filter((t) => t in snapshot.topics).sort();
      const partitions = list.reduce((n, t) => n + snapshot.topics[t]!.partitions.length, 0);
      const totalLag = groupTotalLag(group);
      return {
        id,
        state: group.state,
        generation: group.generation,
        protocol: group.protocol,
        assignor: group.assignor,
        members: group.members.length,
        topics: list,
        totalLag,
        owned: entry?.owned ?? 0,
        partitions,
      };
    });
}

/** The topic of a "topic-N" name, remembered: the same names come back every frame. */
const topicCache = new Map<string, string>();

function topicOf(partition: string): string {
  let topic = topicCache.get(partition);
  if (topic === undefined) {
    topic = partition.slice(0, partition.lastIndexOf('-'));
    if (topicCache.size > 100_000) topicCache.clear();
    topicCache.set(partition, topic);
  }
  return topic;
}
