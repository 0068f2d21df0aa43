import type { BrokerModel } from './broker-model';

const NONE = new Int32Array(0);

/**
 * Kafka's UniformHomogeneousAssignmentBuilder (group-coordinator), for groups where every
 * member subscribes the same topics. minQuota = floor(P/M); the first P mod M members in
 * the broker's member order get one more. Each member keeps its current partitions up to
 * its quota (topic by topic, partitions ascending); the rest, and the partitions nobody
 * holds, go to the members still short of their quota, in member order.
 *
 * Returns each member's partitions (input member order), ascending ids. A member that keeps
 * exactly its current target gets that very array back, so an unchanged result costs nothing.
 */
export function uniformHomogeneous(model: BrokerModel): Int32Array[] {
  const { order, current, memberTopics, topicStart, partitionTopic, totalPartitions } = model;
  const lists: Int32Array[] = model.memberIds.map(() => NONE);
  const first = order[0];
  if (first === undefined) return lists;
  // The group's subscription: that of the first member (all are equal).
  const topicSubscribed = new Uint8Array(model.topics.length);
  for (const t of memberTopics[first] ?? []) topicSubscribed[t] = 1;
  // Every topic of the space is subscribed when the group is homogeneous; still checked.
  const allSubscribed = topicSubscribed.every((x) => x === 1);
  const heldNow = model.held;
  let total = 0;
  for (let t = 0; t < model.topics.length; t++) if (topicSubscribed[t] === 1) total += (topicStart[t + 1] ?? 0) - (topicStart[t] ?? 0);
  if (total === 0) return lists;
  // Held partitions outside the subscribed topics are none when every topic is subscribed.
  let free = total - model.heldCount;
  if (!allSubscribed) {
    free = 0;
    for (let t = 0; t < model.topics.length; t++) {
      if (topicSubscribed[t] === 0) continue;
      const end = topicStart[t + 1] ?? 0;
      for (let p = topicStart[t] ?? 0; p < end; p++) free += 1 - (heldNow[p] ?? 0);
    }
  }

  const minQuota = Math.floor(total / order.length);
  // Room for the free partitions and what members give up past their quota, no more: a
  // steady group moves few, and big typed arrays cost the garbage collector more than their fill.
  let room = free;
  {
    let extraLeft = total % order.length;
    for (const m of order) {
      const quota = minQuota + (extraLeft > 0 ? 1 : 0);
      if (extraLeft > 0) extraLeft--;
      room += Math.max(0, (current[m]?.length ?? 0) - quota);
    }
  }
  // Free partitions first (topic by topic), then those revoked below. Nothing held (a
  // fresh group of members on every topic): they are all partitions in id order, shared.
  const fresh = allSubscribed && model.heldCount === 0;
  const unassigned = fresh ? identityIds(total) : new Int32Array(Math.min(room, totalPartitions));
  let unassignedCount = fresh ? total : 0;
  if (free > 0 && !fresh) {
    for (let t = 0; t < model.topics.length; t++) {
      if (topicSubscribed[t] === 0) continue;
      const end = topicStart[t + 1] ?? 0;
      for (let p = topicStart[t] ?? 0; p < end; p++) if (heldNow[p] === 0) unassigned[unassignedCount++] = p;
    }
  }
  let extra = total % order.length;
  const unfilled: number[] = [];
  const remaining = new Int32Array(model.memberIds.length);
  let keptSlab: Int32Array | null = null; // kept parts that are not a member's whole current list
  let keptUsed = 0;
  for (const m of order) {
    let quota = minQuota;
    if (extra > 0) {
      quota++;
      extra--;
    }
    const mine = current[m] ?? NONE;
    if (allSubscribed) {
      // Kept while the quota lasts, in list order (topic by topic, ascending); the rest revoked.
      const kept = Math.min(quota, mine.length);
      quota -= kept;
      lists[m] = kept === mine.length ? mine : mine.subarray(0, kept);
      unassigned.set(mine.subarray(kept), unassignedCount);
      unassignedCount += mine.length - kept;
      if (quota > 0) {
        unfilled.push(m);
        remaining[m] = quota;
      }
      continue;
    }
    let kept = 0;
    let whole = true;
    for (let i = 0; i < mine.length; i++) {
      const p = mine[i] ?? 0;
      if (topicSubscribed[partitionTopic[p] ?? 0] === 0) {
        whole = false;
      } else if (quota > 0) {
        kept++;
        quota--;
      } else {
        whole = false;
        unassigned[unassignedCount++] = p;
      }
    }
    if (whole) {
      lists[m] = mine;
    } else {
      // Some were dropped: copy the kept ones, in order.
      const slab = (keptSlab ??= new Int32Array(totalPartitions));
      let k = keptUsed;
      let left = kept;
      for (let i = 0; i < mine.length && left > 0; i++) {
        const p = mine[i] ?? 0;
        if (topicSubscribed[partitionTopic[p] ?? 0] === 0) continue;
        slab[k++] = p;
        left--;
      }
      lists[m] = slab.subarray(keptUsed, keptUsed + kept);
      keptUsed += kept;
    }
    if (quota > 0) {
      unfilled.push(m);
      remaining[m] = quota;
    }
  }

  // The unassigned ones, in that order, to the members short of their quota; each member's
  // list is its kept part merged with its new part, ascending (a member that kept nothing
  // gets its part of `unassigned` itself). Final lists never overlap.
  let mergedSize = 0;
  for (let i = 0, next = 0; i < unfilled.length && next < unassignedCount; i++) {
    const m = unfilled[i] ?? 0;
    const count = Math.min(remaining[m] ?? 0, unassignedCount - next);
    next += count;
    const keptLength = lists[m]?.length ?? 0;
    if (keptLength > 0 && count > 0) mergedSize += keptLength + count;
  }
  const merged = new Int32Array(mergedSize);
  let mergedUsed = 0;
  let next = 0;
  for (const m of unfilled) {
    const count = Math.min(remaining[m] ?? 0, unassignedCount - next);
    if (count === 0) continue;
    const added = unassigned.subarray(next, next + count);
    next += count;
    if (!fresh && !isAscending(added)) added.sort();
    const kept = lists[m] ?? NONE;
    if (kept.length === 0) {
      lists[m] = added;
      continue;
    }
    const list = merged.subarray(mergedUsed, mergedUsed + kept.length + count);
    mergedUsed += list.length;
    mergeAscending(kept, added, list);
    lists[m] = list;
  }
  if (next < unassignedCount) throw new Error('uniform assignor: partitions were left unassigned');
  return lists;
}

/** Ids 0..n-1, one read-only array kept and grown for all calls (lists handed out are views of it). */
let identity = new Int32Array(0);
function identityIds(n: number): Int32Array {
  if (identity.length < n) {
    identity = new Int32Array(n);
    for (let i = 0; i < n; i++) identity[i] = i;
  }
  return identity.subarray(0, n);
}

function isAscending(ids: Int32Array): boolean {
  for (let i = 1; i < ids.length; i++) if ((ids[i] ?? 0) < (ids[i - 1] ?? 0)) return false;
  return true;
}

/** Merges two ascending lists into `out` (of their total length). */
function mergeAscending(a: Int32Array, b: Int32Array, out: Int32Array): void {
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = (a[i] ?? 0) <= (b[j] ?? 0) ? (a[i++] ?? 0) : (b[j++] ?? 0);
  while (i < a.length) out[k++] = a[i++] ?? 0;
  while (j < b.length) out[k++] = b[j++] ?? 0;
}
