/** Builds the public WorldSnapshot (plain JSON) from the internal World. */
import { pickRebalanceProtocol } from './assignors/registry';
import { coordinatorOf } from './cluster/brokers';
import { logEnd, logEnds, logStart, logStarts, parsePartition, partitionId } from './cluster/log';
import { sessionDeadline } from './coordinator/group-state';
import { ledgerTotals, lostBelow } from './ledger/ledger';
import { batchesInFlight } from './ledger/ranges';
import type { ConsumerSnapshot, GroupSnapshot, WorldSnapshot } from './types';
import type { Batch, ConsumerGroupState, ConsumerState, GroupState, LedgerGroup, LedgerPartition, World } from './world';
import { groupAssignor } from './coordinator/consumer/target-assignment';
import { compareMembers } from './assignors/member-order';

export function buildSnapshot(w: World): WorldSnapshot {
  const topics: WorldSnapshot['topics'] = {};
  // Log ends and starts per topic, read once: every group's lag reads them again.
  const ends = new Map<string, { starts: number[]; ends: number[] }>();
  for (const topic of Object.keys(w.topics)) {
    const read = { starts: logStarts(w, topic), ends: logEnds(w, topic) };
    ends.set(topic, read);
    topics[topic] = {
      partitions: read.ends.map((end, i) => ({ logStart: read.starts[i]!, logEnd: end })),
      producerRate: w.producers[topic]?.rate ?? 0,
    };
  }
  const groups: WorldSnapshot['groups'] = {};
  for (const group of Object.values(w.groups)) groups[group.groupId] = groupSnapshot(w, group, ends);
  for (const group of Object.values(w.consumerGroups)) groups[group.groupId] = consumerGroupSnapshot(w, group, ends);
  const consumers: WorldSnapshot['consumers'] = {};
  for (const c of Object.values(w.consumers)) consumers[c.consumerId] = consumerSnapshot(w, c);
  const brokers = w.brokers.map((b) => ({ id: b.id, status: b.status }));
  return { now: w.now, topics, groups, consumers, brokers, consumptionModel: w.consumptionModel };
}

type TopicReads = ReadonlyMap<string, { starts: number[]; ends: number[] }>;

/** A partition's row of a group's offsets: committed, log end and lag as kafka-consumer-groups.sh counts it. */
function offsetRow(w: World, offsets: Record<string, number>, reads: TopicReads, partition: string, topic: string, index: number): GroupSnapshot['offsets'][string] {
  const read = reads.get(topic);
  const end = read?.ends[index] ?? logEnd(w, topic, index);
  const committed = offsets[partition] ?? null;
  return { committed, logEnd: end, lag: Math.max(0, end - (committed ?? read?.starts[index] ?? logStart(w, topic, index))) };
}

function groupSnapshot(w: World, group: GroupState, reads: TopicReads): GroupSnapshot {
  const members = Object.values(group.members)
    .map((m) => (m.instanceId !== null ? { id: m.memberId, instanceId: m.instanceId, m } : { id: m.memberId, m }))
    .sort(compareMembers)
    .map(({ m }) => ({
      consumerId: m.consumerId,
      memberId: m.memberId,
      instanceId: m.instanceId,
      assigned: group.state === 'Stable' ? [...m.assignment] : [],
      sessionExpiresAt: sessionDeadline(m),
      memberEpoch: null,
      memberState: null,
      target: null,
    }));
  const leader = group.leaderMemberId === null ? null : (group.members[group.leaderMemberId]?.consumerId ?? null);

  const offsets: GroupSnapshot['offsets'] = {};
  const ledger = w.ledger[group.groupId];
  const inFlight = batchesInFlight(w, group.groupId);
  let anyInFlight = false;
  for (const _ in inFlight) {
    anyInFlight = true;
    break;
  }
  // Lost records are counted in the same pass (what ledgerTotals does over the committed offsets, all listed here).
  let lost = 0;
  const lagged = lagPartitions(w, group);
  for (let k = 0; k < lagged.sorted.length; k++) {
    const partition = lagged.sorted[k]!;
    const row = offsetRow(w, group.offsets, reads, partition, lagged.topics[k]!, lagged.indexes[k]!);
    const committed = row.committed;
    if (committed !== null && ledger !== undefined) {
      // The ledger's partition objects live as long as the group's ledger: kept beside the names.
      let entry = lagged.ledgers[k];
      if (entry === undefined || lagged.ledger !== ledger) {
        if (lagged.ledger !== ledger) {
          lagged.ledger = ledger;
          lagged.ledgers = [];
        }
        entry = lagged.ledgers[k] = ledger.partitions[partition];
      }
      lost += lostBelow(entry, committed, anyInFlight ? inFlight[partition] : undefined);
    }
    offsets[partition] = row;
  }
  const membersOf = Object.values(group.members);
  const assignors = membersOf[0]?.assignorNames ?? ['range'];
  return {
    // Each member runs the highest rebalance protocol its assignors share; one eager member makes it eager.
    protocol: membersOf.length > 0 && membersOf.every((m) => pickRebalanceProtocol(m.assignorNames) === 'cooperative') ? 'cooperative' : 'eager',
    assignor: group.assignorName ?? assignors[0] ?? 'range',
    state: group.state,
    generation: group.generation,
    leader,
    members,
    offsets,
    processed: ledger ? { records: ledger.records, duplicates: ledger.duplicates, lost, skipped: ledger.skipped } : { records: 0, duplicates: 0, lost: 0, skipped: 0 },
    rebalances: group.rebalances,
    quiet: group.quiet !== undefined,
    coordinator: coordinatorOf(w, group.groupId),
    assignmentEpoch: null,
  };
}

