/** Builds the public WorldSnapshot (plain JSON) from the internal World. */
import { pickRebalanceProtocol } from './assignors/registry';
import { coordinatorOf } from './cluster/brokers';
import { logEnd, logEnds, logStart, logStarts, parsePartition, partitionId } from './cluster/log';
import { sessionDeadline } from './coordinator/group-state';
import { ledgerTotals, lostBelow } from './ledger/ledger';
import { batchesInFlightByGroup } from './ledger/ranges';
import type { ConsumerSnapshot, GroupMemberSnapshot, GroupSnapshot, WorldSnapshot } from './types';
import type { Batch, ConsumerGroupMember, ConsumerGroupState, ConsumerState, GroupState, LedgerGroup, LedgerPartition, MemberState, TopicState, World } from './world';
import { groupAssignor } from './coordinator/consumer/target-assignment';
import { compareMembers } from './assignors/member-order';
import { frozenCopy, keptList, NONE, type KeptList } from './snapshot-sharing';

export function buildSnapshot(w: World): WorldSnapshot {
  const topics: WorldSnapshot['topics'] = {};
  // Log ends and starts per topic, read once: every group's lag reads them again.
  const ends = new Map<string, { starts: number[]; ends: number[] }>();
  for (const topic of Object.keys(w.topics)) {
    const read = { starts: logStarts(w, topic), ends: logEnds(w, topic) };
    ends.set(topic, read);
    topics[topic] = { partitions: partitionRows(w.topics[topic]!, read.starts, read.ends), producerRate: w.producers[topic]?.rate ?? 0 };
  }
  const groups: WorldSnapshot['groups'] = {};
  const inFlight = batchesInFlightByGroup(w);
  for (const id in w.groups) groups[id] = groupSnapshot(w, w.groups[id]!, ends, inFlight.get(id));
  for (const id in w.consumerGroups) groups[id] = consumerGroupSnapshot(w, w.consumerGroups[id]!, ends, inFlight.get(id) ?? {});
  const consumers: WorldSnapshot['consumers'] = {};
  for (const id in w.consumers) consumers[id] = consumerSnapshot(w, w.consumers[id]!);
  const brokers = w.brokers.map((b) => ({ id: b.id, status: b.status }));
  return { now: w.now, topics, groups, consumers, brokers, consumptionModel: w.consumptionModel };
}

type TopicReads = ReadonlyMap<string, { starts: number[]; ends: number[] }>;
type PartitionRow = WorldSnapshot['topics'][string]['partitions'][number];
type OffsetRow = GroupSnapshot['offsets'][string];

const partitionLists = new WeakMap<TopicState, KeptList<PartitionRow>>();

/** A topic's partitions, log start and end: the rows (and the list) that did not move are the last snapshot's. */
function partitionRows(topic: TopicState, starts: number[], ends: number[]): PartitionRow[] {
  const last = partitionLists.get(topic)?.read;
  const rows = new Array<PartitionRow>(ends.length);
  for (let i = 0; i < ends.length; i++) {
    const row = last?.[i];
    rows[i] = row !== undefined && row.logStart === starts[i] && row.logEnd === ends[i] ? row : Object.freeze({ logStart: starts[i]!, logEnd: ends[i]! });
  }
  return keptList(partitionLists, topic, rows, (read) => read.slice());
}

/**
 * A partition's row of a group's offsets: committed, log end and lag as kafka-consumer-groups.sh
 * counts it; the row the last snapshot gave (`last`) while none of them moved.
 */
function offsetRow(w: World, offsets: Record<string, number>, reads: TopicReads, partition: string, topic: string, index: number, last: OffsetRow | undefined): OffsetRow {
  const read = reads.get(topic);
  const end = read?.ends[index] ?? logEnd(w, topic, index);
  const committed = offsets[partition] ?? null;
  const lag = Math.max(0, end - (committed ?? read?.starts[index] ?? logStart(w, topic, index)));
  if (last !== undefined && last.committed === committed && last.logEnd === end && last.lag === lag) return last;
  return Object.freeze({ committed, logEnd: end, lag });
}

const classicMemberRows = new WeakMap<MemberState, { row: GroupMemberSnapshot; assignment: readonly string[] | null }>();

