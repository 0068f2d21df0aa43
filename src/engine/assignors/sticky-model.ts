import { javaBucket, javaHashMapCapacity, javaHashMapOrder, javaStringHash } from './java-hash';
import { compareJavaStrings } from './member-order';
import { OwnedParser, ownedNameCount, type OwnedLists } from './partition-names';
import { buildPartitionSpace } from './partition-space';
import type { AssignorInput } from './types';

/**
 * The sticky assignors' input as integers: topics, partitions and members get dense ids, so
 * the builders run on typed arrays and build no "topic-N" string until the output.
 *
 * Partition id = topicStart[t] + partition, topics in Java name order, so ascending ids are
 * Kafka's (topic, partition) order. Member ids index `memberIds` (input order).
 */
export interface StickyModel {
  /** AbstractPartitionAssignor's partitionsPerTopic: subscribed topics with metadata and partitions, by name. */
  readonly topics: readonly string[];
  /** topicStart[t] .. topicStart[t + 1] are topic t's partition ids; length topics + 1. */
  readonly topicStart: Int32Array;
  /** Topic of each partition id. */
  readonly partitionTopic: Int32Array;
  readonly totalPartitions: number;
  readonly memberIds: readonly string[];
  /** Member indices in the order Java's HashMap of subscriptions iterates them. */
  readonly hashOrder: Int32Array;
  /** Member indices sorted by member id (String.compareTo), and each member's place in it. */
  readonly byRank: Int32Array;
  readonly rank: Int32Array;
  /** subscribed[m * topics + t] = 1 when member m subscribes topic t. */
  readonly subscribed: Uint8Array;
  /** Each member's subscribed topics that have partitions, deduplicated. */
  readonly memberTopics: readonly Int32Array[];
  /** Each member's generation (-1 = unknown, Kafka's DEFAULT_GENERATION). */
  readonly generation: Int32Array;
  readonly maxGeneration: number;
  /** Kafka's allSubscriptionsEqual(): picks the constrained builder. */
  readonly allSubscriptionsEqual: boolean;
  /** consumerToOwnedPartitions: owned partitions left after generation conflicts, in the member's order. */
  readonly owned: readonly Int32Array[];
  /** holder[p]: the member whose `owned` list has p (-1 = none). */
  readonly holder: Int32Array;
  /** Each member's owned partitions as it claimed them (existing partitions only, duplicates dropped). */
  readonly claimed: readonly Int32Array[];
  /** The owned lists as given and as parsed, in the same order, for handing strings back. */
  readonly ownedLists: OwnedLists;
  /** 1 for partitions two members claimed in the same generation (partitionsWithMultiplePreviousOwners). */
  readonly multipleOwners: Uint8Array;
}

/** Kafka's AbstractStickyAssignor.DEFAULT_GENERATION. */
export const DEFAULT_GENERATION = -1;

/**
 * Builds the integer model from validated input; see {@link StickyModel}. `userData`:
 * owned lists come from StickyAssignor's user data (eager sticky), see {@link userDataOrder}.
 */
export function buildStickyModel(input: AssignorInput, userData = false): StickyModel {
  const memberIds = input.members.map((m) => m.id);
  const memberCount = memberIds.length;
  const space = buildPartitionSpace(input);
  const { topics, topicStart, partitionTopic, totalPartitions, subscribed, memberTopics } = space;

  const byRank = Int32Array.from(memberIds, (_id, i) => i).sort((a, b) =>
    compareJavaStrings(memberIds[a] ?? '', memberIds[b] ?? ''),
  );
  const rank = new Int32Array(memberCount);
  byRank.forEach((m, r) => (rank[m] = r));

  const generation = Int32Array.from(input.members, (m) => m.generation ?? DEFAULT_GENERATION);
  const hashOrder = javaHashMapOrder(memberIds);
  const parser = new OwnedParser(space, ownedNameCount(input.members));
  const topicHash = userData ? Int32Array.from(topics, javaStringHash) : new Int32Array(0);
  const scratch = userDataScratch(topics.length, userData ? ownedNameCount(input.members) : 0);
  const parsed = input.members.map((member, m) => parser.parse(m, member.owned ?? []));
  const claimed = userData
    ? parsed.map((ids, m) => userDataOrder(ids, parser.unknownTopics[m] ?? 0, partitionTopic, topicHash, scratch))
    : parsed;
  const { owned, holder, multipleOwners, maxGeneration } = resolveOwnership(hashOrder, generation, claimed, totalPartitions);

  return {
    topics, topicStart, partitionTopic, totalPartitions, memberIds, hashOrder, byRank, rank,
    subscribed, memberTopics, generation, maxGeneration,
    allSubscriptionsEqual: subscriptionsEqual(space.rawTopics, space.rawTopicNames.length, hashOrder),
    owned, holder, claimed, multipleOwners,
    ownedLists: { ids: parsed, names: input.members.map((m, i) => (parser.canonical[i] ? m.owned : undefined)) },
  };
}

