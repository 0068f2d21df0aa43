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
}

export function buildPartitionSpace(input: AssignorInput): PartitionSpace {
  // partitionsPerTopic: the subscribed topics with metadata and at least one partition.
  const subscribedNames = new Set<string>();
  for (const member of input.members) for (const topic of member.topics) subscribedNames.add(topic);
  const topics = [...subscribedNames]
    .filter((topic) => partitionCountOf(input.topics, topic) > 0)
    .sort(compareJavaStrings);
  const topicIndex = new Map<string, number>(topics.map((topic, t) => [topic, t]));
  const topicCount = topics.length;
  const topicStart = new Int32Array(topicCount + 1);
  for (let t = 0; t < topicCount; t++) topicStart[t + 1] = (topicStart[t] ?? 0) + partitionCountOf(input.topics, topics[t] ?? '');
  const totalPartitions = topicStart[topicCount] ?? 0;
  const partitionTopic = new Int32Array(totalPartitions);
  for (let t = 0; t < topicCount; t++) partitionTopic.fill(t, topicStart[t], topicStart[t + 1]);

  const subscribed = new Uint8Array(input.members.length * topicCount);
  const memberTopics = input.members.map((member, m) => {
    const list: number[] = [];
    for (const topic of member.topics) {
      const t = topicIndex.get(topic);
      if (t === undefined || subscribed[m * topicCount + t] === 1) continue;
      subscribed[m * topicCount + t] = 1;
      list.push(t);
    }
    return Int32Array.from(list);
  });

  return { topics, topicIndex, topicStart, partitionTopic, totalPartitions, subscribed, memberTopics };
}

/**
 * "topic-N" names to partition ids. Names of topics without partitions (deleted topics,
 * unsubscribed ones) and partitions past the topic's count are dropped, as Kafka drops
 * partitions of topics missing from partitionsPerTopic; duplicates are dropped too.
 */
export function parseOwned(
  names: readonly string[],
  topicIndex: ReadonlyMap<string, number>,
  topicStart: Int32Array,
  stamp: Int32Array,
  mark: number,
): Int32Array {
  const ids: number[] = [];
  for (const name of names) {
    const dash = name.lastIndexOf('-');
    if (dash <= 0 || dash === name.length - 1) continue;
    const t = topicIndex.get(name.slice(0, dash));
    if (t === undefined) continue;
    let partition = 0;
    for (let i = dash + 1; i < name.length; i++) {
      const digit = name.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) {
        partition = -1;
        break;
      }
      partition = partition * 10 + digit;
    }
    const start = topicStart[t] ?? 0;
    if (partition < 0 || partition >= (topicStart[t + 1] ?? 0) - start) continue;
    const id = start + partition;
    if (stamp[id] === mark) continue; // a duplicate within this member's list
    stamp[id] = mark;
    ids.push(id);
  }
  return Int32Array.from(ids);
}

/** Partition count of a topic, 0 without metadata; own keys only, so "constructor" is no topic. */
export function partitionCountOf(topics: Record<string, number>, topic: string): number {
  return Object.hasOwn(topics, topic) ? (topics[topic] ?? 0) : 0;
}

/** Member index -> "topic-N" lists, for the public Assignment shape. */
export function toNamedAssignment(
  model: Pick<PartitionSpace, 'topics' | 'topicStart' | 'partitionTopic'> & { memberIds: readonly string[] },
  lists: readonly (readonly number[])[]): Record<string, string[]> {
  const { topics, topicStart, partitionTopic } = model;
  const entries = model.memberIds.map((id, m): [string, string[]] => {
    const list = lists[m] ?? [];
    const names = new Array<string>(list.length);
    for (let i = 0; i < list.length; i++) {
      const p = list[i] ?? 0;
      const t = partitionTopic[p] ?? 0;
      names[i] = `${topics[t] ?? ''}-${p - (topicStart[t] ?? 0)}`;
    }
    return [id, names];
  });
  // fromEntries defines own keys, so a member id like "__proto__" stays an ordinary key.
  return Object.fromEntries(entries);
}
