import { compareJavaStrings } from './member-order';
import type { AssignorInput } from './types';

/**
 * Dense integer ids for the partitions an assignor deals with, so kernels run on typed
 * arrays and build no "topic-N" string until the output. Topics are the subscribed ones
 * that have metadata and partitions (AbstractPartitionAssignor's partitionsPerTopic), in
 * Java name order; partition id = topicStart[t] + partition, so ascending ids are the
 * (topic, partition) order.
 */
export interface PartitionSpace {
  readonly topics: readonly string[];
  readonly topicIndex: ReadonlyMap<string, number>;
  /** topicStart[t] .. topicStart[t + 1] are topic t's partition ids; length topics + 1. */
  readonly topicStart: Int32Array;
  /** Topic of each partition id. */
  readonly partitionTopic: Int32Array;
  readonly totalPartitions: number;
  /** subscribed[m * topics + t] = 1 when member m (input order) subscribes topic t. */
  readonly subscribed: Uint8Array;
  /** Each member's subscribed topics that have partitions, deduplicated, in subscription order. */
  readonly memberTopics: readonly Int32Array[];
  /** Every subscribed topic name, with or without metadata; `rawTopics` index it. */
  readonly rawTopicNames: readonly string[];
  /** Each member's subscription as given (names with or without metadata), deduplicated. */
  readonly rawTopics: readonly Int32Array[];
}

export function buildPartitionSpace(input: AssignorInput): PartitionSpace {
  // Every subscribed name once, then each member's subscription as ids: one Map lookup per entry.
  const rawIndex = new Map<string, number>();
  const rawTopicNames: string[] = [];
  let mark = new Int32Array(64);
  let previousTopics: readonly string[] = [];
  let previousIds = new Int32Array(0);
  const rawTopics = input.members.map((member, m) => {
    // Members mostly share a subscription: the same names as the last member, the same ids.
    if (m > 0 && sameStrings(member.topics, previousTopics)) return previousIds;
    const ids = new Int32Array(member.topics.length);
    let n = 0;
    for (const topic of member.topics) {
      let id = rawIndex.get(topic);
      if (id === undefined) {
        id = rawTopicNames.length;
        rawIndex.set(topic, id);
        rawTopicNames.push(topic);
      }
      if (id >= mark.length) {
        const grown = new Int32Array(2 * id + 2);
        grown.set(mark);
        mark = grown;
      }
      if (mark[id] === m + 1) continue; // listed twice
      mark[id] = m + 1;
      ids[n++] = id;
    }
    previousTopics = member.topics;
    previousIds = n === ids.length ? ids : ids.slice(0, n);
    return previousIds;
  });

  // partitionsPerTopic: the subscribed topics with metadata and at least one partition.
  const topics = rawTopicNames.filter((topic) => partitionCountOf(input.topics, topic) > 0).sort(compareJavaStrings);
  const topicCount = topics.length;
  const rawToTopic = new Int32Array(rawTopicNames.length).fill(-1);
  const topicIndex = new Map<string, number>(topics.map((topic, t) => [topic, t]));
  rawTopicNames.forEach((topic, id) => (rawToTopic[id] = topicIndex.get(topic) ?? -1));
  const topicStart = new Int32Array(topicCount + 1);
  for (let t = 0; t < topicCount; t++) topicStart[t + 1] = (topicStart[t] ?? 0) + partitionCountOf(input.topics, topics[t] ?? '');
  const totalPartitions = topicStart[topicCount] ?? 0;
  const partitionTopic = new Int32Array(totalPartitions);
  for (let t = 0; t < topicCount; t++) partitionTopic.fill(t, topicStart[t], topicStart[t + 1]);

  const subscribed = new Uint8Array(input.members.length * topicCount);
  let lastRaw: Int32Array | null = null;
  let lastList = new Int32Array(0);
  const memberTopics = rawTopics.map((ids, m) => {
    if (ids === lastRaw) {
      subscribed.copyWithin(m * topicCount, (m - 1) * topicCount, m * topicCount); // the same row as the last member's
      return lastList;
    }
    lastRaw = ids;
    const list = new Int32Array(ids.length);
    let n = 0;
    for (let i = 0; i < ids.length; i++) {
      const t = rawToTopic[ids[i] ?? 0] ?? -1;
      if (t === -1) continue;
      subscribed[m * topicCount + t] = 1;
      list[n++] = t;
    }
    lastList = n === list.length ? list : list.slice(0, n);
    return lastList;
  });

  return {
    topics, topicIndex, topicStart, partitionTopic, totalPartitions,
    subscribed, memberTopics, rawTopicNames, rawTopics,
  };
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  // Object.is answers from the reference alone for the same string (see partition-names.ts).
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** Partition count of a topic, 0 without metadata; own keys only, so "constructor" is no topic. */
export function partitionCountOf(topics: Record<string, number>, topic: string): number {
  return Object.hasOwn(topics, topic) ? (topics[topic] ?? 0) : 0;
}
