/**
 * JoinGroup on the coordinator: member ids, the join phase, the generation bump, protocol
 * vote and leader choice (Kafka's GroupCoordinator / ClassicGroup join handling).
 */
import type { Ctx } from '../core/context';
import { reply, sendToConsumer } from '../core/network';
import { randomUuid } from '../core/prng';
import { javaHashMapOrder } from '../assignors/java-hash';
import type { KafkaError, RebalanceReason } from '../types';
import type { CoordinatorRequest, GroupState, JoinMemberInfo, MemberState } from '../world';
import { getOrCreateGroup, membersOf, persistGroup, prepareRebalance, rebalanceTimeoutMs, transition } from './group-state';

type JoinRequest = Extract<CoordinatorRequest, { type: 'JoinGroup' }>;

export function handleJoinGroup(ctx: Ctx, req: JoinRequest): void {
  const group = getOrCreateGroup(ctx, req.groupId);
  const fail = (error: KafkaError, memberId = req.memberId ?? '') => replyJoinError(ctx, req, error, memberId);

  if (group.state === 'Dead') return fail('COORDINATOR_NOT_AVAILABLE');
  const { minSessionTimeoutMs, maxSessionTimeoutMs } = ctx.w.broker;
  if (req.sessionTimeoutMs < minSessionTimeoutMs || req.sessionTimeoutMs > maxSessionTimeoutMs) return fail('INVALID_SESSION_TIMEOUT');
  if (!assignorsCompatible(group, req.assignorNames)) return fail('INCONSISTENT_GROUP_PROTOCOL');

  if (req.instanceId !== null) return joinStatic(ctx, group, req);

  if (req.memberId === null) {
    // KIP-394: a new dynamic member first gets an id and must come back with it.
    const memberId = `${req.consumerId}-${randomUuid(ctx.w)}`;
    group.pendingMemberIds.push(memberId);
    return fail('MEMBER_ID_REQUIRED', memberId);
  }
  const pendingIndex = group.pendingMemberIds.indexOf(req.memberId);
  if (pendingIndex >= 0) {
    group.pendingMemberIds.splice(pendingIndex, 1);
    addMember(ctx, group, req, req.memberId);
    return memberAdded(ctx, group, req.consumerId);
  }
  const member = group.members[req.memberId];
  if (!member) return fail('UNKNOWN_MEMBER_ID');
  rejoinExisting(ctx, group, member, req);
}

/**
 * Static membership (KIP-345): the instance id, not the member id, names the member. One that
 * comes back with its known member id takes the normal path; an unknown (empty) member id
 * with a known instance id is a restarted process that replaces the old one.
 */
function joinStatic(ctx: Ctx, group: GroupState, req: JoinRequest): void {
  const existing = membersOf(group).find((m) => m.instanceId === req.instanceId);
  if (req.memberId !== null) {
    if (existing?.memberId === req.memberId) return rejoinExisting(ctx, group, existing, req);
    // Another process took this instance id over, or the member was removed meanwhile.
    return replyJoinError(ctx, req, existing ? 'FENCED_INSTANCE_ID' : 'UNKNOWN_MEMBER_ID');
  }
  const memberId = `${req.consumerId}-${randomUuid(ctx.w)}`;
  if (!existing) {
    addMember(ctx, group, req, memberId);
    return memberAdded(ctx, group, req.consumerId);
  }
  // A restarted static member takes over its old entry under a new member id; the old
  // process, if still alive somewhere, is fenced.
  const wasLeader = group.leaderMemberId === existing.memberId;
  delete group.members[existing.memberId];
  const replaced: MemberState = {
    ...existing, memberId, consumerId: req.consumerId, incarnation: req.incarnation, joinCorrelationId: req.correlationId,
  };
  group.members[memberId] = replaced;
  if (wasLeader) group.leaderMemberId = memberId;
  scheduleSessionCheck(ctx, group, replaced);
  const changed = !sameTopics(existing.topics, req.topics);
  updateMetadata(ctx, replaced, req);
  if (group.state === 'Stable' && !changed) {
    // No rebalance: it gets its old assignment back through SyncGroup; the log records the new id.
    persistGroup(group);
    replaced.pendingSync = true;
    return respondJoin(ctx, group, replaced, false);
  }
  replaced.awaitingJoin = true;
  if (group.state === 'PreparingRebalance') return tryCompleteJoin(ctx, group);
  startRebalance(ctx, group, changed ? 'subscription changed' : 'member joined', req.consumerId);
}

function replyJoinError(ctx: Ctx, req: JoinRequest, error: KafkaError, memberId = req.memberId ?? ''): void {
  reply(ctx, req, { type: 'JoinGroup', error, memberId, generation: -1, leaderId: null, assignorName: null, members: [] });
}

