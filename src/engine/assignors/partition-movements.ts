import { javaBucket, javaHashMapCapacity, javaTopicPartitionHash } from './java-hash';

/** A HashSet<TopicPartition> and the largest size it ever had (its table never shrinks). */
interface MovedSet {
  readonly items: Set<number>;
  maxSize: number;
}

/**
 * Kafka's PartitionMovements (AbstractStickyAssignor): during the general builder's
 * balancing, which partitions moved from which member to which, per topic. When a partition
 * of topic T is to move from A to B while another partition of T already moved from B to A,
 * that one moves back instead, so no partition travels A -> B while another travels B -> A.
 */
export class PartitionMovements {
  private readonly source: Int32Array;
  private readonly destination: Int32Array;
  /** topic -> (src * members + dst) -> partitions that moved src -> dst. */
  private readonly byTopic = new Map<number, Map<number, MovedSet>>();

  constructor(
    private readonly memberCount: number,
    private readonly partitionTopic: Int32Array,
    private readonly topicStart: Int32Array,
    private readonly topicHash: Int32Array,
  ) {
    this.source = new Int32Array(partitionTopic.length).fill(-1);
    this.destination = new Int32Array(partitionTopic.length).fill(-1);
  }

  /** Records that partition p moves from `from` to `to`; a move back cancels the record. */
  move(p: number, from: number, to: number): void {
    const src = this.source[p] ?? -1;
    if (src !== -1) {
      this.removeRecord(p);
      if (src !== to) this.addRecord(p, src, to);
    } else {
      this.addRecord(p, from, to);
    }
  }

  /**
   * getTheActualPartitionToBeMoved: the partition to move from `from` to `to` in place of p,
   * which is one that earlier moved the opposite way (to -> p's original owner), if any.
   * Among several, the one Java's HashSet iterates first.
   */
  partitionToMove(p: number, from: number, to: number): number {
    const t = this.partitionTopic[p] ?? 0;
    const pairs = this.byTopic.get(t);
    if (!pairs) return p;
    const original = (this.source[p] ?? -1) !== -1 ? (this.source[p] ?? from) : from;
    const reverse = pairs.get(to * this.memberCount + original);
    if (!reverse) return p;
    return this.javaFirst(reverse, t);
  }

  private addRecord(p: number, src: number, dst: number): void {
    this.source[p] = src;
    this.destination[p] = dst;
    const t = this.partitionTopic[p] ?? 0;
    let pairs = this.byTopic.get(t);
    if (!pairs) {
      pairs = new Map();
      this.byTopic.set(t, pairs);
    }
    const key = src * this.memberCount + dst;
    let set = pairs.get(key);
    if (!set) {
      set = { items: new Set(), maxSize: 0 };
      pairs.set(key, set);
    }
    set.items.add(p);
    if (set.items.size > set.maxSize) set.maxSize = set.items.size;
  }

  private removeRecord(p: number): void {
    const t = this.partitionTopic[p] ?? 0;
    const key = (this.source[p] ?? 0) * this.memberCount + (this.destination[p] ?? 0);
    this.source[p] = -1;
    this.destination[p] = -1;
    const pairs = this.byTopic.get(t);
    const set = pairs?.get(key);
    if (!pairs || !set) return;
    set.items.delete(p);
    if (set.items.size === 0) pairs.delete(key);
    if (pairs.size === 0) this.byTopic.delete(t);
  }

  /** The element a java.util.HashSet<TopicPartition> iterates first: lowest bucket, then insertion order. */
  private javaFirst(set: MovedSet, t: number): number {
    const capacity = javaHashMapCapacity(set.maxSize);
    const start = this.topicStart[t] ?? 0;
    const topicHash = this.topicHash[t] ?? 0;
    let best = -1;
    let bestBucket = Infinity;
    for (const p of set.items) {
      const bucket = javaBucket(javaTopicPartitionHash(topicHash, p - start), capacity);
      if (bucket < bestBucket) {
        bestBucket = bucket;
        best = p;
      }
    }
    return best;
  }
}
