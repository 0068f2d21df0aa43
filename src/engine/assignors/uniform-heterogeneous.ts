import type { BrokerModel } from './broker-model';

/** Kafka's cap on the final balancing passes over the topics. */
const MAX_ITERATION_COUNT = 16;

/**
 * Kafka's UniformHeterogeneousAssignmentBuilder (group-coordinator), for groups whose
 * members subscribe different topics:
 * 1. Each member keeps its current partitions of topics it still subscribes.
 * 2. Topics by partitions per subscriber (descending), then subscriber count, then name:
 *    each unassigned partition goes to the least-loaded subscriber (ties: member order).
 * 3. Up to 16 passes over the topics with 2+ subscribers, moving partitions from the most
 *    loaded to the least loaded subscribers of the topic until its subscribers differ by
 *    at most one, stopping after a full pass with no move.
 *
 * Members are indexed in the broker's member order; returns the owner of each partition.
 */
export function uniformHeterogeneous(model: BrokerModel): Int32Array {
  return new HeterogeneousBuilder(model).build();
}

class HeterogeneousBuilder {
  /** owner[p]: index in `order` (not the input index) of the member holding p, or -1. */
  private readonly owner: Int32Array;
  private readonly sizes: Int32Array;
  private readonly subscribers: Int32Array[];
  private readonly topicIds: number[];
  private readonly balancer: Balancer;

  constructor(private readonly model: BrokerModel) {
    const { order, topics, totalPartitions, memberTopics } = model;
    this.owner = new Int32Array(totalPartitions).fill(-1);
    this.sizes = new Int32Array(order.length);
    // Each topic's subscribers (indices in `order`, ascending): counted, then one slab.
    const counts = new Int32Array(topics.length + 1);
    for (let i = 0; i < order.length; i++) {
      const mine = memberTopics[order[i] ?? 0] ?? new Int32Array(0);
      for (let k = 0; k < mine.length; k++) counts[(mine[k] ?? 0) + 1] = (counts[(mine[k] ?? 0) + 1] ?? 0) + 1;
    }
    for (let t = 0; t < topics.length; t++) counts[t + 1] = (counts[t + 1] ?? 0) + (counts[t] ?? 0);
    const slab = new Int32Array(counts[topics.length] ?? 0);
    const fill = counts.slice(0, topics.length);
    for (let i = 0; i < order.length; i++) {
      const mine = memberTopics[order[i] ?? 0] ?? new Int32Array(0);
      for (let k = 0; k < mine.length; k++) {
        const t = mine[k] ?? 0;
        const at = fill[t] ?? 0;
        slab[at] = i;
        fill[t] = at + 1;
      }
    }
    this.subscribers = Array.from(topics, (_topic, t) => slab.subarray(counts[t] ?? 0, counts[t + 1] ?? 0));
    this.topicIds = [];
    for (let t = 0; t < topics.length; t++) if ((this.subscribers[t]?.length ?? 0) > 0) this.topicIds.push(t);
    this.balancer = new Balancer(this.sizes);
  }

  build(): Int32Array {
    this.keepSubscribed();
    this.assignUnassigned();
    this.balance();
    // Back to input member indices.
    const { order } = this.model;
    const out = new Int32Array(this.owner.length);
    for (let p = 0; p < out.length; p++) {
      const i = this.owner[p] ?? -1;
      out[p] = i === -1 ? -1 : (order[i] ?? -1);
    }
    return out;
  }

  private keepSubscribed(): void {
    const { order, current, subscribed, partitionTopic, topics } = this.model;
    order.forEach((m, i) => {
      const mine = current[m] ?? new Int32Array(0);
      const row = m * topics.length;
      for (let k = 0; k < mine.length; k++) {
        const p = mine[k] ?? 0;
        if (subscribed[row + (partitionTopic[p] ?? 0)] === 1) this.give(p, i);
      }
    });
  }

  private assignUnassigned(): void {
    const { topicStart } = this.model;
    const withUnassigned = this.topicIds.filter((t) => {
      for (let p = topicStart[t] ?? 0; p < (topicStart[t + 1] ?? 0); p++) if (this.owner[p] === -1) return true;
      return false;
    });
    for (const t of this.sortTopics(withUnassigned)) {
      this.balancer.initialize(this.subscribers[t] ?? new Int32Array(0));
      for (let p = topicStart[t] ?? 0; p < (topicStart[t + 1] ?? 0); p++) {
        if (this.owner[p] === -1) this.give(p, this.balancer.nextLeastLoaded());
      }
    }
  }

