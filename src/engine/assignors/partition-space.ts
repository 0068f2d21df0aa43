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
      for (let i = 0; i < lastList.length; i++) subscribed[m * topicCount + (lastList[i] ?? 0)] = 1;
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
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Parses "topic-N" names to partition ids, for one assignor call. Names of topics without
 * partitions (deleted topics, unsubscribed ones) and partitions past the topic's count are
 * dropped, as Kafka drops partitions of topics missing from partitionsPerTopic; a name
 * listed twice by one member counts once.
 */
export class OwnedParser {
  /** How many distinct unknown topic names each member's parse() met. */
  readonly unknownTopics: number[] = [];
  /** Per member: every name was a canonical "topic-N" (no leading zero) of an existing partition. */
  readonly canonical: boolean[] = [];
  private readonly stamp: Int32Array; // member + 1 that listed a partition last
  private buffer = new Int32Array(1024);

  constructor(private readonly space: Pick<PartitionSpace, 'topicIndex' | 'topicStart' | 'totalPartitions'>) {
    this.stamp = new Int32Array(space.totalPartitions);
  }

  parse(member: number, names: readonly string[]): Int32Array {
    const { topicIndex, topicStart } = this.space;
    const stamp = this.stamp;
    if (this.buffer.length < names.length) this.buffer = new Int32Array(names.length * 2);
    const buffer = this.buffer;
    const mark = member + 1;
    let unknown: Set<string> | null = null;
    let canonical = true;
    let n = 0;
    // Lists usually run topic by topic: reuse the last topic when the name starts with it.
    let lastTopic = '';
    let lastT = -1;
    for (const name of names) {
      const dash = name.lastIndexOf('-');
      if (dash <= 0 || dash === name.length - 1) continue;
      let t: number;
      if (dash === lastTopic.length && name.startsWith(lastTopic)) {
        t = lastT;
      } else {
        const topic = name.slice(0, dash);
        const found = topicIndex.get(topic);
        if (found === undefined) {
          (unknown ??= new Set()).add(topic);
          continue;
        }
        t = found;
        lastTopic = topic;
        lastT = found;
      }
      let partition = 0;
      for (let i = dash + 1; i < name.length; i++) {
        const digit = name.charCodeAt(i) - 48;
        if (digit < 0 || digit > 9) {
          partition = -1;
          break;
        }
        partition = partition * 10 + digit;
      }
      if (name.charCodeAt(dash + 1) === 48 && name.length > dash + 2) canonical = false; // "t-07"
      const start = topicStart[t] ?? 0;
      if (partition < 0 || partition >= (topicStart[t + 1] ?? 0) - start) continue;
      const id = start + partition;
      if (stamp[id] === mark) continue;
      stamp[id] = mark;
      buffer[n++] = id;
    }
    this.unknownTopics[member] = unknown?.size ?? 0;
    this.canonical[member] = canonical && n === names.length;
    return buffer.slice(0, n);
  }
}

/** Partition count of a topic, 0 without metadata; own keys only, so "constructor" is no topic. */
export function partitionCountOf(topics: Record<string, number>, topic: string): number {
  return Object.hasOwn(topics, topic) ? (topics[topic] ?? 0) : 0;
}

/**
 * What a member listed as owned, to hand its own strings back when its result is the same
 * list: Kafka likewise leaves an unchanged assignment uncopied. `ids[m]` is the parse of
 * `names[m]` in the same order (see {@link OwnedParser}).
 */
export interface OwnedLists {
  readonly ids: readonly Int32Array[];
  /** The given lists; undefined where a member gave none or one not canonical (see OwnedParser.canonical). */
  readonly names: readonly (readonly string[] | undefined)[];
}

/** Member index -> "topic-N" lists, for the public Assignment shape. */
export function toNamedAssignment(
  model: Pick<PartitionSpace, 'topics' | 'topicStart' | 'partitionTopic'> & { memberIds: readonly string[] },
  lists: readonly (ArrayLike<number>)[],
  owned?: OwnedLists,
): Record<string, string[]> {
  const { topics, topicStart, partitionTopic } = model;
  // Concatenating two ready strings is much cheaper than formatting a number each time.
  const prefixes = topics.map((topic) => `${topic}-`);
  let widest = 0;
  for (let t = 0; t < topics.length; t++) widest = Math.max(widest, (topicStart[t + 1] ?? 0) - (topicStart[t] ?? 0));
  const numbers = Array.from({ length: widest }, (_, k) => String(k));
  const entries = model.memberIds.map((id, m): [string, string[]] => {
    const list = lists[m] ?? [];
    const given = owned?.names[m];
    if (given !== undefined && given.length === list.length && sameIds(owned?.ids[m], list)) return [id, given.slice()];
    const names = new Array<string>(list.length);
    for (let i = 0; i < list.length; i++) {
      const p = list[i] ?? 0;
      const t = partitionTopic[p] ?? 0;
      names[i] = (prefixes[t] ?? '') + (numbers[p - (topicStart[t] ?? 0)] ?? '');
    }
    return [id, names];
  });
  // fromEntries defines own keys, so a member id like "__proto__" stays an ordinary key.
  return Object.fromEntries(entries);
}

function sameIds(ids: Int32Array | undefined, list: ArrayLike<number>): boolean {
  if (ids === undefined || ids.length !== list.length) return false;
  for (let i = 0; i < ids.length; i++) if (ids[i] !== list[i]) return false;
  return true;
}
