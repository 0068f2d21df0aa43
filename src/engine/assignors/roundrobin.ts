import { compareJavaStrings, sortMembers } from './member-order';
import type { Assignment, Assignor, AssignorInput } from './types';

/** A member's seat on the round-robin ring. */
interface Seat {
  id: string;
  topics: Set<string>;
  assigned: string[];
}

/**
 * Kafka's RoundRobinAssignor. All partitions of all subscribed topics form one list (topics
 * by name in Java order, partitions ascending); one circular iterator over the members in
 * member order deals them out, skipping members not subscribed to the partition's topic.
 * The iterator is never reset per topic, so where one topic ends shapes the next. Assumes
 * valid input (`assign` in ./index validates).
 */
export function assignRoundRobin(input: AssignorInput): Assignment {
  const ring: Seat[] = sortMembers(input.members).map((m) => ({
    id: m.id,
    topics: new Set(m.topics),
    assigned: [],
  }));

  // Kafka's allPartitionsSorted: a TreeSet of subscribed topics that have metadata.
  const topics = [...new Set(input.members.flatMap((m) => m.topics))]
    .filter((topic) => partitionCount(input, topic) > 0)
    .sort(compareJavaStrings);

  let cursor = 0;
  // Kafka peeks past unsubscribed members, then takes the next one. Every listed topic has a
  // subscriber, so one lap always finds a seat.
  const nextSeatFor = (topic: string): Seat => {
    for (let tried = 0; tried < ring.length; tried++) {
      const seat = ring[cursor];
      cursor = (cursor + 1) % ring.length;
      if (seat?.topics.has(topic)) return seat;
    }
    throw new Error(`roundrobin: no member subscribes to topic '${topic}'`);
  };

  for (const topic of topics) {
    const count = partitionCount(input, topic);
    for (let p = 0; p < count; p++) nextSeatFor(topic).assigned.push(`${topic}-${p}`);
  }

  const byId = new Map(ring.map((seat) => [seat.id, seat.assigned]));
  return Object.fromEntries(input.members.map((m) => [m.id, byId.get(m.id) ?? []]));
}

/** Partition count of a topic, 0 without metadata; own keys only, so "constructor" is no topic. */
function partitionCount(input: AssignorInput, topic: string): number {
  return Object.hasOwn(input.topics, topic) ? (input.topics[topic] ?? 0) : 0;
}

/** The roundrobin assignor, unvalidated; use `assignors.roundrobin` from ./index for checked input. */
export const roundRobinAssignor: Assignor = { name: 'roundrobin', assign: assignRoundRobin };
