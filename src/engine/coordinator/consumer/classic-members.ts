/**
 * Classic members inside a consumer group (KIP-848's mixed groups, while a group upgrades
 * online): they go on sending JoinGroup, SyncGroup, Heartbeat and LeaveGroup, and the
 * coordinator translates each into the consumer group's rules (Kafka's
 * classicGroupJoinToConsumerGroup and friends). A JoinGroup reports what the member owns and
 * moves it one reconciliation step; its answer carries the member epoch as the generation
 * and no member list (the broker assigns, no leader does); SyncGroup hands out the
 * partitions it may hold now; a heartbeat answers REBALANCE_IN_PROGRESS while the member is
 * behind its target, which sends it back to JoinGroup.
 *
 * Simplification: Kafka holds a JoinGroup until the member's revocation can complete; here
 * it is answered at once, and the member rejoins until it reaches its target.
 */
import type { Ctx } from '../../core/context';
import { reply } from '../../core/network';
import { randomUuid } from '../../core/prng';
import type { KafkaError, RebalanceReason } from '../../types';
import type { ConsumerGroupMember, ConsumerGroupState, CoordinatorRequest } from '../../world';
import { memberGone } from './conversion';
import { isReconciled, refreshState, removeConsumerMember } from './group';
import { scheduleConsumerSessionCheck } from './liveness';
import { reconcile } from './reconciliation';
import { advanceGroupEpoch } from './target-assignment';

type Request<T extends CoordinatorRequest['type']> = Extract<CoordinatorRequest, { type: T }>;

export function handleClassicJoin(ctx: Ctx, group: ConsumerGroupState, req: Request<'JoinGroup'>): void {
  const fail = (error: KafkaError, memberId = req.memberId ?? '') =>
    reply(ctx, req, { type: 'JoinGroup', error, memberId, generation: -1, leaderId: null, assignorName: null, members: [] });
  if (req.instanceId !== null) return fail('GROUP_ID_NOT_FOUND');
  // KIP-394 holds here too: a new member first gets its id.
  if (req.memberId === null) return fail('MEMBER_ID_REQUIRED', `${req.consumerId}-${randomUuid(ctx.w)}`);
  let member = group.members[req.memberId];
  let bump: RebalanceReason | null = null;
  if (member && member.classic === null) return fail('UNKNOWN_MEMBER_ID');
  if (!member) {
    member = newClassicMember(ctx, req);
    group.members[member.memberId] = member;
    ctx.emit({ type: 'MemberJoined', groupId: group.groupId, consumerId: req.consumerId, memberId: member.memberId });
    scheduleConsumerSessionCheck(ctx, group, member);
    bump = 'member joined';
  }
  const topics = [...req.topics].sort();
  if (topics.join(',') !== member.subscribedTopics.join(',')) bump ??= 'subscription changed';
  Object.assign(member, {
    consumerId: req.consumerId, incarnation: req.incarnation, lastSeen: ctx.w.now, rebalanceTimeoutMs: req.rebalanceTimeoutMs,
    subscribedTopics: topics, correlationId: req.correlationId,
  });
  member.classic = { sessionTimeoutMs: req.sessionTimeoutMs, assignorNames: [...req.assignorNames], stickyUserData: req.stickyUserData };
  advanceGroupEpoch(ctx, group, bump, req.consumerId);
  reconcile(group, member, req.owned);
  refreshState(ctx, group);
  reply(ctx, req, {
    type: 'JoinGroup', error: null, memberId: member.memberId, generation: member.memberEpoch,
    leaderId: null, assignorName: req.assignorNames[0] ?? null, members: [],
  });
}

function newClassicMember(ctx: Ctx, req: Request<'JoinGroup'>): ConsumerGroupMember {
  return {
    memberId: req.memberId!, consumerId: req.consumerId, incarnation: req.incarnation, instanceId: null,
    rebalanceTimeoutMs: req.rebalanceTimeoutMs, subscribedTopics: [], subscribedTopicRegex: null, serverAssignor: null,
    memberEpoch: 0, previousMemberEpoch: 0, state: 'STABLE', assigned: [], pendingRevocation: [],
    lastSeen: ctx.w.now, correlationId: req.correlationId, classic: null,
  };
}

/** The member's generation must be its epoch; the answer is what it may hold now. */
export function handleClassicSync(ctx: Ctx, group: ConsumerGroupState, req: Request<'SyncGroup'>): void {
  const member = group.members[req.memberId];
  const error = classicMemberError(member, req.generation);
  if (error !== null) return reply(ctx, req, { type: 'SyncGroup', error, assignment: [] });
  member!.lastSeen = ctx.w.now;
  reply(ctx, req, { type: 'SyncGroup', error: null, assignment: [...member!.assigned] });
}

/** Keeps the member alive; REBALANCE_IN_PROGRESS while it is behind the group's target (it must rejoin). */
export function handleClassicHeartbeat(ctx: Ctx, group: ConsumerGroupState, req: Request<'Heartbeat'>): void {
  const member = group.members[req.memberId];
  const error = classicMemberError(member, req.generation);
  if (error !== null) return reply(ctx, req, { type: 'Heartbeat', error });
  member!.lastSeen = ctx.w.now;
  advanceGroupEpoch(ctx, group, null, req.consumerId);
  refreshState(ctx, group);
  // Behind its target (partitions to give up, or to take once released): it must rejoin, where it reconciles.
  const behind = !isReconciled(member!, group.assignmentEpoch);
  reply(ctx, req, { type: 'Heartbeat', error: behind ? 'REBALANCE_IN_PROGRESS' : null });
}

export function handleClassicLeave(ctx: Ctx, group: ConsumerGroupState, req: Request<'LeaveGroup'>): void {
  const member = group.members[req.memberId];
  if (!member || member.classic === null) return;
  removeConsumerMember(ctx, group, member, 'left the group (LeaveGroup)');
  memberGone(ctx, group, 'member left', req.consumerId);
}

function classicMemberError(member: ConsumerGroupMember | undefined, generation: number): KafkaError | null {
  if (!member || member.classic === null) return 'UNKNOWN_MEMBER_ID';
  return generation === member.memberEpoch ? null : 'ILLEGAL_GENERATION';
}
