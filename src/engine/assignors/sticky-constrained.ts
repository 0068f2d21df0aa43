import type { StickyModel } from './sticky-model';

/** What a sticky builder decides: each member's list, and (constrained only) the moves. */
export interface StickyBuild {
  /** Member index -> partition ids, in the order Kafka's lists have them. */
  readonly lists: readonly (readonly number[] | Int32Array)[];
  /**
   * partitionsTransferringOwnership: partition id -> member it moves to, plus one (0 = none:
   * a zeroed array needs no fill; ids past its length are 0 too). Null from the general
   * builder: the cooperative assignor then computes it from owned vs new.
   */
  readonly transferring: Int32Array | null;
}

/**
 * Kafka's ConstrainedAssignmentBuilder (all subscriptions equal; racks not modelled):
 * minQuota = floor(P/C), maxQuota = ceil(P/C), and only P mod C members may hold maxQuota.
 *
 * 1. Members in HashMap order keep their owned partitions, sorted by (partition, topic), up
 *    to their quota: all when under minQuota; maxQuota while fewer than P mod C members hold
 *    it; else minQuota. The rest are "maybe revoked".
 * 2. Unassigned partitions, by (topic, partition), go round-robin over the members under
 *    minQuota sorted by id; once those are full, members at minQuota are topped up one each.
 * 3. A partition that lands on a member other than one that owned it (or that two members
 *    claimed in the same generation) is transferring ownership.
 */
export function buildConstrained(model: StickyModel, closedForm = true): StickyBuild {
  const { totalPartitions, hashOrder, multipleOwners, memberIds, rank } = model;
  const memberCount = memberIds.length;
  const minQuota = Math.floor(totalPartitions / memberCount);
  const maxQuota = Math.ceil(totalPartitions / memberCount);
  const expectedOverMin = totalPartitions % memberCount;
  let currentOverMin = 0;

  // Every member ends with at most maxQuota partitions: one flat slab, a slice each.
  const slab = new Int32Array(memberCount * maxQuota);
  const sizes = new Int32Array(memberCount);
  const listsOf = () => Array.from(sizes, (size, m) => slab.subarray(m * maxQuota, m * maxQuota + size));
  if (closedForm && model.claimed.every((list) => list.length === 0)) {
    assignFresh(model, slab, sizes, minQuota, maxQuota);
    return { lists: listsOf(), transferring: new Int32Array(0) };
  }
  const assigned = new Uint8Array(totalPartitions);
  const maybeRevoked = new Int32Array(totalPartitions); // member + 1 that gave it up, 0 = none
  const transferring = new Int32Array(totalPartitions); // member + 1 it moves to, 0 = none
  // Members under minQuota, and those at it that may be topped up: typed queues (each
  // member enters the second at most twice).
  const underMin = new Int32Array(memberCount);
  let underMinCount = 0;
  const exactlyMin = new Int32Array(2 * memberCount);
  let exactlyMinCount = 0;
  const ownedSorted = ownedByPartitionThenTopic(model);
  for (const m of hashOrder) {
    const mine = ownedSorted[m] ?? new Int32Array(0);
    let keep: number;
    if (mine.length < minQuota) {
      keep = mine.length;
      underMin[underMinCount++] = m;
    } else if (mine.length >= maxQuota && currentOverMin < expectedOverMin) {
      keep = maxQuota;
      currentOverMin++;
      if (currentOverMin === expectedOverMin) exactlyMinCount = 0;
    } else {
      keep = minQuota;
      if (currentOverMin < expectedOverMin) exactlyMin[exactlyMinCount++] = m;
    }
    for (let i = 0; i < mine.length; i++) {
      const p = mine[i] ?? 0;
      if (i < keep) {
        slab[m * maxQuota + (sizes[m] ?? 0)] = p;
        sizes[m] = (sizes[m] ?? 0) + 1;
        assigned[p] = 1;
      } else {
        maybeRevoked[p] = m + 1;
      }
    }
  }

  const byId = (a: number, b: number) => (rank[a] ?? 0) - (rank[b] ?? 0);
  sortBy(underMin, underMinCount, byId);
  sortBy(exactlyMin, exactlyMinCount, byId);

  // Round-robin over the under-minQuota members, as Kafka's LinkedList iterator does: a
  // member that reaches minQuota leaves the ring and queues for a top-up to maxQuota. The
  // ring is walked from `ring` while the next lap collects in `survivors`; then they swap.
  let ring = underMin;
  let ringCount = underMinCount;
  let survivors = new Int32Array(memberCount);
  let survivorCount = 0;
  let cursor = 0;
  let topUpHead = 0;
  for (let p = 0; p < totalPartitions; p++) {
    if (assigned[p] === 1) continue;
    let m: number;
    let fromRing = true;
    if (cursor < ringCount) {
      m = ring[cursor++] ?? 0;
    } else if (survivorCount === 0 && topUpHead >= exactlyMinCount) {
      throw new Error('sticky assignor: no more unfilled consumers to be assigned (Kafka throws IllegalStateException)');
    } else if (survivorCount === 0) {
      m = exactlyMin[topUpHead++] ?? 0;
      fromRing = false;
      ringCount = 0;
      cursor = 0;
    } else {
      const lap = ring;
      ring = survivors;
      ringCount = survivorCount;
      survivors = lap;
      survivorCount = 0;
      cursor = 1;
      m = ring[0] ?? 0;
    }
    const size = sizes[m] ?? 0;
    slab[m * maxQuota + size] = p;
    sizes[m] = size + 1;
    const previous = maybeRevoked[p] ?? 0;
    if ((previous !== 0 && previous !== m + 1) || multipleOwners[p] === 1) transferring[p] = m + 1;
    const count = size + 1;
    if (count === minQuota) {
      exactlyMin[exactlyMinCount++] = m;
    } else {
      if (count === maxQuota) currentOverMin++;
      if (fromRing) survivors[survivorCount++] = m;
    }
  }
  return { lists: listsOf(), transferring };
}