function rejoinExisting(ctx: Ctx, group: GroupState, member: MemberState, req: JoinRequest): void {
  // Kafka compares the whole subscription (ClassicGroupMember.matches): topics, the assignor
  // list and the owned partitions, so a cooperative member that revoked some rejoins into a
  // follow-up rebalance.
  const changed = !sameTopics(member.topics, req.topics) || !sameList(member.owned, req.owned) || !sameList(member.assignorNames, req.assignorNames);
  updateMetadata(ctx, member, req);
  member.consumerId = req.consumerId;
  member.incarnation = req.incarnation;
  member.joinCorrelationId = req.correlationId;
  switch (group.state) {
    case 'PreparingRebalance':
      member.awaitingJoin = true;
      return tryCompleteJoin(ctx, group);
    case 'CompletingRebalance':
    case 'Stable': {
      const isLeader = group.leaderMemberId === member.memberId;
      if (!changed && !(group.state === 'Stable' && isLeader)) {
        member.pendingSync = group.state === 'CompletingRebalance' || member.pendingSync;
        return respondJoin(ctx, group, member, isLeader);
      }
      member.awaitingJoin = true;
      const reason: RebalanceReason = changed ? 'subscription changed' : 'leader rejoined';
      return startRebalance(ctx, group, reason, req.consumerId);
    }
    default:
      member.awaitingJoin = true;
      return startRebalance(ctx, group, 'member joined', req.consumerId);
  }
}

function addMember(ctx: Ctx, group: GroupState, req: JoinRequest, memberId: string): void {
  const member: MemberState = {
    memberId,
    consumerId: req.consumerId,
    incarnation: req.incarnation,
    joinCorrelationId: req.correlationId,
    syncCorrelationId: 0,
    instanceId: req.instanceId,
    sessionTimeoutMs: req.sessionTimeoutMs,
    rebalanceTimeoutMs: req.rebalanceTimeoutMs,
    topics: [...req.topics],
    assignorNames: [...req.assignorNames],
    owned: [...req.owned],
    generation: req.generation,
    stickyUserData: req.stickyUserData,
    assignment: [],
    awaitingJoin: true,
    pendingSync: false,
    awaitingSync: false,
    lastSeen: ctx.w.now,
  };
  group.members[memberId] = member;
  ctx.emit({ type: 'MemberJoined', groupId: group.groupId, consumerId: req.consumerId, memberId });
  scheduleSessionCheck(ctx, group, member);
}

/** A new member is in: start a rebalance, or extend the one under way. */
function memberAdded(ctx: Ctx, group: GroupState, consumerId: string): void {
  if (group.state === 'PreparingRebalance') {
    if (group.initialDelay) group.initialDelay.newMemberAdded = true;
    return tryCompleteJoin(ctx, group);
  }
  startRebalance(ctx, group, 'member joined', consumerId);
}

function updateMetadata(ctx: Ctx, member: MemberState, req: JoinRequest): void {
  member.topics = [...req.topics];
  member.assignorNames = [...req.assignorNames];
  member.owned = [...req.owned];
  member.generation = req.generation;
  member.stickyUserData = req.stickyUserData;
  member.sessionTimeoutMs = req.sessionTimeoutMs;
  member.rebalanceTimeoutMs = req.rebalanceTimeoutMs;
  member.lastSeen = ctx.w.now;
}

export function scheduleSessionCheck(ctx: Ctx, group: GroupState, member: MemberState): void {
  ctx.schedule(ctx.w.now + member.sessionTimeoutMs, {
    kind: 'sessionCheck',
    loads: group.loads,
    groupId: group.groupId,
    memberId: member.memberId,
  });
}

/** Begins a rebalance and completes the join phase at once if everyone is already in. */
export function startRebalance(ctx: Ctx, group: GroupState, reason: RebalanceReason, consumerId: string | null): void {
  prepareRebalance(ctx, group, reason, consumerId);
  tryCompleteJoin(ctx, group);
}

/** The join phase ends once every known member has rejoined and no new id is pending. */
export function tryCompleteJoin(ctx: Ctx, group: GroupState): void {
  if (group.state !== 'PreparingRebalance' || group.initialDelay) return;
  const allJoined = membersOf(group).every((m) => m.awaitingJoin) && group.pendingMemberIds.length === 0;
  if (allJoined) completeJoin(ctx, group);
}

/**
 * Ends the join phase: members that did not rejoin in time are dropped (dynamic ones), the
 * generation moves on, and every joined member gets its JoinGroup response; only the
 * leader's carries the member list it needs to run the assignor.
 */
