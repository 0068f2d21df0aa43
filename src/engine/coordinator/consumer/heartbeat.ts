/**
 * ConsumerGroupHeartbeat on the coordinator (Kafka's GroupMetadataManager.consumerGroupHeartbeat):
 * join (epoch 0), leave (-1), leave for a while (-2, static members), or a plain heartbeat
 * that may carry a changed subscription and the member's owned partitions. Each one may bump
 * the group epoch, compute the target assignment and move this member one reconciliation
 * step; the answer carries the member's epoch, the heartbeat interval and, when it changed
 * (or the request was a full one), its assignment.
 */
import type { Ctx } from '../../core/context';
import { reply } from '../../core/network';
import type { KafkaError, RebalanceReason } from '../../types';
import type { ConsumerGroupMember, ConsumerGroupState, CoordinatorRequest } from '../../world';
import { getOrConvertToConsumerGroup, memberGone } from './conversion';
import { consumerMembers, refreshState, removeConsumerMember } from './group';
import { scheduleConsumerSessionCheck } from './liveness';
import { reconcile } from './reconciliation';
import { maybeUpdateRegularExpressions } from './regex';
import { advanceGroupEpoch } from './target-assignment';

type HeartbeatRequest = Extract<CoordinatorRequest, { type: 'ConsumerGroupHeartbeat' }>;

const LEAVE = -1;
const LEAVE_STATIC = -2;

export function handleConsumerGroupHeartbeat(ctx: Ctx, req: HeartbeatRequest): void {
  const group = getOrConvertToConsumerGroup(ctx, req.groupId);
  // A classic group converts only while Stable: the member retries after a backoff.
  if (group === 'rebalancing') return fail(ctx, req, 'REBALANCE_IN_PROGRESS');
  if (group === 'refused') return fail(ctx, req, 'GROUP_ID_NOT_FOUND');
  if (req.memberEpoch === LEAVE || req.memberEpoch === LEAVE_STATIC) return leave(ctx, group, req);

  let bump: RebalanceReason | null = null;
  let member: ConsumerGroupMember;
  if (req.memberEpoch === 0) {
    const joined = join(ctx, group, req);
    if (typeof joined === 'string') return fail(ctx, req, joined);
    member = joined.member;
    bump = joined.bump;
  } else {
    const existing = group.members[req.memberId];
    if (!existing) return fail(ctx, req, 'UNKNOWN_MEMBER_ID');
    const error = validateEpoch(existing, req);
    if (error !== null) return fail(ctx, req, error);
    member = existing;
  }
  member.lastSeen = ctx.w.now;
  member.consumerId = req.consumerId;
  member.incarnation = req.incarnation;
  member.rebalanceTimeoutMs = req.rebalanceTimeoutMs;
  if (updateSubscription(member, req)) bump ??= 'subscription changed';
  const previousRegex = member.subscribedTopicRegex;
  if (req.subscribedTopicRegex !== null) member.subscribedTopicRegex = req.subscribedTopicRegex === '' ? null : req.subscribedTopicRegex;
  if (maybeUpdateRegularExpressions(ctx, group, member, previousRegex)) bump ??= 'subscription changed';
  // The broker watches its own metadata: added partitions or a topic a regex now matches.
  advanceGroupEpoch(ctx, group, bump, req.consumerId);

  const changed = reconcile(group, member, req.owned);
  refreshState(ctx, group);
  const full = req.memberEpoch === 0 || ((req.subscribedTopics !== null || req.subscribedTopicRegex !== null) && req.owned !== null);
  answer(ctx, req, member, full || changed ? [...member.assigned] : null);
}

/**
 * A new member, or a static member coming back: a known instance id that left with -2 is
 * taken over by the new member id with its assignment and epoch (no new epoch unless its
 * subscription changed); one still in the group is UNRELEASED_INSTANCE_ID.
 */