/**
 * A consumer-protocol group (KIP-848) as DescribeGroups shows it: generation is the group
 * epoch, no leader, each member with its current assignment, epoch, state and target.
 */
function consumerGroupSnapshot(w: World, group: ConsumerGroupState, reads: TopicReads): GroupSnapshot {
  const members = Object.values(group.members)
    .map((m) => ({ id: m.memberId, ...(m.instanceId !== null ? { instanceId: m.instanceId } : {}), m }))
    .sort(compareMembers)
    .map(({ m }) => ({
      consumerId: m.consumerId,
      memberId: m.memberId,
      instanceId: m.instanceId,
      assigned: [...m.assigned],
      sessionExpiresAt: m.lastSeen + (m.classic?.sessionTimeoutMs ?? w.broker.consumerSessionTimeoutMs),
      memberEpoch: m.memberEpoch,
      memberState: m.state === 'UNKNOWN' ? null : m.state,
      target: [...(group.targetAssignment[m.memberId] ?? [])],
    }));
  const lagged = consumerLagPartitions(w, group);
  const offsets: GroupSnapshot['offsets'] = {};
  for (let k = 0; k < lagged.sorted.length; k++) {
    const partition = lagged.sorted[k]!;
    offsets[partition] = offsetRow(w, group.offsets, reads, partition, lagged.topics[k]!, lagged.indexes[k]!);
  }
  return {
    protocol: 'consumer',
    assignor: groupAssignor(group),
    state: group.state,
    generation: group.groupEpoch,
    leader: null,
    members,
    offsets,
    processed: ledgerTotals(w, group.groupId, group.offsets, batchesInFlight(w, group.groupId)),
    rebalances: group.rebalances,
    quiet: false,
    coordinator: coordinatorOf(w, group.groupId),
    assignmentEpoch: group.assignmentEpoch,
  };
}

/**
 * The sorted partitions the group shows lag for: every partition of a topic a member
 * subscribes to, and every partition it has committed. Kept between snapshots while what
 * decides it (the committed keys, the members' topics, the partition counts) stays the same:
 * sorting a thousand names each frame was most of a snapshot's cost.
 */
interface LagPartitions extends SortedPartitions {
  /** The group's ledger partition of each (filled as they appear) and the ledger they belong to. */
  ledger: LedgerGroup | null;
  ledgers: (LedgerPartition | undefined)[];
}

/** A group's partitions in sorted order, with each one's topic and index, and what decided them. */
interface SortedPartitions {
  offsets: Record<string, number>;
  keys: number;
  signature: string;
  sorted: string[];
  topics: string[];
  indexes: number[];
}

/** Every committed partition and every partition of the given topic counts, sorted and parsed. */
function sortPartitions(offsets: Record<string, number>, keys: string[], signature: string, counts: Iterable<[string, number]>): SortedPartitions {
  const partitions = new Set(keys);
  for (const [topic, count] of counts) for (let i = 0; i < count; i++) partitions.add(partitionId(topic, i));
  const sorted = [...partitions].sort();
  const parsed = sorted.map((p) => parsePartition(p)!);
  return { offsets, keys: keys.length, signature, sorted, topics: parsed.map((p) => p.topic), indexes: parsed.map((p) => p.index) };
}

const lagPartitionCache = new WeakMap<GroupState, LagPartitions>();

