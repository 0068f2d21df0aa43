/**
 * Which protocol a group id speaks. A group exists as a classic group or a consumer group;
 * an Empty one (no members) becomes the other kind when a member of the other protocol
 * comes, keeping its committed offsets, as Kafka's coordinator replaces an empty group.
 *
 * Not supported yet (KIP-848's mixed groups, group.consumer.migration.policy=bidirectional):
 * converting a group that still has members. A consumer-protocol member joining a classic
 * group with members gets GROUP_ID_NOT_FOUND and its poll() fails with a message saying so;
 * a classic member joining a consumer group with members gets INCONSISTENT_GROUP_PROTOCOL.
 */
import type { Ctx } from '../../core/context';
import type { ConsumerGroupState } from '../../world';
import { newConsumerGroup } from './group';

/** The consumer group `groupId` is (an Empty classic group converted), or null if a classic group with members holds the id. */
export function getOrConvertToConsumerGroup(ctx: Ctx, groupId: string): ConsumerGroupState | null {
  const existing = ctx.w.consumerGroups[groupId];
  if (existing) return existing;
  const classic = ctx.w.groups[groupId];
  if (classic && Object.keys(classic.members).length > 0) return null;
  const group = newConsumerGroup(groupId, classic ? { ...classic.offsets } : {});
  if (classic) {
    group.groupEpoch = classic.generation;
    group.assignmentEpoch = classic.generation;
    group.rebalances = classic.rebalances;
    group.loads = classic.loads;
    delete ctx.w.groups[groupId];
  }
  ctx.w.consumerGroups[groupId] = group;
  return group;
}

/** A classic JoinGroup for a consumer group: an Empty one gives its id (and offsets) back to a classic group. */
export function releaseEmptyConsumerGroup(ctx: Ctx, groupId: string): { offsets: Record<string, number>; generation: number; rebalances: number; loads: number } | 'busy' | null {
  const group = ctx.w.consumerGroups[groupId];
  if (!group) return null;
  if (Object.keys(group.members).length > 0) return 'busy';
  delete ctx.w.consumerGroups[groupId];
  return { offsets: { ...group.offsets }, generation: group.groupEpoch, rebalances: group.rebalances, loads: group.loads };
}
