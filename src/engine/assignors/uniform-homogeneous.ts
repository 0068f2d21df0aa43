import type { BrokerModel } from './broker-model';

/**
 * Kafka's UniformHomogeneousAssignmentBuilder (group-coordinator), for groups where every
 * member subscribes the same topics. minQuota = floor(P/M); the first P mod M members in
 * the broker's member order get one more. Each member keeps its current partitions up to
 * its quota (topic by topic, partitions ascending); the rest, and the partitions nobody
 * holds, go to the members still short of their quota, in member order.
 *
 * Returns the owner of each partition id (-1 only for partitions of unsubscribed topics).
 */
export function uniformHomogeneous(model: BrokerModel): Int32Array {
  const { order, current, memberTopics, topicStart, partitionTopic, totalPartitions } = model;
  const owner = new Int32Array(totalPartitions).fill(-1);
  const first = order[0];
  if (first === undefined) return owner;
  // The group's subscription: that of the first member (all are equal).
  const topicSubscribed = new Uint8Array(model.topics.length);
  for (const t of memberTopics[first] ?? []) topicSubscribed[t] = 1;

  const heldNow = new Uint8Array(totalPartitions);
  for (const list of current) for (const p of list) heldNow[p] = 1;
  const unassigned: number[] = [];
  let total = 0;
  for (let t = 0; t < model.topics.length; t++) {
    if (topicSubscribed[t] === 0) continue;
    const end = topicStart[t + 1] ?? 0;
    for (let p = topicStart[t] ?? 0; p < end; p++) if (heldNow[p] === 0) unassigned.push(p);
    total += end - (topicStart[t] ?? 0);
  }
  if (total === 0) return owner;

  const minQuota = Math.floor(total / order.length);
  let extra = total % order.length;
  const unfilled: number[] = [];
  const remaining = new Int32Array(model.memberIds.length);
  for (const m of order) {
    let quota = minQuota;
    if (extra > 0) {
      quota++;
      extra--;
    }
    const mine = current[m] ?? new Int32Array(0);
    // Topic by topic: a topic that fits in the remaining quota is kept whole, else partly.
    let i = 0;
    while (i < mine.length) {
      const t = partitionTopic[mine[i] ?? 0] ?? 0;
      let j = i;
      while (j < mine.length && partitionTopic[mine[j] ?? 0] === t) j++;
      if (topicSubscribed[t] === 1) {
        for (let k = i; k < j; k++) {
          const p = mine[k] ?? 0;
          if (quota > 0) {
            owner[p] = m;
            quota--;
          } else {
            unassigned.push(p);
          }
        }
      }
      i = j;
    }
    if (quota > 0) {
      unfilled.push(m);
      remaining[m] = quota;
    }
  }

  let next = 0;
  for (const m of unfilled) {
    for (let q = remaining[m] ?? 0; q > 0 && next < unassigned.length; q--) owner[unassigned[next++] ?? 0] = m;
  }
  if (next < unassigned.length) throw new Error('uniform assignor: partitions were left unassigned');
  return owner;
}