/**
 * Kafka's allSubscriptionsEqual(), visiting members in HashMap order, on the subscriptions
 * as given (topics without metadata included). Kafka's quirk is kept: the first NON-EMPTY
 * subscription sets the reference, so a member with no topics visited before it does not
 * make the subscriptions differ.
 */
function subscriptionsEqual(rawTopics: readonly Int32Array[], names: number, hashOrder: Int32Array): boolean {
  const inReference = new Uint8Array(names);
  let referenceSize = 0;
  let reference: Int32Array | null = null; // members often share the reference's very array
  for (const m of hashOrder) {
    const topics = rawTopics[m] ?? new Int32Array(0);
    if (topics === reference) continue;
    if (referenceSize === 0) {
      reference = topics.length > 0 ? topics : null;
      for (let i = 0; i < topics.length; i++) inReference[topics[i] ?? 0] = 1;
      referenceSize = topics.length;
    } else {
      if (topics.length !== referenceSize) return false;
      for (let i = 0; i < topics.length; i++) if (inReference[topics[i] ?? 0] === 0) return false;
    }
  }
  return true;
}

/**
 * Generation conflicts as Kafka resolves them, in HashMap order: two claims in the same
 * generation void the partition for both (and it is marked as having multiple owners); a
 * higher generation takes it from a lower one; a lower one never takes it. A member's
 * list keeps the partitions it holds at the end, in its own order.
 */
function resolveOwnership(
  hashOrder: Int32Array,
  generation: Int32Array,
  claimed: readonly Int32Array[],
  totalPartitions: number,
): { owned: Int32Array[]; holder: Int32Array; multipleOwners: Uint8Array; maxGeneration: number } {
  const lastClaimant = new Int32Array(totalPartitions).fill(-1); // allPreviousPartitionsToOwner
  const holder = new Int32Array(totalPartitions).fill(-1); // whose owned list holds it now
  const multipleOwners = new Uint8Array(totalPartitions);
  let maxGeneration = DEFAULT_GENERATION;
  let conflicts = false;
  for (const m of hashOrder) {
    const gen = generation[m] ?? DEFAULT_GENERATION;
    if (gen > maxGeneration) maxGeneration = gen;
    const mine = claimed[m] ?? new Int32Array(0);
    for (let i = 0; i < mine.length; i++) {
      const p = mine[i] ?? 0;
      const other = lastClaimant[p] ?? -1;
      if (other === -1) {
        holder[p] = m;
        lastClaimant[p] = m;
        continue;
      }
      conflicts = true;
      const otherGen = generation[other] ?? DEFAULT_GENERATION;
      if (gen === otherGen) {
        multipleOwners[p] = 1;
        holder[p] = -1;
        lastClaimant[p] = m;
      } else if (gen > otherGen) {
        holder[p] = m;
        lastClaimant[p] = m;
      }
    }
  }
  // A member holds p at the end only if it claimed it last and kept it, so its list is
  // its claims filtered, in claim order.
  const owned = conflicts ? claimed.map((list, m) => list.filter((p) => holder[p] === m)) : claimed.slice();
  return { owned, holder, multipleOwners, maxGeneration };
}

/** userDataOrder's scratch space, shared by the members of one call. */
interface UserDataScratch {
  /** Per topic: its rank among the topics of the current member's list, and which member set it. */
  readonly slot: Int32Array;
  readonly mark: Int32Array;
  member: number;
  /** The current member's topics in first-appearance order, and partitions of each. */
  readonly topicsInOrder: Int32Array;
  readonly counts: Int32Array;
  /** The last member's topics in that order (lastCount of them), table size and the HashMap's order of them. */
  readonly lastTopics: Int32Array;
  lastCount: number;
  lastCapacity: number;
  lastOrder: Int32Array;
  /** The reordered lists, one after the other. */
  readonly slab: Int32Array;
  used: number;
}

