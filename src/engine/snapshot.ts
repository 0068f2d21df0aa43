/** Builds the public WorldSnapshot (plain JSON) from the internal World. */
import { pickRebalanceProtocol } from './assignors/registry';
import { coordinatorOf } from './cluster/brokers';
import { logEnd, logStart, parsePartition, partitionId } from './cluster/log';
import { sessionDeadline } from './coordinator/group-state';
import { ledgerTotals } from './ledger/ledger';
import type { ConsumerSnapshot, GroupSnapshot, WorldSnapshot } from './types';
import type { Batch, ConsumerGroupState, ConsumerState, GroupState, World } from './world';
import { groupAssignor } from './coordinator/consumer/target-assignment';
import { compareMembers } from './assignors/member-order';

export function buildSnapshot(w: World): WorldSnapshot {
  const topics: WorldSnapshot['topics'] = {};
  for (const [topic, state] of Object.entries(w.topics)) {
    topics[topic] = {
      partitions: state.partitions.map((_, i) => ({ logStart: logStart(w, topic, i), logEnd: logEnd(w, topic, i) })),
      producerRate: w.producers[topic]?.rate ?? 0,
    };
  }
  const groups: WorldSnapshot['groups'] = {};
  for (const group of Object.values(w.groups)) groups[group.groupId] = groupSnapshot(w, group);
  for (const group of Object.values(w.consumerGroups)) groups[group.groupId] = consumerGroupSnapshot(w, group);
  const consumers: WorldSnapshot['consumers'] = {};
  for (const c of Object.values(w.consumers)) consumers[c.consumerId] = consumerSnapshot(w, c);
  const brokers = w.brokers.map((b) => ({ id: b.id, status: b.status }));
  return { now: w.now, topics, groups, consumers, brokers };
}

function groupSnapshot(w: World, group: GroupState): GroupSnapshot {
  const members = Object.values(group.members)
    .map((m) => ({ id: m.memberId, ...(m.instanceId !== null ? { instanceId: m.instanceId } : {}), m }))
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

  // Lag for every partition the group subscribes to or has committed.
  const partitions = new Set(Object.keys(group.offsets));
  for (const m of Object.values(group.members)) {
    for (const topic of m.topics) {
      const count = w.topics[topic]?.partitions.length ?? 0;
      for (let i = 0; i < count; i++) partitions.add(partitionId(topic, i));
    }
  }
  const offsets: GroupSnapshot['offsets'] = {};
  for (const partition of [...partitions].sort()) {
    const { topic, index } = parsePartition(partition)!;
    const end = logEnd(w, topic, index);
    const committed = group.offsets[partition] ?? null;
    offsets[partition] = { committed, logEnd: end, lag: Math.max(0, end - (committed ?? logStart(w, topic, index))) };
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
    processed: ledgerTotals(w, group.groupId, group.offsets, batchesInFlight(w, group.groupId)),
    rebalances: group.rebalances,
    coordinator: coordinatorOf(w, group.groupId),
    assignmentEpoch: null,
  };
}

/**
 * A consumer-protocol group (KIP-848) as DescribeGroups shows it: generation is the group
 * epoch, no leader, each member with its current assignment, epoch, state and target.
 */
function consumerGroupSnapshot(w: World, group: ConsumerGroupState): GroupSnapshot {
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
  const partitions = new Set(Object.keys(group.offsets));
  for (const [topic, count] of Object.entries(group.subscriptionMetadata)) {
    for (let i = 0; i < count && i < (w.topics[topic]?.partitions.length ?? 0); i++) partitions.add(partitionId(topic, i));
  }
  const offsets: GroupSnapshot['offsets'] = {};
  for (const partition of [...partitions].sort()) {
    const { topic, index } = parsePartition(partition)!;
    const end = logEnd(w, topic, index);
    const committed = group.offsets[partition] ?? null;
    offsets[partition] = { committed, logEnd: end, lag: Math.max(0, end - (committed ?? logStart(w, topic, index))) };
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
    coordinator: coordinatorOf(w, group.groupId),
    assignmentEpoch: group.assignmentEpoch,
  };
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
    position: { ...c.position },
    memberId: member?.memberId ?? null,
    coordinator: c.coordinator,
    instanceId: c.config.instanceId,
    phase: member?.phase ?? 'standalone',
    // Under the consumer protocol the generation is the member epoch.
    generation: member?.generation ?? -1,
    subscription: c.mode === 'assign' ? [] : [...c.subscription],
    commit: c.commit,
    processingMs: c.processingMs,
    processing,
    lastPollAt: c.lastPollAt,
    lastHeartbeatAt: c.lastHeartbeatAt,
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

/** Offsets some live consumer of the group has fetched and is processing now: not lost (yet). */
function batchesInFlight(w: World, groupId: string): Record<string, [number, number][]> {
  const out: Record<string, [number, number][]> = {};
  for (const c of Object.values(w.consumers)) {
    if (c.groupId !== groupId || c.status !== 'running') continue;
    const batch = c.loop.kind === 'processing' || c.loop.kind === 'committing' ? c.loop.batch : undefined;
    for (const r of batch?.ranges ?? []) (out[r.partition] ??= []).push([r.from, r.to]);
  }
  return out;
}

function zombieOf(batch: Batch): ConsumerSnapshot['zombie'] {
  return { partitions: [...new Set(batch.ranges.map((r) => r.partition))].sort(), count: batch.count, endsAt: batch.endsAt };
}
