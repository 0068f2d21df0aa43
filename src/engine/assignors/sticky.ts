import { javaHashMapOrder } from './java-hash';
import { toNamedAssignment } from './partition-space';
import { buildSticky } from './sticky-build';
import type { Assignment, Assignor, AssignorInput, AssignorMember } from './types';

/**
 * Kafka's StickyAssignor (eager): balanced first, then as sticky as possible. Each member's
 * previous assignment and generation come from its user data, which the engine passes as
 * the member's `owned` and `generation` (under eager rebalancing a member owns nothing
 * while it rejoins, so the subscription's own list would be empty). Assumes valid input.
 */
export function assignSticky(input: AssignorInput): Assignment {
  const { model, build } = buildSticky({ ...input, members: input.members.map(asUserData) });
  return toNamedAssignment(model, build.lists);
}

/**
 * The owned list as it comes back out of StickyAssignor's user data: serialized grouped by
 * topic (CollectionUtils.groupPartitionsByTopic, a HashMap of topic names), so topics in
 * HashMap order (built by computeIfAbsent) and each topic's partitions in list order. The general builder keeps that
 * order in its output lists.
 */
function asUserData(member: AssignorMember): AssignorMember {
  const owned = member.owned;
  if (!owned || owned.length < 2) return member;
  const byTopic = new Map<string, string[]>();
  for (const name of owned) {
    const topic = name.slice(0, Math.max(0, name.lastIndexOf('-')));
    let list = byTopic.get(topic);
    if (!list) {
      list = [];
      byTopic.set(topic, list);
    }
    list.push(name);
  }
  if (byTopic.size < 2) return member;
  const topics = [...byTopic.keys()];
  const regrouped: string[] = [];
  for (const t of javaHashMapOrder(topics, 'computeIfAbsent')) for (const name of byTopic.get(topics[t] ?? '') ?? []) regrouped.push(name);
  return { ...member, owned: regrouped };
}

/** The sticky assignor, unvalidated; use `assignors.sticky` from ./index for checked input. */
export const stickyAssignor: Assignor = { name: 'sticky', assign: assignSticky };
