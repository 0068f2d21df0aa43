import { listsFromOwners } from './broker-model';
import { sortMembers } from './member-order';
import { toNamedAssignment } from './partition-names';
import { buildPartitionSpace } from './partition-space';
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
  // Topics with no metadata or no partitions are dropped, like AbstractPartitionAssignor does.
  const space = buildPartitionSpace(input);
  const { topics, topicStart, subscribed, totalPartitions } = space;
  const topicCount = topics.length;
  const indexOf = new Map(input.members.map((m, i) => [m, i]));
  const order = sortMembers(input.members).map((m) => indexOf.get(m) ?? 0);

  // Ranges come out topic by topic in name order, so each member's list is ascending ids.
  const owner = new Int32Array(totalPartitions).fill(-1);
  const consumers = new Int32Array(input.members.length);
  for (let t = 0; t < topicCount; t++) {
    let c = 0;
    for (const m of order) if (subscribed[m * topicCount + t] === 1) consumers[c++] = m;
    if (c === 0) continue;
    const start = topicStart[t] ?? 0;
    const count = (topicStart[t + 1] ?? 0) - start;
    const quota = Math.floor(count / c);
    const extra = count % c;
    let next = start;
    for (let i = 0; i < c; i++) {
      const m = consumers[i] ?? 0;
      const end = next + quota + (i < extra ? 1 : 0);
      owner.fill(m, next, end);
      next = end;
    }
  }
  return toNamedAssignment({ ...space, memberIds: input.members.map((m) => m.id) }, listsFromOwners(owner, input.members.length));
}

/** The range assignor, unvalidated; use `assignors.range` from ./index for checked input. */
export const rangeAssignor: Assignor = { name: 'range', assign: assignRange };
