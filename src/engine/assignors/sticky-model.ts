import { javaHashMapOrder } from './java-hash';
import { compareJavaStrings } from './member-order';
import { buildPartitionSpace, parseOwned } from './partition-space';
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
  readonly owned: readonly number[][];
  /** Each member's owned partitions as it claimed them (existing partitions only, duplicates dropped). */
  readonly claimed: readonly Int32Array[];
  /** 1 for partitions two members claimed in the same generation (partitionsWithMultiplePreviousOwners). */
  readonly multipleOwners: Uint8Array;
}

/** Kafka's AbstractStickyAssignor.DEFAULT_GENERATION. */
export const DEFAULT_GENERATION = -1;

/** Builds the integer model from validated input; see {@link StickyModel}. */
export function buildStickyModel(input: AssignorInput): StickyModel {
  const memberIds = input.members.map((m) => m.id);
  const memberCount = memberIds.length;

  const { topics, topicIndex, topicStart, partitionTopic, totalPartitions, subscribed, memberTopics } =
    buildPartitionSpace(input);

  const byRank = Int32Array.from(memberIds, (_id, i) => i).sort((a, b) =>
    compareJavaStrings(memberIds[a] ?? '', memberIds[b] ?? ''),
  );
  const rank = new Int32Array(memberCount);
  byRank.forEach((m, r) => (rank[m] = r));

  const generation = Int32Array.from(input.members, (m) => m.generation ?? DEFAULT_GENERATION);
  const hashOrder = javaHashMapOrder(memberIds);
  const stamp = new Int32Array(totalPartitions);
  const claimed = input.members.map((member, m) =>
    parseOwned(member.owned ?? [], topicIndex, topicStart, stamp, m + 1),
  );

  const { owned, multipleOwners, maxGeneration } = resolveOwnership(hashOrder, generation, claimed, totalPartitions);

  return {
    topics, topicStart, partitionTopic, totalPartitions, memberIds, hashOrder, byRank, rank,
    subscribed, memberTopics, generation, maxGeneration,
    allSubscriptionsEqual: subscriptionsEqual(input, hashOrder),
    owned, claimed, multipleOwners,
  };
}

/**
 * Kafka's allSubscriptionsEqual(), visiting members in HashMap order. Kafka's quirk is kept:
 * the first NON-EMPTY subscription sets the reference, so a member with no topics visited
 * before it does not make the subscriptions differ.
 */
function subscriptionsEqual(input: AssignorInput, hashOrder: Int32Array): boolean {
  let reference: Set<string> | null = null;
  for (const m of hashOrder) {
    const topics = new Set(input.members[m]?.topics ?? []);
    if (reference === null || reference.size === 0) {
      reference = topics;
    } else if (topics.size !== reference.size || [...topics].some((t) => !reference?.has(t))) {
      return false;
    }
  }
  return true;
}

/**
 * Generation conflicts as Kafka resolves them, in HashMap order: two claims in the same
 * generation void the partition for both (and it is marked as having multiple owners); a
 * higher generation takes it from a lower one; a lower one never takes it.
 */
function resolveOwnership(
  hashOrder: Int32Array,
  generation: Int32Array,
  claimed: readonly Int32Array[],
  totalPartitions: number,
): { owned: number[][]; multipleOwners: Uint8Array; maxGeneration: number } {
  const lastClaimant = new Int32Array(totalPartitions).fill(-1); // allPreviousPartitionsToOwner
  const holder = new Int32Array(totalPartitions).fill(-1); // whose owned list holds it now
  const multipleOwners = new Uint8Array(totalPartitions);
  const lists: number[][] = claimed.map(() => []);
  let maxGeneration = DEFAULT_GENERATION;
  for (const m of hashOrder) {
    const gen = generation[m] ?? DEFAULT_GENERATION;
    if (gen > maxGeneration) maxGeneration = gen;
    const list = lists[m] ?? [];
    for (const p of claimed[m] ?? []) {
      const other = lastClaimant[p] ?? -1;
      if (other === -1) {
        list.push(p);
        holder[p] = m;
        lastClaimant[p] = m;
      } else {
        const otherGen = generation[other] ?? DEFAULT_GENERATION;
        if (gen === otherGen) {
          multipleOwners[p] = 1;
          holder[p] = -1;
          lastClaimant[p] = m;
        } else if (gen > otherGen) {
          list.push(p);
          holder[p] = m;
          lastClaimant[p] = m;
        }
      }
    }
  }
  const owned = lists.map((list, m) => list.filter((p) => holder[p] === m));
  return { owned, multipleOwners, maxGeneration };
}

