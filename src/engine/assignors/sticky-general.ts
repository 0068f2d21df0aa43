import { javaStringHash } from './java-hash';
import { LoadIndex } from './load-index';
import { PartitionMovements } from './partition-movements';
import type { StickyBuild } from './sticky-constrained';
import type { StickyModel } from './sticky-model';

/** One partition move, enough to undo it. */
interface Move {
  readonly p: number;
  readonly from: number;
  readonly at: number;
  readonly to: number;
}

/**
 * Kafka's GeneralAssignmentBuilder (subscriptions differ; racks not modelled):
 * 1. Keep each member's owned partitions of topics it still subscribes to.
 * 2. Give each unassigned partition, topics ordered by (number of subscribers, name), to the
 *    least-loaded subscriber (ties by member id).
 * 3. While not balanced (see isBalanced), walk the partitions and move one to a less loaded
 *    subscriber: to its previous owner (an older generation's) when that one has 2+ fewer,
 *    else to the least-loaded subscriber; PartitionMovements turns a move that would reverse
 *    an earlier one of the same topic into moving that one back.
 * 4. Unless the group was empty before, undo step 3 when it did not lower the balance score.
 *
 * Bends one rule, only where Kafka's answer would be invalid: Kafka moves a partition to its
 * previous owner (an older generation's) without checking that the owner still subscribes
 * to the topic. Usually a later move fixes it, and we give Kafka's answer exactly; when the
 * final answer still gives a partition to a non-subscriber, we build again allowing only
 * moves to previous owners that still subscribe.
 */
export function buildGeneral(model: StickyModel): StickyBuild {
  const asKafka = new GeneralBuilder(model, false).build();
  return isValid(model, asKafka.lists) ? asKafka : new GeneralBuilder(model, true).build();
}

function isValid(model: StickyModel, lists: readonly (readonly number[] | Int32Array)[]): boolean {
  const { subscribed, partitionTopic } = model;
  const topicCount = model.topics.length;
  return lists.every((list, m) => {
    for (let i = 0; i < list.length; i++) {
      if (subscribed[m * topicCount + (partitionTopic[list[i] ?? 0] ?? 0)] !== 1) return false;
    }
    return true;
  });
}

/** The ids that `keep` takes, in order: TypedArray.filter without its growable intermediate list. */
function select(ids: Int32Array, keep: (p: number) => boolean): Int32Array {
  const out = new Int32Array(ids.length);
  let n = 0;
  for (let i = 0; i < ids.length; i++) {
    const p = ids[i] ?? 0;
    if (keep(p)) out[n++] = p;
  }
  return out.subarray(0, n);
}

class GeneralBuilder {
  private readonly memberCount: number;
  private readonly topicCount: number;
  private readonly lists: number[][];
  private readonly owner: Int32Array;
  private readonly load: Int32Array;
  private readonly maxLoad: Int32Array;
  private readonly subscriberCount: Int32Array;
  private readonly subscribers: Int32Array[];
  private readonly sortedPartitions: Int32Array;
  private readonly index: LoadIndex;
  private readonly movements: PartitionMovements;
  private readonly prevOwner: Int32Array;
  private readonly prevGeneration: Int32Array;
  private readonly fixed: Uint8Array;
  private readonly topicMaxOwnerLoad: Int32Array;
  private revocationRequired = false;
  private log: Move[] = [];

