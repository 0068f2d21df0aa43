import { sortMembers } from './member-order';
import { toNamedAssignment } from './partition-names';
import { buildPartitionSpace } from './partition-space';
import type { Assignment, Assignor, AssignorInput } from './types';

/**
 * Kafka's RoundRobinAssignor. All partitions of all subscribed topics form one list (topics
 * by name in Java order, partitions ascending); one circular iterator over the members in
 * member order deals them out, skipping members not subscribed to the partition's topic.
 * The iterator is never reset per topic, so where one topic ends shapes the next. Assumes
 * valid input (`assign` in ./index validates).
 */
export function assignRoundRobin(input: AssignorInput): Assignment {
  // Kafka's allPartitionsSorted: a TreeSet of subscribed topics that have metadata.
  const space = buildPartitionSpace(input);
  const { topics, topicStart, subscribed } = space;
  const topicCount = topics.length;
  const indexOf = new Map(input.members.map((m, i) => [m, i]));
  const ring = Int32Array.from(sortMembers(input.members), (m) => indexOf.get(m) ?? 0);
  const lists: number[][] = input.members.map(() => []);

  let cursor = 0;
  for (let t = 0; t < topicCount; t++) {
    for (let p = topicStart[t] ?? 0; p < (topicStart[t + 1] ?? 0); p++) {
      // Kafka peeks past unsubscribed members, then takes the next one. Every listed topic
      // has a subscriber, so one lap always finds a seat.
      let seat = -1;
      for (let tried = 0; tried < ring.length; tried++) {
        const m = ring[cursor] ?? 0;
        cursor = cursor + 1 === ring.length ? 0 : cursor + 1;
        if (subscribed[m * topicCount + t] === 1) {
          seat = m;
          break;
        }
      }
      if (seat === -1) throw new Error(`roundrobin: no member subscribes to topic '${topics[t] ?? ''}'`);
      lists[seat]?.push(p);
    }
  }
  return toNamedAssignment({ ...space, memberIds: input.members.map((m) => m.id) }, lists);
}

/** The roundrobin assignor, unvalidated; use `assignors.roundrobin` from ./index for checked input. */
export const roundRobinAssignor: Assignor = { name: 'roundrobin', assign: assignRoundRobin };
