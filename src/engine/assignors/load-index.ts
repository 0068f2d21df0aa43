/**
 * A set of members ordered by (load, member id): Kafka's sticky assignor keeps a
 * TreeSet<String> with that comparator (sortedCurrentSubscriptions). Here one bitset per
 * load level, indexed by the member's rank in id order, plus the ascending list of
 * non-empty levels: add, remove, first and last are O(members / 32) at worst and O(1) in
 * the usual dense case, with no allocation per call.
 *
 * Like the TreeSet, a member's key is its load when it was added: callers remove a
 * member, change its load, and add it again.
 */
interface Level {
  readonly bits: Uint32Array;
  count: number;
  /** No set bit below this word. */
  lowWord: number;
  /** No set bit above this word. */
  highWord: number;
}

export class LoadIndex {
  private readonly words: number;
  /** The level of each load (an array: loads are small integers). */
  private readonly levels: (Level | undefined)[] = [];
  /** Loads of the non-empty levels, ascending. */
  private readonly nonEmpty: number[] = [];
  private readonly keyLoad: Int32Array;
  private readonly present: Uint8Array;
  private members = 0;

  /**
   * @param load each member's current load, read on add
   * @param rank each member's place in member-id order
   * @param byRank the member at each rank
   */
  constructor(
    private readonly load: Int32Array,
    private readonly rank: Int32Array,
    private readonly byRank: Int32Array,
  ) {
    this.words = Math.ceil(rank.length / 32);
    this.keyLoad = new Int32Array(rank.length);
    this.present = new Uint8Array(rank.length);
  }

  get size(): number {
    return this.members;
  }

  has(m: number): boolean {
    return this.present[m] === 1;
  }

  add(m: number): void {
    if (this.present[m] === 1) return;
    const load = this.load[m] ?? 0;
    let level = this.levels[load];
    if (!level) {
      while (this.levels.length < load) this.levels.push(undefined); // keep the array dense
      level = { bits: new Uint32Array(this.words), count: 0, lowWord: this.words, highWord: -1 };
      this.levels[load] = level;
    }
    const r = this.rank[m] ?? 0;
    const w = r >>> 5;
    level.bits[w] = ((level.bits[w] ?? 0) | (1 << (r & 31))) >>> 0;
    if (w < level.lowWord) level.lowWord = w;
    if (w > level.highWord) level.highWord = w;
    if (level.count++ === 0) this.insertLevel(load);
    this.keyLoad[m] = load;
    this.present[m] = 1;
    this.members++;
  }

  remove(m: number): void {
    if (this.present[m] !== 1) return;
    const load = this.keyLoad[m] ?? 0;
    const level = this.levels[load];
    if (!level) return;
    const r = this.rank[m] ?? 0;
    const w = r >>> 5;
    level.bits[w] = ((level.bits[w] ?? 0) & ~(1 << (r & 31))) >>> 0;
    if (--level.count === 0) {
      this.removeLevel(load);
      level.lowWord = this.words;
      level.highWord = -1;
    }
    this.present[m] = 0;
    this.members--;
  }

  /** The member with the least load (then the lowest id), or -1 when empty. */
  first(): number {
    const load = this.nonEmpty[0];
    if (load === undefined) return -1;
    const level = this.levels[load];
    return level ? this.lowest(level) : -1;
  }

  /** The member with the most load (then the highest id), or -1 when empty. */
  last(): number {
    const load = this.nonEmpty[this.nonEmpty.length - 1];
    if (load === undefined) return -1;
    const level = this.levels[load];
    if (!level) return -1;
    for (let w = level.highWord; w >= 0; w--) {
      const x = level.bits[w] ?? 0;
      if (x !== 0) {
        level.highWord = w;
        return this.byRank[(w << 5) + 31 - Math.clz32(x)] ?? -1;
      }
    }
    return -1;
  }

  /** The first member in (load, id) order that `accept` takes, or -1. `accept` must not change the set. */
  findFirst(accept: (m: number) => boolean): number {
    for (const load of this.nonEmpty) {
      const level = this.levels[load];
      if (!level) continue;
      for (let w = level.lowWord; w <= level.highWord; w++) {
        let x = level.bits[w] ?? 0;
        while (x !== 0) {
          const low = x & -x;
          const m = this.byRank[(w << 5) + 31 - Math.clz32(low)] ?? -1;
          if (accept(m)) return m;
          x = (x ^ low) >>> 0;
        }
      }
    }
    return -1;
  }

  /**
   * The first member in (load, id) order with flags[m * stride + column] === 1, or -1: the
   * least-loaded subscriber of a topic. A closure-free findFirst for the hot loop.
   */
  findFirstFlagged(flags: Uint8Array, stride: number, column: number): number {
    for (const load of this.nonEmpty) {
      const level = this.levels[load];
      if (!level) continue;
      for (let w = level.lowWord; w <= level.highWord; w++) {
        let x = level.bits[w] ?? 0;
        while (x !== 0) {
          const low = x & -x;
          const m = this.byRank[(w << 5) + 31 - Math.clz32(low)] ?? -1;
          if (flags[m * stride + column] === 1) return m;
          x = (x ^ low) >>> 0;
        }
        // Members leave the lowest level from the front: skip its empty words next time.
        if (w === level.lowWord && (level.bits[w] ?? 0) === 0) level.lowWord = w + 1;
      }
    }
    return -1;
  }

  /** Calls `visit` for every member, in (load, id) order. */
  forEach(visit: (m: number) => void): void {
    this.findFirst((m) => {
      visit(m);
      return false;
    });
  }

  private lowest(level: Level): number {
    for (let w = level.lowWord; w < this.words; w++) {
      const x = level.bits[w] ?? 0;
      if (x !== 0) {
        level.lowWord = w;
        return this.byRank[(w << 5) + 31 - Math.clz32(x & -x)] ?? -1;
      }
    }
    return -1;
  }

  private insertLevel(load: number): void {
    const levels = this.nonEmpty;
    let lo = 0;
    let hi = levels.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((levels[mid] ?? 0) < load) lo = mid + 1;
      else hi = mid;
    }
    levels.splice(lo, 0, load);
  }

  private removeLevel(load: number): void {
    const levels = this.nonEmpty;
    let lo = 0;
    let hi = levels.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((levels[mid] ?? 0) < load) lo = mid + 1;
      else hi = mid;
    }
    if (levels[lo] === load) levels.splice(lo, 1);
  }
}
