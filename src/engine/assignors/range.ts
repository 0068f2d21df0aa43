import { sortMembers } from './member-order';
import { buildPartitionSpace, toNamedAssignment } from './partition-space';
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
  const owner = new Int32Array(totalPartitions);
  const sizes = new Int32Array(input.members.length);
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
      sizes[m] = (sizes[m] ?? 0) + (end - next);
      next = end;
    }
  }
  return toNamedAssignment({ ...space, memberIds: input.members.map((m) => m.id) }, listsByOwner(owner, sizes));
}

/** Member -> its partitions in ascending id order, from each partition's owner. */
export function listsByOwner(owner: Int32Array, sizes: Int32Array): Int32Array[] {
  const offsets = new Int32Array(sizes.length + 1);
  for (let m = 0; m < sizes.length; m++) offsets[m + 1] = (offsets[m] ?? 0) + (sizes[m] ?? 0);
  const slab = new Int32Array(offsets[sizes.length] ?? 0);
  const fill = offsets.slice(0, sizes.length);
  for (let p = 0; p < owner.length; p++) {
    const m = owner[p] ?? 0;
    const at = fill[m] ?? 0;
    slab[at] = p;
    fill[m] = at + 1;
  }
  return Array.from(sizes, (_size, m) => slab.subarray(offsets[m] ?? 0, offsets[m + 1] ?? 0));
}

/** The range assignor, unvalidated; use `assignors.range` from ./index for checked input. */
export const rangeAssignor: Assignor = { name: 'range', assign: assignRange };