export function completeJoin(ctx: Ctx, group: GroupState): void {
  for (const member of membersOf(group)) {
    if (!member.awaitingJoin && member.instanceId === null) {
      delete group.members[member.memberId];
      ctx.emit({
        type: 'MemberRemoved', groupId: group.groupId, consumerId: member.consumerId,
        memberId: member.memberId, reason: 'did not rejoin before the rebalance timeout',
      });
    }
  }
  group.pendingMemberIds = [];
  group.initialDelay = null;
  group.joinDeadline = null;
  group.timerToken += 1;
  group.generation += 1;

  const members = membersOf(group);
  if (members.length === 0) {
    group.assignorName = null;
    group.leaderMemberId = null;
    transition(ctx, group, 'Empty');
    persistGroup(group);
    return;
  }
  group.assignorName = selectAssignor(members);
  if (group.leaderMemberId === null || !group.members[group.leaderMemberId]?.awaitingJoin) {
    group.leaderMemberId = (members.find((m) => m.awaitingJoin) ?? members[0]!).memberId;
  }
  transition(ctx, group, 'CompletingRebalance');
  for (const member of members) {
    if (!member.awaitingJoin) continue;
    member.awaitingJoin = false;
    member.pendingSync = true;
    member.lastSeen = ctx.w.now;
    respondJoin(ctx, group, member, member.memberId === group.leaderMemberId);
  }
  group.syncDeadline = ctx.w.now + rebalanceTimeoutMs(group);
  ctx.schedule(group.syncDeadline, { kind: 'groupTimer', groupId: group.groupId, timer: 'syncDeadline', token: group.timerToken });
}

function respondJoin(ctx: Ctx, group: GroupState, member: MemberState, withMembers: boolean): void {
  const members: JoinMemberInfo[] = withMembers
    ? membersOf(group).map((m) => ({
        memberId: m.memberId, instanceId: m.instanceId, topics: [...m.topics], owned: [...m.owned],
        generation: m.generation, stickyUserData: m.stickyUserData,
      }))
    : [];
  sendToConsumer(ctx, { groupId: group.groupId, ...member }, member.joinCorrelationId, {
    type: 'JoinGroup',
    error: null,
    memberId: member.memberId,
    generation: group.generation,
    leaderId: group.leaderMemberId,
    assignorName: group.assignorName,
    members,
  });
}

/**
 * The protocol (assignor) every member supports that most members prefer, as Kafka's
 * ClassicGroup.selectProtocol: each member, in the iteration order of the group's member
 * HashMap, votes for its first candidate; the most votes win, and a tie goes to the first
 * of them in the votes HashMap's iteration order (Stream.max keeps the first of equals).
 */
function selectAssignor(members: MemberState[]): string {
  const candidates = members[0]!.assignorNames.filter((p) => members.every((m) => m.assignorNames.includes(p)));
  const votes = new Map<string, number>(); // insertion order = the order of Kafka's put()s
  for (const i of javaHashMapOrder(members.map((m) => m.memberId))) {
    const vote = members[i]!.assignorNames.find((p) => candidates.includes(p));
    if (vote) votes.set(vote, (votes.get(vote) ?? 0) + 1);
  }
  const names = [...votes.keys()];
  let best: string | null = null;
  for (const i of javaHashMapOrder(names)) {
    const name = names[i]!;
    if (best === null || votes.get(name)! > votes.get(best)!) best = name;
  }
  return best ?? candidates[0]!;
}

function assignorsCompatible(group: GroupState, assignorNames: string[]): boolean {
  if (assignorNames.length === 0) return false;
  const members = membersOf(group);
  if (members.length === 0) return true;
  return assignorNames.some((p) => members.every((m) => m.assignorNames.includes(p)));
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameTopics(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
}

/** group.initial.rebalance.delay.ms: each new member extends the wait, up to the rebalance timeout. */
export function onInitialDelayExpired(ctx: Ctx, group: GroupState): void {
  const delay = group.initialDelay;
  if (!delay || group.state !== 'PreparingRebalance') return;
  const remaining = delay.maxUntil - ctx.w.now;
  if (delay.newMemberAdded && remaining > 0) {
    delay.newMemberAdded = false;
    delay.until = ctx.w.now + Math.min(ctx.w.broker.initialRebalanceDelayMs, remaining);
    ctx.schedule(delay.until, { kind: 'groupTimer', groupId: group.groupId, timer: 'initialDelay', token: group.timerToken });
    return;
  }
  completeJoin(ctx, group);
}

/** The rebalance timeout ran out: complete with whoever rejoined. */
export function onJoinDeadline(ctx: Ctx, group: GroupState): void {
  if (group.state === 'PreparingRebalance') completeJoin(ctx, group);
}
