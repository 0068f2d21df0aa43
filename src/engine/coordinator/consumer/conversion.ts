/**
 * Which protocol a group id speaks, and the online upgrade and downgrade between them
 * (KIP-848's mixed groups, group.consumer.migration.policy=bidirectional, Kafka 4's default).
 *
 * - An Empty group becomes the other kind when a member of the other protocol comes,
 *   keeping its committed offsets.
 * - Upgrade: a consumer-protocol member joining a Stable classic group converts it into a
 *   consumer group (ConsumerGroup.fromClassicGroup): each classic member keeps its member
 *   id and assignment, its generation becomes its member epoch, and it goes on speaking
 *   JoinGroup/SyncGroup/Heartbeat, which the coordinator translates (classic-members.ts).
 * - Downgrade: when the last consumer-protocol member leaves and classic members remain,
 *   the group becomes a classic group again and rebalances.
 *
 * Not supported yet, refused with a message: converting a classic group while it
 * rebalances (the joining member retries until it is Stable) or one with static members.
 */
import type { Ctx } from '../../core/context';
import type { RebalanceReason } from '../../types';
import type { ConsumerGroupMember, ConsumerGroupState, GroupState, MemberState } from '../../world';
import { getOrCreateGroup, persistGroup, prepareRebalance } from '../group-state';
import { bumpGroupEpoch, consumerMembers, newConsumerGroup, refreshState } from './group';

export type ConsumerGroupLookup = ConsumerGroupState | 'rebalancing' | 'refused';

/** The consumer group `groupId` is, converting an Empty or Stable classic group on the way. */
export function getOrConvertToConsumerGroup(ctx: Ctx, groupId: string): ConsumerGroupLookup {
  const existing = ctx.w.consumerGroups[groupId];
  if (existing) return existing;
  const classic = ctx.w.groups[groupId];
  const members = classic ? Object.values(classic.members) : [];
  if (classic && members.length > 0) {
    if (members.some((m) => m.instanceId !== null)) return 'refused';
    if (classic.state !== 'Stable') return 'rebalancing';
  }
  const group = newConsumerGroup(groupId, classic ? { ...classic.offsets } : {});
  if (classic) {
    group.groupEpoch = classic.generation;
    group.assignmentEpoch = classic.generation;
    group.rebalances = classic.rebalances;
    group.loads = classic.loads;
    group.state = classic.state === 'Stable' ? 'Stable' : 'Empty';
    for (const m of members) {
      group.members[m.memberId] = fromClassicMember(m, classic.generation);
      group.targetAssignment[m.memberId] = [...m.assignment];
    }
    delete ctx.w.groups[groupId];
    if (members.length > 0) ctx.emit({ type: 'GroupConverted', groupId, to: 'consumer', members: members.length });
  }
  ctx.w.consumerGroups[groupId] = group;
  return group;
}

function fromClassicMember(m: MemberState, generation: number): ConsumerGroupMember {
  return {
    memberId: m.memberId,
    consumerId: m.consumerId,
    incarnation: m.incarnation,
    instanceId: m.instanceId,
    rebalanceTimeoutMs: m.rebalanceTimeoutMs,
    subscribedTopics: [...m.topics].sort(),
    subscribedTopicRegex: null,
    serverAssignor: null,
    memberEpoch: generation,
    previousMemberEpoch: generation,
    state: 'STABLE',
    assigned: [...m.assignment].sort(),
    pendingRevocation: [],
    lastSeen: m.lastSeen,
    correlationId: m.joinCorrelationId,
    classic: { sessionTimeoutMs: m.sessionTimeoutMs, assignorNames: [...m.assignorNames], stickyUserData: m.stickyUserData },
  };
}

/**
 * A member left or was expelled: a new epoch; and if only classic members remain, the group
 * goes back to the classic protocol (the downgrade) and rebalances there.
 */
export function memberGone(ctx: Ctx, group: ConsumerGroupState, reason: RebalanceReason, consumerId: string | null): void {
  const members = consumerMembers(group);
  if (members.length > 0 && members.every((m) => m.classic !== null)) return downgrade(ctx, group, reason, consumerId);
  bumpGroupEpoch(ctx, group, reason, consumerId);
  refreshState(ctx, group);
}

function downgrade(ctx: Ctx, consumerGroup: ConsumerGroupState, reason: RebalanceReason, consumerId: string | null): void {
  const groupId = consumerGroup.groupId;
  delete ctx.w.consumerGroups[groupId];
  const group: GroupState = getOrCreateGroup(ctx, groupId);
  group.offsets = { ...consumerGroup.offsets };
  group.generation = consumerGroup.groupEpoch;
  group.rebalances = consumerGroup.rebalances;
  group.loads = consumerGroup.loads;
  group.state = 'Stable';
  for (const m of consumerMembers(consumerGroup)) {
    const info = m.classic!;
    group.members[m.memberId] = {
      memberId: m.memberId, consumerId: m.consumerId, incarnation: m.incarnation, instanceId: m.instanceId,
      sessionTimeoutMs: info.sessionTimeoutMs, rebalanceTimeoutMs: m.rebalanceTimeoutMs, topics: [...m.subscribedTopics],
      assignorNames: [...info.assignorNames], owned: [...m.assigned], generation: m.memberEpoch, stickyUserData: info.stickyUserData,
      assignment: [...m.assigned], awaitingJoin: false, pendingSync: false, awaitingSync: false,
      joinCorrelationId: m.correlationId, syncCorrelationId: 0, lastSeen: m.lastSeen,
    };
  }
  persistGroup(group);
  ctx.emit({ type: 'GroupConverted', groupId, to: 'classic', members: Object.keys(group.members).length });
  if (consumerGroup.state !== 'Stable') ctx.emit({ type: 'GroupStateChanged', groupId, from: consumerGroup.state, to: 'Stable', generation: group.generation });
  prepareRebalance(ctx, group, reason, consumerId);
}

/**
 * A classic JoinGroup for a consumer group's id: an Empty consumer group gives its id and
 * offsets to a new classic group (true); one with members stays (false: the member joins
 * it as a classic member of a mixed group).
 */
export function classicMayTakeOver(ctx: Ctx, groupId: string): boolean {
  const consumerGroup = ctx.w.consumerGroups[groupId];
  if (!consumerGroup) return true;
  if (Object.keys(consumerGroup.members).length > 0) return false;
  delete ctx.w.consumerGroups[groupId];
  const group = getOrCreateGroup(ctx, groupId);
  group.offsets = { ...consumerGroup.offsets };
  group.generation = consumerGroup.groupEpoch;
  group.rebalances = consumerGroup.rebalances;
  group.loads = consumerGroup.loads;
  return true;
}