/**
 * The loop above when nobody claims anything (a new group), in closed form: every member is
 * under minQuota, so lap l of the ring gives partitions l * C .. l * C + C - 1 to the members
 * in id order; all reach minQuota on the last lap and queue in that order, so the P mod C
 * partitions left go to the first P mod C members by id. (With minQuota 0 the members queue
 * for a top-up straight away, in id order: the same.) Nothing transfers ownership.
 */
function assignFresh(model: StickyModel, slab: Int32Array, sizes: Int32Array, minQuota: number, maxQuota: number): void {
  const { byRank, totalPartitions } = model;
  const memberCount = byRank.length;
  const leftover = totalPartitions - minQuota * memberCount;
  for (let k = 0; k < memberCount; k++) {
    const m = byRank[k] ?? 0;
    const row = m * maxQuota;
    for (let lap = 0; lap < minQuota; lap++) slab[row + lap] = lap * memberCount + k;
    let size = minQuota;
    if (k < leftover) slab[row + size++] = minQuota * memberCount + k;
    sizes[m] = size;
  }
}

/**
 * Each member's owned partitions minus those claimed twice in one generation, sorted by
 * (partition number, topic name) as Kafka sorts them. No sort: one pass over all partition
 * ids in that order hands each to the member that owns it (a partition has one owner after
 * the generation conflicts), so every member's list comes out in order.
 */
function ownedByPartitionThenTopic(model: StickyModel): Int32Array[] {
  const { topicStart, owned, holder, multipleOwners } = model;
  const memberCount = owned.length;
  const topicCount = model.topics.length;
  const offsets = new Int32Array(memberCount + 1);
  for (let m = 0; m < memberCount; m++) {
    const mine = owned[m] ?? new Int32Array(0);
    let kept = mine.length;
    for (let i = 0; i < mine.length; i++) kept -= multipleOwners[mine[i] ?? 0] ?? 0;
    offsets[m + 1] = (offsets[m] ?? 0) + kept;
  }
  const slab = new Int32Array(offsets[memberCount] ?? 0);
  const fill = offsets.slice(0, memberCount);
  if (slab.length > 0) {
    // Partition numbers ascending, and at each the topics (ascending) that have it: a topic
    // leaves the active list once the number passes its partition count. Each filter costs
    // no more than the pass over the active topics it precedes: O(partitions) in all.
    let active = Int32Array.from({ length: topicCount }, (_, t) => t).filter((t) => count(topicStart, t) > 0);
    let nextExit = smallestCount(topicStart, active);
    for (let partition = 0; active.length > 0; partition++) {
      if (partition === nextExit) {
        active = active.filter((t) => count(topicStart, t) > partition);
        if (active.length === 0) break;
        nextExit = smallestCount(topicStart, active);
      }
      for (let i = 0; i < active.length; i++) {
        const p = (topicStart[active[i] ?? 0] ?? 0) + partition;
        const m = holder[p] ?? -1;
        if (m === -1 || multipleOwners[p] === 1) continue;
        const at = fill[m] ?? 0;
        slab[at] = p;
        fill[m] = at + 1;
      }
    }
  }
  return Array.from({ length: memberCount }, (_, m) => slab.subarray(offsets[m] ?? 0, offsets[m + 1] ?? 0));
}

/** Sorts the first `count` entries of `values` by `compare`. */
function sortBy(values: Int32Array, count: number, compare: (a: number, b: number) => number): void {
  values.subarray(0, count).sort(compare);
}

function smallestCount(topicStart: Int32Array, topics: Int32Array): number {
  let smallest = Infinity;
  for (let i = 0; i < topics.length; i++) smallest = Math.min(smallest, count(topicStart, topics[i] ?? 0));
  return smallest;
}

function count(topicStart: Int32Array, t: number): number {
  return (topicStart[t + 1] ?? 0) - (topicStart[t] ?? 0);
}