function userDataScratch(topics: number, names: number): UserDataScratch {
  return {
    slot: new Int32Array(topics), mark: new Int32Array(topics), member: 0,
    topicsInOrder: new Int32Array(topics), counts: new Int32Array(topics),
    lastTopics: new Int32Array(topics), lastCount: -1, lastCapacity: 0, lastOrder: new Int32Array(0),
    slab: new Int32Array(names), used: 0,
  };
}

/**
 * The owned list as it comes back out of StickyAssignor's user data: serialized grouped by
 * topic (CollectionUtils.groupPartitionsByTopic: a HashMap filled by computeIfAbsent), so
 * topics in that HashMap's order and each topic's partitions in list order. The general
 * builder keeps that order in its output lists. `unknownTopics` (deleted topics still in the
 * list) count toward the table size.
 */
function userDataOrder(
  ids: Int32Array,
  unknownTopics: number,
  partitionTopic: Int32Array,
  topicHash: Int32Array,
  scratch: UserDataScratch,
): Int32Array {
  if (ids.length < 2) return ids;
  // Topics in first-appearance order (slot = its rank), with their partition counts; and
  // whether they are the last member's (members often list the same topics in one order).
  const { slot, mark, topicsInOrder, counts, lastTopics } = scratch;
  const member = ++scratch.member;
  let k = 0;
  let same = true;
  for (let i = 0; i < ids.length; i++) {
    const t = partitionTopic[ids[i] ?? 0] ?? 0;
    if (mark[t] !== member) {
      mark[t] = member;
      slot[t] = k;
      if (same && lastTopics[k] !== t) same = false;
      topicsInOrder[k] = t;
      counts[k++] = 1;
    } else {
      const at = slot[t] ?? 0;
      counts[at] = (counts[at] ?? 0) + 1;
    }
  }
  if (k < 2) return ids;
  // computeIfAbsent resizes before inserting and links new keys at the bucket's head.
  const capacity = javaHashMapCapacity(k + unknownTopics - 1);
  let order = scratch.lastOrder;
  if (!same || k !== scratch.lastCount || capacity !== scratch.lastCapacity) {
    order = hashMapOrderOfSlots(topicsInOrder.subarray(0, k), topicHash, capacity);
    lastTopics.set(topicsInOrder.subarray(0, k));
    scratch.lastCount = k;
    scratch.lastCapacity = capacity;
    scratch.lastOrder = order;
  }
  const out = scratch.slab.subarray(scratch.used, scratch.used + ids.length);
  scratch.used += ids.length;
  if (k === ids.length) {
    // One partition per topic: slot i is ids[i].
    for (let j = 0; j < k; j++) out[j] = ids[order[j] ?? 0] ?? 0;
    return out;
  }
  const offset = new Int32Array(k);
  let next = 0;
  for (let j = 0; j < k; j++) {
    const i = order[j] ?? 0;
    offset[i] = next;
    next += counts[i] ?? 0;
  }
  for (let j = 0; j < ids.length; j++) {
    const p = ids[j] ?? 0;
    const i = slot[partitionTopic[p] ?? 0] ?? 0;
    const at = offset[i] ?? 0;
    out[at] = p;
    offset[i] = at + 1;
  }
  return out;
}

/** Slots (first-appearance ranks of topics) in the order the HashMap iterates them: buckets ascending, newest first inside one. */
function hashMapOrderOfSlots(topicsInOrder: Int32Array, topicHash: Int32Array, capacity: number): Int32Array {
  const k = topicsInOrder.length;
  const keys = new Float64Array(k);
  for (let i = 0; i < k; i++) keys[i] = javaBucket(topicHash[topicsInOrder[i] ?? 0] ?? 0, capacity) * k + (k - 1 - i);
  keys.sort();
  const order = new Int32Array(k);
  for (let j = 0; j < k; j++) order[j] = k - 1 - ((keys[j] ?? 0) % k);
  return order;
}
