/**
 * The target assignment (Kafka's TargetAssignmentBuilder): the broker's assignor over every
 * member's subscription, resolved against the broker's own topics, sticky
 * to each member's current target. Computed when a heartbeat finds the group epoch ahead of
 * the target's, as Kafka does, so a group can be seen Assigning in between.
 */
import { assignOnBroker } from '../../assignors';
import { DEFAULT_BROKER_ASSIGNORS, findBrokerAssignor, type BrokerAssignorName } from '../../assignors/registry';
import type { Ctx } from '../../core/context';
import type { ConsumerGroupMember, ConsumerGroupState, World } from '../../world';
import type { RebalanceReason } from '../../types';
import { bumpGroupEpoch, consumerMembers, regexTopicsOf } from './group';

/**
 * The topics a member subscribes to that exist in the broker's metadata now: its topic
 * names, and what the group resolved its regex to (a topic deleted since is left out).
 */
export function resolvedTopics(w: World, group: ConsumerGroupState, member: Pick<ConsumerGroupMember, 'subscribedTopics' | 'subscribedTopicRegex'>): string[] {
  const regexTopics = regexTopicsOf(group, member);
  const names = regexTopics.length === 0 ? member.subscribedTopics : [...new Set([...member.subscribedTopics, ...regexTopics])];
  return names.filter((t) => Object.hasOwn(w.topics, t)).sort();
}

/** Partition count of every topic some member subscribes to: what a change of bumps the epoch. */
export function subscriptionMetadata(w: World, group: ConsumerGroupState): Record<string, number> {
  const out: Record<string, number> = {};
  for (const member of consumerMembers(group)) {
    for (const topic of resolvedTopics(w, group, member)) out[topic] = w.topics[topic]!.partitions.length;
  }
  return out;
}

export function sameMetadata(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => b[k] === a[k]);
}

/**
 * The assignor the group uses: the one most members ask for (group.remote.assignor), ties by
 * name; none asked: the broker's first of group.consumer.assignors (uniform).
 */
export function groupAssignor(group: ConsumerGroupState): BrokerAssignorName {
  const votes = new Map<BrokerAssignorName, number>();
  for (const member of consumerMembers(group)) {
    const entry = member.serverAssignor === null ? undefined : findBrokerAssignor(member.serverAssignor);
    if (entry) votes.set(entry.name, (votes.get(entry.name) ?? 0) + 1);
  }
  const ranked = [...votes.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return ranked[0]?.[0] ?? DEFAULT_BROKER_ASSIGNORS[0]!;
}

/** A new target at the group's epoch; each member's previous target is what the assignor sticks to. */
export function computeTargetAssignment(ctx: Ctx, group: ConsumerGroupState): void {
  const w = ctx.w;
  const members = consumerMembers(group);
  const topics = subscriptionMetadata(w, group);
  const assignment = assignOnBroker(groupAssignor(group), {
    topics,
    members: members.map((m) => ({
      id: m.memberId,
      ...(m.instanceId !== null ? { instanceId: m.instanceId } : {}),
      topics: resolvedTopics(w, group, m),
      // Its current target as given: the broker's assignors leave out partitions of topics
      // not in `topics` or past their count, as Kafka's read the target against the image.
      owned: group.targetAssignment[m.memberId] ?? [],
    })),
  });
  // The assignor's lists are frozen and kept as they are: handed back as the next call's
  // owned lists, they are read by their ids, not by a million names.
  group.targetAssignment = {};
  for (const m of members) group.targetAssignment[m.memberId] = assignment[m.memberId] ?? [];
  group.assignmentEpoch = group.groupEpoch;
  group.subscriptionMetadata = topics;
  const byConsumer: Record<string, string[]> = {};
  for (const m of members) byConsumer[m.consumerId] = group.targetAssignment[m.memberId]!;
  ctx.emit({ type: 'TargetAssignmentComputed', groupId: group.groupId, epoch: group.assignmentEpoch, assignment: byConsumer });
}

/**
 * A member's request may move the group to a new epoch: for its own reason (it joined, its
 * subscription changed) or because the broker's metadata for the subscribed topics changed
 * (added partitions, a topic created). The target assignment then follows the epoch.
 */
export function advanceGroupEpoch(ctx: Ctx, group: ConsumerGroupState, reason: RebalanceReason | null, consumerId: string): void {
  const metadata = subscriptionMetadata(ctx.w, group);
  const bump = reason ?? (sameMetadata(metadata, group.subscriptionMetadata) ? null : 'metadata changed');
  if (bump !== null) {
    // The new subscription metadata is written with the new epoch: it is not a change again.
    group.subscriptionMetadata = metadata;
    bumpGroupEpoch(ctx, group, bump, consumerId);
  }
  if (group.groupEpoch > group.assignmentEpoch) computeTargetAssignment(ctx, group);
}
