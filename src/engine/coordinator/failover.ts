/**
 * A group's coordinator moves when the leader of its __consumer_offsets partition changes.
 * The old broker's memory is gone: requests it held (JoinGroup, SyncGroup) die with their
 * connections, and the new coordinator loads the group from the log as Kafka's
 * GroupMetadataManager does: its last completed generation (Stable) or Empty, the committed
 * offsets, every member's session clock started afresh. A rebalance that was under way is
 * lost; members that were joining join again at the new coordinator.
 */
import { coordinatorOf } from '../cluster/brokers';
import type { Ctx } from '../core/context';
import { sendToConsumer } from '../core/network';
import type { ConsumerGroupState, GroupState, MemberState, World } from '../world';
import { scheduleConsumerSessionCheck } from './consumer/liveness';
import { membersOf } from './group-state';
import { scheduleSessionCheck } from './join';

/** Groups whose coordinator is `broker` now, for the routing check on every request. */
export function coordinatesGroup(w: World, broker: number, groupId: string): boolean {
  return coordinatorOf(w, groupId) === broker;
}

/** After leadership of __consumer_offsets partitions moved: every affected group fails over. */
export function onCoordinatorsMoved(ctx: Ctx, before: Record<string, number | null>): void {
  for (const group of Object.values(ctx.w.groups)) {
    const from = before[group.groupId] ?? null;
    const to = coordinatorOf(ctx.w, group.groupId);
    if (from === to) continue;
    dropHeldRequests(ctx, group, from);
    loadGroup(ctx, group, to);
    ctx.emit({ type: 'CoordinatorMoved', groupId: group.groupId, from, to });
  }
  for (const group of Object.values(ctx.w.consumerGroups)) {
    const from = before[group.groupId] ?? null;
    const to = coordinatorOf(ctx.w, group.groupId);
    if (from === to) continue;
    loadConsumerGroup(ctx, group, to);
    ctx.emit({ type: 'CoordinatorMoved', groupId: group.groupId, from, to });
  }
}

/**
 * A consumer group's every change is a record in __consumer_offsets (epochs, target,
 * each member's assignment), so the new coordinator has it all; only the session clocks
 * start afresh. Heartbeats sent to the old broker fail and are sent again, in full.
 */
function loadConsumerGroup(ctx: Ctx, group: ConsumerGroupState, coordinator: number | null): void {
  group.loads += 1;
  for (const member of Object.values(group.members)) {
    member.lastSeen = ctx.w.now;
    if (coordinator !== null) scheduleConsumerSessionCheck(ctx, group, member);
  }
}

export function coordinatorsByGroup(w: World): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const groupId of Object.keys(w.groups)) out[groupId] = coordinatorOf(w, groupId);
  for (const groupId of Object.keys(w.consumerGroups)) out[groupId] = coordinatorOf(w, groupId);
  return out;
}

/** The connections of requests the old coordinator held are gone: their clients see them fail. */
function dropHeldRequests(ctx: Ctx, group: GroupState, from: number | null): void {
  if (from === null) return;
  for (const member of membersOf(group)) {
    const held: [boolean, 'JoinGroup' | 'SyncGroup', number][] = [
      [member.awaitingJoin, 'JoinGroup', member.joinCorrelationId],
      [member.awaitingSync, 'SyncGroup', member.syncCorrelationId],
    ];
    for (const [waiting, type, correlationId] of held) {
      if (!waiting) continue;
      const request = { ...heldRequestOf(group, member, type), correlationId, broker: from };
      sendToConsumer(ctx, { groupId: group.groupId, ...member }, correlationId, { type: 'RequestFailed', request, error: 'NETWORK_EXCEPTION' });
    }
  }
}

/** What the client needs to recognise a lost request: its type and header (the body is not read). */
function heldRequestOf(group: GroupState, member: MemberState, type: 'JoinGroup' | 'SyncGroup') {
  const header = { groupId: group.groupId, consumerId: member.consumerId, incarnation: member.incarnation };
  return type === 'JoinGroup'
    ? { ...header, type, memberId: member.memberId, instanceId: member.instanceId, sessionTimeoutMs: member.sessionTimeoutMs,
        rebalanceTimeoutMs: member.rebalanceTimeoutMs, topics: [...member.topics], assignorNames: [...member.assignorNames], owned: [...member.owned],
        generation: member.generation, stickyUserData: member.stickyUserData }
    : { ...header, type, memberId: member.memberId, generation: group.generation, assignment: null };
}

/**
 * The new coordinator's view of the group: what the log says. With no broker up to lead the
 * partition, nobody holds the group: no timer runs until one loads it.
 */
function loadGroup(ctx: Ctx, group: GroupState, coordinator: number | null): void {
  const saved = group.persisted;
  group.timerToken += 1; // the old coordinator's timers are gone with it
  group.loads += 1;
  group.pendingMemberIds = [];
  group.initialDelay = null;
  group.joinDeadline = null;
  group.syncDeadline = null;
  group.members = {};
  if (!saved || saved.members.length === 0) {
    group.state = 'Empty';
    group.generation = saved?.generation ?? group.generation;
    group.assignorName = null;
    group.leaderMemberId = null;
    return;
  }
  group.state = 'Stable';
  group.generation = saved.generation;
  group.assignorName = saved.assignorName;
  group.leaderMemberId = saved.leaderMemberId;
  for (const member of structuredClone(saved.members)) {
    member.awaitingJoin = false;
    member.pendingSync = false;
    member.awaitingSync = false;
    member.lastSeen = ctx.w.now;
    group.members[member.memberId] = member;
    if (coordinator !== null) scheduleSessionCheck(ctx, group, member);
  }
}