  /**
   * @param subscribedPreviousOwnersOnly move partitions back only to previous owners that
   * still subscribe to the topic (Kafka does not check)
   */
  constructor(
    private readonly model: StickyModel,
    private readonly subscribedPreviousOwnersOnly: boolean,
  ) {
    const { memberIds, topics, totalPartitions, memberTopics, topicStart, partitionTopic } = model;
    this.memberCount = memberIds.length;
    this.topicCount = topics.length;
    this.lists = model.owned.map((list) => {
      const copy = new Array<number>(list.length); // Array.from would walk the typed array's iterator
      for (let i = 0; i < list.length; i++) copy[i] = list[i] ?? 0;
      return copy;
    });
    this.owner = new Int32Array(totalPartitions).fill(-1);
    this.load = new Int32Array(this.memberCount);
    this.maxLoad = new Int32Array(this.memberCount);
    this.fixed = new Uint8Array(this.memberCount);
    this.topicMaxOwnerLoad = new Int32Array(this.topicCount);

    // Each topic's subscribers, ascending: counted, then one slab.
    const starts = new Int32Array(this.topicCount + 1);
    memberTopics.forEach((list, m) => {
      for (let i = 0; i < list.length; i++) {
        const t = list[i] ?? 0;
        starts[t + 1] = (starts[t + 1] ?? 0) + 1;
        this.maxLoad[m] = (this.maxLoad[m] ?? 0) + ((topicStart[t + 1] ?? 0) - (topicStart[t] ?? 0));
      }
    });
    this.subscriberCount = new Int32Array(this.topicCount);
    for (let t = 0; t < this.topicCount; t++) {
      this.subscriberCount[t] = starts[t + 1] ?? 0;
      starts[t + 1] = (starts[t + 1] ?? 0) + (starts[t] ?? 0);
    }
    const slab = new Int32Array(starts[this.topicCount] ?? 0);
    const fill = starts.slice(0, this.topicCount);
    for (let m = 0; m < memberTopics.length; m++) {
      const list = memberTopics[m] ?? new Int32Array(0);
      for (let i = 0; i < list.length; i++) {
        const t = list[i] ?? 0;
        const at = fill[t] ?? 0;
        slab[at] = m;
        fill[t] = at + 1;
      }
    }
    this.subscribers = Array.from(topics, (_topic, t) => slab.subarray(starts[t] ?? 0, starts[t + 1] ?? 0));

    // Topics by (number of potential consumers, name); their partitions in order.
    const topicOrder = Int32Array.from(topics, (_t, t) => t).sort(
      (a, b) => (this.subscriberCount[a] ?? 0) - (this.subscriberCount[b] ?? 0) || a - b,
    );
    this.sortedPartitions = new Int32Array(totalPartitions);
    let n = 0;
    for (const t of topicOrder) {
      for (let p = topicStart[t] ?? 0; p < (topicStart[t + 1] ?? 0); p++) this.sortedPartitions[n++] = p;
    }

    this.prevOwner = new Int32Array(totalPartitions).fill(-1);
    this.prevGeneration = new Int32Array(totalPartitions);
    this.index = new LoadIndex(this.load, model.rank, model.byRank);
    const topicHash = Int32Array.from(topics, (name) => javaStringHash(name));
    this.movements = new PartitionMovements(this.memberCount, partitionTopic, topicStart, topicHash);
  }

  build(): StickyBuild {
    this.prepopulatePreviousOwners();
    this.keepOwnedPartitions();
    const unassigned = select(this.sortedPartitions, (p) => this.owner[p] === -1);
    for (let m = 0; m < this.memberCount; m++) this.index.add(m);
    this.balance(unassigned);
    return { lists: this.lists, transferring: null };
  }

  /** prevAssignment: partitions claimed by members of older generations, the newest such claim. */
  private prepopulatePreviousOwners(): void {
    const { hashOrder, generation, claimed, maxGeneration } = this.model;
    for (const m of hashOrder) {
      const gen = generation[m] ?? -1;
      if (gen >= maxGeneration) continue;
      for (const p of claimed[m] ?? []) {
        if (this.prevOwner[p] === -1 || gen > (this.prevGeneration[p] ?? 0)) {
          this.prevOwner[p] = m;
          this.prevGeneration[p] = gen;
        }
      }
    }
  }

  /** Owned partitions stay unless the member no longer subscribes to their topic. */
  private keepOwnedPartitions(): void {
    const { subscribed, partitionTopic } = this.model;
    this.lists.forEach((list, m) => {
      let kept = 0;
      for (const p of list) {
        if (subscribed[m * this.topicCount + (partitionTopic[p] ?? 0)] === 1) {
          list[kept++] = p;
          this.owner[p] = m;
        } else {
          this.revocationRequired = true;
        }
      }
      list.length = kept;
      this.load[m] = kept;
    });
  }

  private balance(unassigned: Int32Array): void {
    const { partitionTopic } = this.model;
    const initializing = this.load[this.index.last()] === 0;

    for (let i = 0; i < unassigned.length; i++) this.assignToLeastLoaded(unassigned[i] ?? 0);

    // Only topics with 2+ subscribers, and members that could gain or lose, take part.
    const movable = (p: number) => (this.subscriberCount[partitionTopic[p] ?? 0] ?? 0) >= 2;
    const reassignable = select(this.sortedPartitions, movable);
    const unassignedReassignable = select(unassigned, movable);
    for (let m = 0; m < this.memberCount; m++) {
      if (!this.canParticipate(m)) {
        this.index.remove(m);
        this.fixed[m] = 1;
      }
    }

    const scoreBefore = this.balanceScore();
    if (!this.revocationRequired) this.performReassignments(unassignedReassignable);
    const performed = this.performReassignments(reassignable);
    if (!initializing && performed && this.balanceScore() >= scoreBefore) this.undoMoves();
  }

  private assignToLeastLoaded(p: number): void {
    const t = this.model.partitionTopic[p] ?? 0;
    const m = this.index.findFirstFlagged(this.model.subscribed, this.topicCount, t);
    if (m === -1) return;
    this.index.remove(m);
    this.lists[m]?.push(p);
    this.owner[p] = m;
    this.load[m] = (this.load[m] ?? 0) + 1;
    this.index.add(m);
  }