  private balance(): void {
    const topics = this.sortTopics(this.topicIds.filter((t) => (this.subscribers[t]?.length ?? 0) >= 2));
    if (topics.length === 0) return;
    let lastRebalanced = -1;
    for (let pass = 0; pass < MAX_ITERATION_COUNT; pass++) {
      for (let i = 0; i < topics.length; i++) {
        if (i === lastRebalanced) return;
        const moved = this.balanceTopic(topics[i] ?? 0);
        if (moved > 0 || lastRebalanced === -1) lastRebalanced = i;
      }
    }
  }

  /** Moves partitions of topic t from its most to its least loaded subscribers; returns how many. */
  private balanceTopic(t: number): number {
    const { topicStart } = this.model;
    const start = topicStart[t] ?? 0;
    const count = (topicStart[t + 1] ?? 0) - start;
    const subscribers = this.subscribers[t] ?? new Int32Array(0);
    if (this.balancer.spread(subscribers) <= 1) return 0; // balanced: no sort needed
    this.balancer.initialize(subscribers);

    // The topic's partitions grouped by owner (ascending), partitions ascending inside.
    const memberCount = this.sizes.length;
    const keys = new Float64Array(count);
    for (let k = 0; k < count; k++) keys[k] = ((this.owner[start + k] ?? -1) + 1) * (count + 1) + k;
    keys.sort();
    const partitions = new Int32Array(count);
    const rangeStart = new Int32Array(memberCount + 1).fill(-1);
    const rangeEnd = new Int32Array(memberCount + 1).fill(-1);
    for (let k = 0; k < count; k++) {
      const key = keys[k] ?? 0;
      const slot = Math.floor(key / (count + 1));
      partitions[k] = key - slot * (count + 1);
      if (rangeStart[slot] === -1) rangeStart[slot] = k;
      rangeEnd[slot] = k + 1;
    }

    let moved = 0;
    while (!this.balancer.isBalanced()) {
      let mostLoaded = -1;
      for (;;) {
        mostLoaded = this.balancer.nextMostLoaded();
        if (mostLoaded === -1) break;
        const slot = mostLoaded + 1;
        if ((rangeEnd[slot] ?? -1) === -1 || (rangeEnd[slot] ?? 0) - (rangeStart[slot] ?? 0) <= 0) {
          this.balancer.excludeMostLoaded();
          continue;
        }
        break;
      }
      if (mostLoaded === -1) break;
      const slot = mostLoaded + 1;
      const end = (rangeEnd[slot] ?? 0) - 1;
      rangeEnd[slot] = end;
      const p = start + (partitions[end] ?? 0);
      const leastLoaded = this.balancer.nextLeastLoaded();
      if (this.balancer.isBalanced()) break;
      this.give(p, leastLoaded);
      moved++;
    }
    return moved;
  }

  /** Topics by partitions per subscriber descending, then subscriber count ascending, then name. */
  private sortTopics(topics: number[]): number[] {
    const { topicStart } = this.model;
    const perSubscriber = (t: number) =>
      ((topicStart[t + 1] ?? 0) - (topicStart[t] ?? 0)) / (this.subscribers[t]?.length ?? 1);
    return [...topics].sort(
      (a, b) =>
        perSubscriber(b) - perSubscriber(a) ||
        (this.subscribers[a]?.length ?? 0) - (this.subscribers[b]?.length ?? 0) ||
        a - b,
    );
  }

  private give(p: number, member: number): void {
    const previous = this.owner[p] ?? -1;
    if (previous !== -1) this.sizes[previous] = (this.sizes[previous] ?? 0) - 1;
    this.owner[p] = member;
    this.sizes[member] = (this.sizes[member] ?? 0) + 1;
  }
}

/**
 * Kafka's MemberAssignmentBalancer: the subscribers of one topic sorted by (size, index),
 * with a least-loaded range handed partitions level by level from the bottom and a
 * most-loaded range giving them up level by level from the top.
 */