/** A classic member's row: its assignment shows once the group is Stable. */
function classicMemberRow(m: MemberState, stable: boolean): GroupMemberSnapshot {
  const assignment = stable ? m.assignment : null;
  const deadline = sessionDeadline(m);
  const kept = classicMemberRows.get(m);
  if (kept !== undefined && kept.assignment === assignment && sameMember(kept.row, m) && kept.row.sessionExpiresAt === deadline) return kept.row;
  const row: GroupMemberSnapshot = Object.freeze({
    consumerId: m.consumerId,
    memberId: m.memberId,
    instanceId: m.instanceId,
    assigned: assignment === null ? NONE : frozenCopy(assignment),
    sessionExpiresAt: deadline,
    memberEpoch: null,
    memberState: null,
    target: null,
  });
  classicMemberRows.set(m, { row, assignment });
  return row;
}

const consumerMemberRows = new WeakMap<ConsumerGroupMember, { row: GroupMemberSnapshot; assigned: readonly string[]; target: readonly string[] | undefined }>();

/** A consumer-protocol member's row: current assignment, epoch, reconciliation state and target. */
function consumerMemberRow(w: World, group: ConsumerGroupState, m: ConsumerGroupMember): GroupMemberSnapshot {
  const target = group.targetAssignment[m.memberId];
  const expires = m.lastSeen + (m.classic?.sessionTimeoutMs ?? w.broker.consumerSessionTimeoutMs);
  const state = m.state === 'UNKNOWN' ? null : m.state;
  const kept = consumerMemberRows.get(m);
  if (
    kept !== undefined && kept.assigned === m.assigned && kept.target === target && sameMember(kept.row, m) &&
    kept.row.sessionExpiresAt === expires && kept.row.memberEpoch === m.memberEpoch && kept.row.memberState === state
  ) {
    return kept.row;
  }
  const row: GroupMemberSnapshot = Object.freeze({
    consumerId: m.consumerId,
    memberId: m.memberId,
    instanceId: m.instanceId,
    assigned: frozenCopy(m.assigned),
    sessionExpiresAt: expires,
    memberEpoch: m.memberEpoch,
    memberState: state,
    target: target === undefined ? NONE : frozenCopy(target),
  });
  consumerMemberRows.set(m, { row, assigned: m.assigned, target });
  return row;
}

function sameMember(row: GroupMemberSnapshot, m: { consumerId: string; memberId: string; instanceId: string | null }): boolean {
  return row.memberId === m.memberId && row.instanceId === m.instanceId && row.consumerId === m.consumerId;
}

const memberLists = new WeakMap<object, KeptList<GroupMemberSnapshot>>();

/** A group's member rows in Kafka's member order (MemberInfo.compareTo), the last list while no row changed. */
function memberList(group: object, rows: GroupMemberSnapshot[]): GroupMemberSnapshot[] {
  return keptList(memberLists, group, rows, (read) =>
    read
      .map((row) => (row.instanceId !== null ? { id: row.memberId, instanceId: row.instanceId, row } : { id: row.memberId, row }))
      .sort(compareMembers)
      .map(({ row }) => row),
  );
}