function join(ctx: Ctx, group: ConsumerGroupState, req: HeartbeatRequest): { member: ConsumerGroupMember; bump: RebalanceReason | null } | KafkaError {
  if (req.instanceId !== null) {
    const previous = consumerMembers(group).find((m) => m.instanceId === req.instanceId);
    if (previous && previous.memberId !== req.memberId) {
      if (previous.memberEpoch !== LEAVE_STATIC) return 'UNRELEASED_INSTANCE_ID';
      delete group.members[previous.memberId];
      const member: ConsumerGroupMember = {
        ...previous,
        memberId: req.memberId,
        memberEpoch: previous.previousMemberEpoch,
        previousMemberEpoch: previous.previousMemberEpoch,
        correlationId: req.correlationId,
      };
      group.targetAssignment[req.memberId] = group.targetAssignment[previous.memberId] ?? [];
      delete group.targetAssignment[previous.memberId];
      group.members[req.memberId] = member;
      ctx.emit({ type: 'MemberJoined', groupId: group.groupId, consumerId: req.consumerId, memberId: req.memberId });
      scheduleConsumerSessionCheck(ctx, group, member);
      return { member, bump: null };
    }
  }
  const existing = group.members[req.memberId];
  if (existing) {
    // Epoch 0 from a known member: it lost its state (fenced) and rejoins from nothing.
    existing.memberEpoch = 0;
    existing.previousMemberEpoch = 0;
    existing.state = 'STABLE';
    existing.assigned = [];
    existing.pendingRevocation = [];
    return { member: existing, bump: null };
  }
  const member: ConsumerGroupMember = {
    memberId: req.memberId,
    consumerId: req.consumerId,
    incarnation: req.incarnation,
    instanceId: req.instanceId,
    rebalanceTimeoutMs: req.rebalanceTimeoutMs,
    subscribedTopics: [],
    subscribedTopicRegex: null,
    serverAssignor: req.serverAssignor,
    memberEpoch: 0,
    previousMemberEpoch: 0,
    state: 'STABLE',
    assigned: [],
    pendingRevocation: [],
    lastSeen: ctx.w.now,
    correlationId: req.correlationId,
    classic: null,
  };
  group.members[req.memberId] = member;
  ctx.emit({ type: 'MemberJoined', groupId: group.groupId, consumerId: req.consumerId, memberId: req.memberId });
  scheduleConsumerSessionCheck(ctx, group, member);
  // consumerGroupHeartbeat bumps for a new member only when its subscription differs from
  // a blank member's (hasMemberSubscriptionChanged), or to move a new group off epoch 0: a
  // member that joins subscribed to nothing yet (a pattern its client has not matched) does not.
  // A SubscriptionPattern's bump is maybeUpdateRegularExpressions's (at once if already resolved).
  const subscribes = (req.subscribedTopics?.length ?? 0) > 0;
  return { member, bump: subscribes || group.groupEpoch === 0 ? 'member joined' : null };
}

/**
 * throwIfMemberEpochIsInvalid: a newer epoch than the broker's, or an older one that is not
 * the previous epoch with owned partitions inside the current assignment (a lost answer), is fenced.
 */
function validateEpoch(member: ConsumerGroupMember, req: HeartbeatRequest): KafkaError | null {
  if (req.memberEpoch === member.memberEpoch) return null;
  if (req.memberEpoch < member.memberEpoch && req.memberEpoch === member.previousMemberEpoch) {
    if (req.owned !== null && req.owned.every((p) => member.assigned.includes(p))) return null;
  }
  return 'FENCED_MEMBER_EPOCH';
}

/** The subscription fields the member sent (null: unchanged). True when it changed. */
function updateSubscription(member: ConsumerGroupMember, req: HeartbeatRequest): boolean {
  let changed = false;
  if (req.subscribedTopics !== null) {
    const topics = [...req.subscribedTopics].sort();
    changed ||= topics.join(',') !== member.subscribedTopics.join(',');
    member.subscribedTopics = topics;
  }
  if (req.serverAssignor !== null && req.serverAssignor !== member.serverAssignor) {
    member.serverAssignor = req.serverAssignor;
    changed = true;
  }
  return changed;
}

/** -1: the member is gone, its partitions free, a new epoch. -2: a static member's assignment waits for it. */
function leave(ctx: Ctx, group: ConsumerGroupState, req: HeartbeatRequest): void {
  const member = group.members[req.memberId];
  if (!member) return fail(ctx, req, 'UNKNOWN_MEMBER_ID');
  if (req.memberEpoch === LEAVE_STATIC && member.instanceId !== null) {
    member.previousMemberEpoch = member.memberEpoch;
    member.memberEpoch = LEAVE_STATIC;
    member.lastSeen = ctx.w.now;
    refreshState(ctx, group);
    return answer(ctx, req, member, null);
  }
  removeConsumerMember(ctx, group, member, 'left the group (heartbeat with epoch -1)');
  memberGone(ctx, group, 'member left', req.consumerId);
  reply(ctx, req, {
    type: 'ConsumerGroupHeartbeat', error: null, memberId: req.memberId, memberEpoch: LEAVE,
    heartbeatIntervalMs: 0, assignment: null,
  });
}

function answer(ctx: Ctx, req: HeartbeatRequest, member: ConsumerGroupMember, assignment: string[] | null): void {
  reply(ctx, req, {
    type: 'ConsumerGroupHeartbeat', error: null, memberId: member.memberId, memberEpoch: member.memberEpoch,
    heartbeatIntervalMs: ctx.w.broker.consumerHeartbeatIntervalMs, assignment,
  });
}

function fail(ctx: Ctx, req: HeartbeatRequest, error: KafkaError): void {
  reply(ctx, req, { type: 'ConsumerGroupHeartbeat', error, memberId: req.memberId, memberEpoch: req.memberEpoch, heartbeatIntervalMs: 0, assignment: null });
}