class Balancer {
  /** The topic's subscribers by (size, index): the first `count` entries. */
  private readonly sorted: Int32Array;
  private count = 0;
  /** Counting-sort buckets, reused. */
  private buckets = new Int32Array(0);
  private leastEnd = 0;
  private leastCount = -1;
  private nextLeast = 0;
  private mostStart = 0;
  private mostEnd = 0;
  private mostCount = 1;
  private nextMost = -1;

  constructor(private readonly sizes: Int32Array) {
    this.sorted = new Int32Array(sizes.length);
  }

  /** The spread between the most and least loaded of `members` (no sort). */
  spread(members: Int32Array): number {
    let low = Infinity;
    let high = -Infinity;
    for (let i = 0; i < members.length; i++) {
      const size = this.sizes[members[i] ?? 0] ?? 0;
      if (size < low) low = size;
      if (size > high) high = size;
    }
    return members.length === 0 ? 0 : high - low;
  }

  /** Starts on a topic's subscribers (ascending indices); returns the spread between the most and least loaded. */
  initialize(members: Int32Array): number {
    const n = members.length;
    this.count = n;
    const sizes = this.sizes;
    let low = Infinity;
    let high = -Infinity;
    for (let i = 0; i < n; i++) {
      const size = sizes[members[i] ?? 0] ?? 0;
      if (size < low) low = size;
      if (size > high) high = size;
    }
    if (n === 0) low = high = 0;
    // By (size, index): sizes span a small range, so a stable counting sort of the
    // ascending indices does it in O(n + range).
    const range = high - low + 1;
    if (range <= 4 * n + 1024) {
      if (this.buckets.length < range + 1) this.buckets = new Int32Array(2 * range + 1);
      const buckets = this.buckets;
      buckets.fill(0, 0, range + 1);
      for (let i = 0; i < n; i++) {
        const b = (sizes[members[i] ?? 0] ?? 0) - low + 1;
        buckets[b] = (buckets[b] ?? 0) + 1;
      }
      for (let b = 1; b <= range; b++) buckets[b] = (buckets[b] ?? 0) + (buckets[b - 1] ?? 0);
      for (let i = 0; i < n; i++) {
        const m = members[i] ?? 0;
        const b = (sizes[m] ?? 0) - low;
        this.sorted[buckets[b] ?? 0] = m;
        buckets[b] = (buckets[b] ?? 0) + 1;
      }
    } else {
      const total = sizes.length;
      const keys = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const m = members[i] ?? 0;
        keys[i] = (sizes[m] ?? 0) * total + m;
      }
      keys.sort();
      for (let i = 0; i < n; i++) this.sorted[i] = (keys[i] ?? 0) % total;
    }
    this.leastEnd = 0;
    this.leastCount = low - 1;
    this.nextLeast = 0;
    this.mostStart = n;
    this.mostEnd = n;
    this.mostCount = high + 1;
    this.nextMost = n - 1;
    return high - low;
  }

  nextLeastLoaded(): number {
    if (this.nextLeast >= this.leastEnd) {
      this.leastCount++;
      while (this.leastEnd < this.count && this.sizeAt(this.leastEnd) === this.leastCount) this.leastEnd++;
      this.nextLeast = 0;
    }
    return this.sorted[this.nextLeast++] ?? 0;
  }

  nextMostLoaded(): number {
    if (this.nextMost < this.mostStart) {
      if (this.mostEnd <= this.mostStart && this.mostStart > 0) {
        this.mostCount = this.sizeAt(this.mostStart - 1);
      } else {
        this.mostCount--;
      }
      while (this.mostStart > 0 && this.sizeAt(this.mostStart - 1) === this.mostCount) this.mostStart--;
      this.nextMost = this.mostEnd - 1;
    }
    if (this.nextMost < 0) return -1;
    return this.sorted[this.nextMost--] ?? -1;
  }

  excludeMostLoaded(): void {
    const i = this.nextMost + 1;
    const member = this.sorted[i] ?? 0;
    this.sorted[i] = this.sorted[this.mostEnd - 1] ?? 0;
    this.sorted[this.mostEnd - 1] = member;
    this.mostEnd--;
  }

  isBalanced(): boolean {
    return this.mostCount - this.leastCount <= 1;
  }

  private sizeAt(i: number): number {
    return this.sizes[this.sorted[i] ?? 0] ?? 0;
  }
}