/** A classic group; `inFlight`: the batches its live consumers are processing (batchesInFlight), if any. */
function groupSnapshot(w: World, group: GroupState, reads: TopicReads, inFlight: Record<string, [number, number][]> | undefined): GroupSnapshot {
  const stable = group.state === 'Stable';
  const rows: GroupMemberSnapshot[] = [];
  // Each member runs the highest rebalance protocol its assignors share; one eager member makes it eager.
  let cooperative = true;
  // A group without a chosen assignor shows its first member's preferred one.
  let firstAssignor: string | undefined = 'range';
  for (const id in group.members) {
    const m = group.members[id]!;
    if (rows.length === 0) firstAssignor = m.assignorNames[0];
    rows.push(classicMemberRow(m, stable));
    if (cooperative && pickRebalanceProtocol(m.assignorNames) !== 'cooperative') cooperative = false;
  }
  const members = memberList(group, rows);
  const leader = group.leaderMemberId === null ? null : (group.members[group.leaderMemberId]?.consumerId ?? null);

  const offsets: GroupSnapshot['offsets'] = {};
  const ledger = w.ledger[group.groupId];
  // Lost records are counted in the same pass (what ledgerTotals does over the committed offsets, all listed here).
  let lost = 0;
  const lagged = lagPartitions(w, group);
  for (let k = 0; k < lagged.sorted.length; k++) {
    const partition = lagged.sorted[k]!;
    const row = (lagged.rows[k] = offsetRow(w, group.offsets, reads, partition, lagged.topics[k]!, lagged.indexes[k]!, lagged.rows[k]));
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
      lost += lostBelow(entry, committed, inFlight?.[partition]);
    }
    offsets[partition] = row;
  }
  return {
    protocol: rows.length > 0 && cooperative ? 'cooperative' : 'eager',
    assignor: group.assignorName ?? firstAssignor ?? 'range',
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
function consumerGroupSnapshot(w: World, group: ConsumerGroupState, reads: TopicReads, inFlight: Record<string, [number, number][]>): GroupSnapshot {
  const rows: GroupMemberSnapshot[] = [];
  for (const id in group.members) rows.push(consumerMemberRow(w, group, group.members[id]!));
  const members = memberList(group, rows);
  const lagged = consumerLagPartitions(w, group);
  const offsets: GroupSnapshot['offsets'] = {};
  for (let k = 0; k < lagged.sorted.length; k++) {
    const partition = lagged.sorted[k]!;
    offsets[partition] = lagged.rows[k] = offsetRow(w, group.offsets, reads, partition, lagged.topics[k]!, lagged.indexes[k]!, lagged.rows[k]);
  }
  return {
    protocol: 'consumer',
    assignor: groupAssignor(group),
    state: group.state,
    generation: group.groupEpoch,
    leader: null,
    members,
    offsets,
    processed: ledgerTotals(w, group.groupId, group.offsets, inFlight),
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
  /** The offset row each partition had in the last snapshot (see offsetRow). */
  rows: (OffsetRow | undefined)[];
}

/** Every committed partition and every partition of the given topic counts, sorted and parsed. */
function sortPartitions(offsets: Record<string, number>, keys: string[], signature: string, counts: Iterable<[string, number]>): SortedPartitions {
  const partitions = new Set(keys);
  for (const [topic, count] of counts) for (let i = 0; i < count; i++) partitions.add(partitionId(topic, i));
  const sorted = [...partitions].sort();
  const parsed = sorted.map((p) => parsePartition(p)!);
  return { offsets, keys: keys.length, signature, sorted, topics: parsed.map((p) => p.topic), indexes: parsed.map((p) => p.index), rows: [] };
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
    owned: inGeneration ? frozenCopy(c.owned) : NONE,
    zombie: !inGeneration && c.loop.kind === 'processing' ? zombieOf(c.loop.batch) : null,
    position: copyRecord(c.position),
    memberId: member?.memberId ?? null,
    coordinator: c.coordinator,
    instanceId: c.config.instanceId,
    phase: member?.phase ?? 'standalone',
    // Under the consumer protocol the generation is the member epoch.
    generation: member?.generation ?? -1,
    subscription: c.mode === 'assign' ? NONE : frozenCopy(c.subscription),
    pattern: c.mode === 'pattern' ? c.pattern : null,
    patternTopics: c.mode === 'pattern' && m.groupProtocol === 'consumer' ? frozenCopy(m.patternTopics) : null,
    subscriptionPattern: c.mode === 'regex' ? c.pattern : null,
    commit: c.commit,
    processingMs: c.processingMs,
    processing,
    lastPollAt: c.lastPollAt,
    lastHeartbeatAt: c.lastHeartbeatAt,
    fetching: c.consumption === null ? 'discrete' : 'analytic',
    config: configRow(w, c),
  };
}

type ConfigRow = ConsumerSnapshot['config'];
const configRows = new WeakMap<ConsumerState, ConfigRow>();

/** The consumer's settings as the snapshot shows them: the last snapshot's row while none changed. */
function configRow(w: World, c: ConsumerState): ConfigRow {
  const m = c.membership;
  // Under the consumer protocol both are the broker's: its setting, and the interval its answers give.
  const sessionTimeoutMs = m.groupProtocol === 'consumer' ? w.broker.consumerSessionTimeoutMs : c.config.sessionTimeoutMs;
  const heartbeatIntervalMs = m.groupProtocol === 'consumer' ? m.heartbeatIntervalMs : c.config.heartbeatIntervalMs;
  const { maxPollIntervalMs, maxPollRecords, autoCommitIntervalMs, enableAutoCommit, autoOffsetReset } = c.config;
  const kept = configRows.get(c);
  if (
    kept !== undefined && kept.sessionTimeoutMs === sessionTimeoutMs && kept.heartbeatIntervalMs === heartbeatIntervalMs &&
    kept.maxPollIntervalMs === maxPollIntervalMs && kept.maxPollRecords === maxPollRecords && kept.autoCommitIntervalMs === autoCommitIntervalMs &&
    kept.enableAutoCommit === enableAutoCommit && kept.autoOffsetReset === autoOffsetReset
  ) {
    return kept;
  }
  const row = Object.freeze({ sessionTimeoutMs, heartbeatIntervalMs, maxPollIntervalMs, maxPollRecords, autoCommitIntervalMs, enableAutoCommit, autoOffsetReset });
  configRows.set(c, row);
  return row;
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