  private canParticipate(m: number): boolean {
    if ((this.load[m] ?? 0) < (this.maxLoad[m] ?? 0)) return true;
    const { partitionTopic } = this.model;
    return (this.lists[m] ?? []).some((p) => (this.subscriberCount[partitionTopic[p] ?? 0] ?? 0) >= 2);
  }

  private performReassignments(partitions: Int32Array): boolean {
    const { partitionTopic, subscribed } = this.model;
    let performed = false;
    let modified: boolean;
    do {
      modified = false;
      for (let i = 0; i < partitions.length && !this.isBalanced(); i++) {
        const p = partitions[i] ?? 0;
        const t = partitionTopic[p] ?? 0;
        const current = this.owner[p] ?? -1;
        if (current === -1) continue;
        const currentLoad = this.load[current] ?? 0;
        const prev = this.prevOwner[p] ?? -1;
        if (
          // (Kafka would hit a NullPointerException on a previous owner that cannot move.)
          prev !== -1 && prev !== current && this.fixed[prev] === 0 &&
          (!this.subscribedPreviousOwnersOnly || subscribed[prev * this.topicCount + t] === 1) &&
          currentLoad > (this.load[prev] ?? 0) + 1
        ) {
          this.reassign(p, prev);
          performed = modified = true;
          continue;
        }
        for (const other of this.subscribers[t] ?? []) {
          if (currentLoad > (this.load[other] ?? 0) + 1) {
            const target = this.index.findFirstFlagged(subscribed, this.topicCount, t);
            this.reassign(p, target);
            performed = modified = true;
            break;
          }
        }
      }
    } while (modified);
    return performed;
  }

  private reassign(p: number, to: number): void {
    const from = this.owner[p] ?? -1;
    const actual = this.movements.partitionToMove(p, from, to);
    this.processMove(actual, to);
  }

  private processMove(p: number, to: number): void {
    const from = this.owner[p] ?? -1;
    this.index.remove(from);
    this.index.remove(to);
    this.movements.move(p, from, to);
    const fromList = this.lists[from] ?? [];
    const at = fromList.indexOf(p);
    fromList.splice(at, 1);
    this.lists[to]?.push(p);
    this.owner[p] = to;
    this.load[from] = (this.load[from] ?? 0) - 1;
    this.load[to] = (this.load[to] ?? 0) + 1;
    this.index.add(to);
    this.index.add(from);
    this.log.push({ p, from, at, to });
  }

  /** Restores the lists as they were before balancing moves (Kafka restores a deep copy). */
  private undoMoves(): void {
    for (let i = this.log.length - 1; i >= 0; i--) {
      const move = this.log[i];
      if (!move) continue;
      this.lists[move.to]?.pop();
      this.lists[move.from]?.splice(move.at, 0, move.p);
      this.owner[move.p] = move.from;
      this.load[move.to] = (this.load[move.to] ?? 0) - 1;
      this.load[move.from] = (this.load[move.from] ?? 0) + 1;
    }
    this.log = [];
  }

  /**
   * Kafka's isBalanced(): loads differ by at most one, or no member short of all the
   * partitions it could get could take one from a member with 2+ more. The partition
   * check is done per topic (the most loaded owner of any of its partitions): the same answer.
   */
  private isBalanced(): boolean {
    const min = this.load[this.index.first()] ?? 0;
    const max = this.load[this.index.last()] ?? 0;
    if (min >= max - 1) return true;

    const { partitionTopic, memberTopics } = this.model;
    const topicMax = this.topicMaxOwnerLoad.fill(0);
    for (let p = 0; p < this.owner.length; p++) {
      const owner = this.owner[p] ?? -1;
      if (owner === -1 || this.fixed[owner] === 1) continue;
      const t = partitionTopic[p] ?? 0;
      const load = this.load[owner] ?? 0;
      if (load > (topicMax[t] ?? 0)) topicMax[t] = load;
    }
    let balanced = true;
    this.index.findFirst((m) => {
      const load = this.load[m] ?? 0;
      if (load === this.maxLoad[m]) return false;
      for (const t of memberTopics[m] ?? []) {
        if ((topicMax[t] ?? 0) > load + 1) {
          balanced = false;
          return true;
        }
      }
      return false;
    });
    return balanced;
  }

  /** Kafka's getBalanceScore: sum over member pairs of |load difference| (movable members only). */
  private balanceScore(): number {
    const loads: number[] = [];
    for (let m = 0; m < this.memberCount; m++) if (this.fixed[m] === 0) loads.push(this.load[m] ?? 0);
    const sorted = Float64Array.from(loads).sort();
    let score = 0;
    for (let i = 0; i < sorted.length; i++) score += (sorted[i] ?? 0) * (2 * i - sorted.length + 1);
    return score;
  }
}
