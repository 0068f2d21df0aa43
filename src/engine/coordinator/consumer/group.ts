/**
 * A consumer-protocol group on its coordinator (KIP-848; Kafka's ConsumerGroup): the group
 * epoch, its state as Kafka derives it, and the bump that starts a "rebalance" (from an epoch
 * bump until every member is STABLE at it, which is what the metrics count).
 */
import type { Ctx } from '../../core/context';
import type { RebalanceReason } from '../../types';
import type { ConsumerGroupMember, ConsumerGroupState, ConsumerGroupStateName } from '../../world';

export function newConsumerGroup(groupId: string, offsets: Record<string, number> = {}): ConsumerGroupState {
  return {
    groupProtocol: 'consumer',
    groupId,
    state: 'Empty',
    groupEpoch: 0,
    assignmentEpoch: 0,
    targetAssignment: {},
    members: {},
    subscriptionMetadata: {},
    offsets,
    rebalances: 0,
    rebalanceOpen: false,
    loads: 0,
    resolvedRegularExpressions: {},
    regexResolution: null,
  };
}

export function consumerMembers(group: ConsumerGroupState): ConsumerGroupMember[] {
  return Object.values(group.members);
}

/** isReconciledTo: STABLE at the target's epoch. */
export function isReconciled(member: ConsumerGroupMember, epoch: number): boolean {
  return member.state === 'STABLE' && member.memberEpoch === epoch;
}

/** ConsumerGroup.maybeUpdateGroupState: Empty, Assigning (target behind the epoch), Reconciling, Stable. */
export function derivedState(group: ConsumerGroupState): ConsumerGroupStateName {
  const members = consumerMembers(group);
  if (members.length === 0) return 'Empty';
  if (group.groupEpoch > group.assignmentEpoch) return 'Assigning';
  return members.every((m) => isReconciled(m, group.assignmentEpoch)) ? 'Stable' : 'Reconciling';
}

/** Brings the state up to date and tells what changed; a Stable group ends the open rebalance. */
export function refreshState(ctx: Ctx, group: ConsumerGroupState): void {
  const to = derivedState(group);
  const from = group.state;
  if (to === from) return;
  group.state = to;
  ctx.emit({ type: 'GroupStateChanged', groupId: group.groupId, from, to, generation: group.groupEpoch });
  if (to === 'Empty') group.rebalanceOpen = false;
  if (to === 'Stable' && group.rebalanceOpen) {
    group.rebalanceOpen = false;
    group.rebalances += 1;
    ctx.emit({ type: 'RebalanceCompleted', groupId: group.groupId, generation: group.groupEpoch });
  }
}

/** The group moves to a new epoch: a new target assignment will follow at the next heartbeat. */
export function bumpGroupEpoch(ctx: Ctx, group: ConsumerGroupState, reason: RebalanceReason, consumerId: string | null): void {
  group.groupEpoch += 1;
  ctx.emit({ type: 'GroupEpochBumped', groupId: group.groupId, epoch: group.groupEpoch, reason });
  ctx.emit({ type: 'RebalanceStarted', groupId: group.groupId, reason, consumerId });
  group.rebalanceOpen = true;
}

/** The topics the group resolved the member's SubscriptionPattern to (none while unresolved). */
export function regexTopicsOf(group: ConsumerGroupState, member: Pick<ConsumerGroupMember, 'subscribedTopicRegex'>): string[] {
  const regex = member.subscribedTopicRegex;
  if (regex === null || !Object.hasOwn(group.resolvedRegularExpressions, regex)) return [];
  return group.resolvedRegularExpressions[regex]!.topics;
}

export function othersSubscribed(group: ConsumerGroupState, member: ConsumerGroupMember, regex: string): boolean {
  return consumerMembers(group).some((m) => m !== member && m.subscribedTopicRegex === regex);
}

export function removeConsumerMember(ctx: Ctx, group: ConsumerGroupState, member: ConsumerGroupMember, reason: string): void {
  // maybeDeleteResolvedRegularExpressions: a regex no one else uses goes with its last member.
  const regex = member.subscribedTopicRegex;
  if (regex !== null && !othersSubscribed(group, member, regex)) delete group.resolvedRegularExpressions[regex];
  delete group.members[member.memberId];
  delete group.targetAssignment[member.memberId];
  ctx.emit({ type: 'MemberRemoved', groupId: group.groupId, consumerId: member.consumerId, memberId: member.memberId, reason });
}