function lagPartitions(w: World, group: GroupState): LagPartitions {
  const topics = new Set<string>();
  for (const id in group.members) for (const topic of group.members[id]!.topics) topics.add(topic);
  let signature = '';
  for (const topic of topics) signature += `${topic}\u0000${w.topics[topic]?.partitions.length ?? 0}\u0000`;
  const keys = Object.keys(group.offsets);
  const cached = lagPartitionCache.get(group);
  if (cached && cached.offsets === group.offsets && cached.keys === keys.length && cached.signature === signature) return cached;
  const counts = [...topics].map((topic): [string, number] => [topic, w.topics[topic]?.partitions.length ?? 0]);
  const entry: LagPartitions = { ...sortPartitions(group.offsets, keys, signature, counts), ledger: null, ledgers: [] };
  // Committed keys are only ever added, so the same object with as many keys has the same keys.
  lagPartitionCache.set(group, entry);
  return entry;
}

/**
 * The sorted partitions a consumer-protocol group shows lag for: every partition it has
 * committed, and every partition of its subscription metadata that the topic has. Kept
 * between snapshots while what decides it stays the same, as for a classic group.
 */
const consumerLagCache = new WeakMap<ConsumerGroupState, SortedPartitions>();

function consumerLagPartitions(w: World, group: ConsumerGroupState): SortedPartitions {
  let signature = '';
  for (const topic in group.subscriptionMetadata) {
    signature += `${topic}\u0000${group.subscriptionMetadata[topic]}\u0000${w.topics[topic]?.partitions.length ?? 0}\u0000`;
  }
  const keys = Object.keys(group.offsets);
  const cached = consumerLagCache.get(group);
  if (cached && cached.offsets === group.offsets && cached.keys === keys.length && cached.signature === signature) return cached;
  const counts = Object.entries(group.subscriptionMetadata).map(([topic, count]): [string, number] => [topic, Math.min(count, w.topics[topic]?.partitions.length ?? 0)]);
  const entry = sortPartitions(group.offsets, keys, signature, counts);
  // Committed keys are only ever added (conversion replaces the object), so the same object with as many keys has the same keys.
  consumerLagCache.set(group, entry);
  return entry;
}

function consumerSnapshot(w: World, c: ConsumerState): ConsumerSnapshot {
  const stalled = c.status === 'running' && w.now < c.stalledUntil;
  const m = c.membership;
  // "Owned" means owned in the group's current generation: a member that left (poll
  // timeout) or was fenced still holds what it fetched, as a zombie, until it polls again.
  const inGeneration = m.groupProtocol === 'none' || !m.fenced;
  const member = m.groupProtocol === 'none' ? null : m;
  const processing =
    c.loop.kind === 'processing'
      ? { count: c.loop.batch.count, startedAt: c.loop.batch.startedAt, endsAt: c.loop.batch.endsAt }
      : null;
  return {
    groupId: c.groupId,
    status: stalled ? 'stalled' : c.status,
    owned: inGeneration ? [...c.owned] : [],
    zombie: !inGeneration && c.loop.kind === 'processing' ? zombieOf(c.loop.batch) : null,
    position: copyRecord(c.position),
    memberId: member?.memberId ?? null,
    coordinator: c.coordinator,
    instanceId: c.config.instanceId,
    phase: member?.phase ?? 'standalone',
    // Under the consumer protocol the generation is the member epoch.
    generation: member?.generation ?? -1,
    subscription: c.mode === 'assign' ? [] : [...c.subscription],
    pattern: c.mode === 'pattern' ? c.pattern : null,
    patternTopics: c.mode === 'pattern' && m.groupProtocol === 'consumer' ? [...m.patternTopics] : null,
    subscriptionPattern: c.mode === 'regex' ? c.pattern : null,
    commit: c.commit,
    processingMs: c.processingMs,
    processing,
    lastPollAt: c.lastPollAt,
    lastHeartbeatAt: c.lastHeartbeatAt,
    fetching: c.consumption === null ? 'discrete' : 'analytic',
    config: {
      // Under the consumer protocol both are the broker's: its setting, and the interval its answers give.
      sessionTimeoutMs: m.groupProtocol === 'consumer' ? w.broker.consumerSessionTimeoutMs : c.config.sessionTimeoutMs,
      heartbeatIntervalMs: m.groupProtocol === 'consumer' ? m.heartbeatIntervalMs : c.config.heartbeatIntervalMs,
      maxPollIntervalMs: c.config.maxPollIntervalMs,
      maxPollRecords: c.config.maxPollRecords,
      autoCommitIntervalMs: c.config.autoCommitIntervalMs,
      enableAutoCommit: c.config.enableAutoCommit,
      autoOffsetReset: c.config.autoOffsetReset,
    },
  };
}

/** A copy of a flat record; a spread of a big dictionary-mode object is a slow path. */
function copyRecord(record: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key in record) out[key] = record[key]!;
  return out;
}

function zombieOf(batch: Batch): ConsumerSnapshot['zombie'] {
  return { partitions: [...new Set(batch.ranges.map((r) => r.partition))].sort(), count: batch.count, endsAt: batch.endsAt };
}
