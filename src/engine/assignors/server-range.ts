import { sortMembers } from './member-order';
import { toNamedAssignment } from './partition-names';
import { buildPartitionSpace } from './partition-space';
import type { Assignment, AssignorInput } from './types';

/**
 * The group coordinator's RangeAssignor (group.remote.assignor=range under KIP-848), not the
 * client's: per topic, its subscribers in member order (static members by instance id
 * first, then member id) get contiguous ranges, floor(n/c) each and the first n mod c one
 * more. It ignores the current assignment, so it is sticky only where the ranges stay
 * put. Topics without metadata are skipped (Kafka's broker never sees them in a
 * subscription). Lists come sorted by topic, then partition. Assumes valid input.
 */
export function assignServerRange(input: AssignorInput): Assignment {
  const space = buildPartitionSpace(input);
  const { topics, topicStart, subscribed } = space;
  const indexOf = new Map(input.members.map((m, i) => [m, i]));
  const order = sortMembers(input.members).map((m) => indexOf.get(m) ?? 0);
  const lists: number[][] = input.members.map(() => []);
  for (let t = 0; t < topics.length; t++) {
    const members = order.filter((m) => subscribed[m * topics.length + t] === 1);
    if (members.length === 0) continue;
    const count = (topicStart[t + 1] ?? 0) - (topicStart[t] ?? 0);
    const quota = Math.floor(count / members.length);
    let extra = count % members.length;
    let next = topicStart[t] ?? 0;
    for (const m of members) {
      let size = quota;
      if (extra > 0) {
        size++;
        extra--;
      }
      const list = lists[m] ?? [];
      for (let k = 0; k < size; k++) list.push(next++);
    }
  }
  return toNamedAssignment({ ...space, memberIds: input.members.map((m) => m.id) }, lists);
}
