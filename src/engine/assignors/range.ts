import { compareJavaStrings, sortMembers } from './member-order';
import type { Assignment, Assignor, AssignorInput } from './types';

/**
 * Kafka's RangeAssignor (without rack awareness). Topic by topic, the members subscribed to
 * it, in member order, split its n partitions into contiguous ranges: floor(n/c) each, and
 * the first n mod c members one more. Each member's list is topic by topic, partitions
 * ascending. Assumes valid input (`assign` in ./index validates).
 *
 * Kafka walks topics in its metadata map's (hash) order; we sort them by name, which yields
 * the same sets, and the same lists whenever Kafka's test expects an order.
 */
export function assignRange(input: AssignorInput): Assignment {
  const members = sortMembers(input.members);
  const subscriptions = new Map(members.map((m) => [m.id, new Set(m.topics)]));
  const lists = new Map<string, string[]>(members.map((m) => [m.id, []]));

  // Topics with no metadata or no partitions are dropped, like AbstractPartitionAssignor does.
  const topics = Object.entries(input.topics)
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => compareJavaStrings(a, b));

  for (const [topic, count] of topics) {
    const consumers = members.filter((m) => subscriptions.get(m.id)?.has(topic));
    if (consumers.length === 0) continue;
    const quota = Math.floor(count / consumers.length);
    const extra = count % consumers.length;
    let next = 0;
    consumers.forEach((member, i) => {
      const end = next + quota + (i < extra ? 1 : 0);
      const list = lists.get(member.id) ?? [];
      for (let p = next; p < end; p++) list.push(`${topic}-${p}`);
      next = end;
    });
  }

  return Object.fromEntries(input.members.map((m) => [m.id, lists.get(m.id) ?? []]));
}

/** The range assignor, unvalidated; use `assignors.range` from ./index for checked input. */
export const rangeAssignor: Assignor = { name: 'range', assign: assignRange };
