import { javaHashMapOrder } from './java-hash';
import { OwnedParser, ownedNameCount, type OwnedLists } from './partition-names';
import { buildPartitionSpace, type PartitionSpace } from './partition-space';
import type { AssignorInput } from './types';

/**
 * The input of a consumer-protocol (KIP-848) assignor on the broker, as integers: each
 * member's subscription and its current target assignment (`owned` in AssignorInput: the
 * target of the previous group epoch), over a dense partition space.
 */
export interface BrokerModel extends PartitionSpace {
  readonly memberIds: readonly string[];
  /** Member indices in the order the broker's HashMap of member specs iterates them. */
  readonly order: Int32Array;
  /** Each member's current target partitions, ascending ids (topic by name, then partition). */
  readonly current: readonly Int32Array[];
  /** held[p] = 1 when p is in some member's current target. */
  readonly held: Uint8Array;
  /** How many partitions are held (the ones set in `held`). */
  readonly heldCount: number;
  /** GroupSpec.subscriptionType(): every subscribed topic name is subscribed by every member. */
  readonly homogeneous: boolean;
  /** The owned lists as given and as parsed, in the same order, for handing strings back. */
  readonly ownedLists: OwnedLists;
}

/** No partitions: one read-only empty list for every member without any. */
const NONE = new Int32Array(0);

/**
 * Builds the broker model from validated input.
 *
 * Bends two rules, both invisible to members: Kafka iterates topic ids and partition sets
 * in hash order, we by topic name and partition number; and a target assignment never gives
 * one partition to two members, so should the input, the first member in order keeps it.
 * Topics a member subscribes that have no metadata are ignored, as the broker resolves
 * subscriptions against its metadata image.
 */
export function buildBrokerModel(input: AssignorInput): BrokerModel {
  const space = buildPartitionSpace(input);
  const memberIds = input.members.map((m) => m.id);
  const order = javaHashMapOrder(memberIds);
  const parser = new OwnedParser(space, ownedNameCount(input.members));
  const taken = new Uint8Array(space.totalPartitions);
  const current: Int32Array[] = memberIds.map(() => NONE);
  const parsed: Int32Array[] = memberIds.map(() => NONE);
  // Each member's kept claims, one after the other in one slab (made when first needed).
  let slab: Int32Array | null = null;
  let used = 0;
  let heldCount = 0;
  for (const m of order) {
    const claimed = parser.parse(m, input.members[m]?.owned ?? []);
    parsed[m] = claimed;
    // Keep the first claim of each partition. Usually none was claimed before and the list
    // is ascending: then it is kept as given (the same read-only ids, so an unchanged
    // result is seen at once).
    let i = 0;
    for (; i < claimed.length; i++) {
      const p = claimed[i] ?? 0;
      if (taken[p] === 1 || (i > 0 && p < (claimed[i - 1] ?? 0))) break;
      taken[p] = 1;
    }
    heldCount += i;
    if (i === claimed.length) {
      current[m] = claimed;
      continue;
    }
    const out = (slab ??= new Int32Array(ownedNameCount(input.members)));
    const start = used;
    for (let k = 0; k < i; k++) out[used++] = claimed[k] ?? 0;
    let ascending = true;
    for (; i < claimed.length; i++) {
      const p = claimed[i] ?? 0;
      if (taken[p] === 1) continue;
      taken[p] = 1;
      heldCount++;
      if (used > start && p < (out[used - 1] ?? 0)) ascending = false;
      out[used++] = p;
    }
    const kept = out.subarray(start, used);
    current[m] = ascending ? kept : kept.sort();
  }
  return {
    ...space, memberIds, order, current, held: taken, heldCount, homogeneous: isHomogeneous(space, memberIds.length),
    ownedLists: { ids: parsed, names: input.members.map((m, i) => (parser.canonical[i] ? m.owned : undefined)) },
  };
}

/** Every subscribed name (metadata or not) is subscribed by every member: ConsumerGroup.subscriptionType(). */
function isHomogeneous(space: PartitionSpace, members: number): boolean {
  // Members mostly share one subscription array (buildPartitionSpace reuses it): count each once.
  const times = new Map<Int32Array, number>();
  for (const ids of space.rawTopics) times.set(ids, (times.get(ids) ?? 0) + 1);
  const counts = new Int32Array(space.rawTopicNames.length);
  for (const [ids, n] of times) for (let i = 0; i < ids.length; i++) counts[ids[i] ?? 0] = (counts[ids[i] ?? 0] ?? 0) + n;
  return counts.every((count) => count === members);
}

/** Member index -> ascending partition ids, from an owner per partition (-1 = none): one slab, a slice each. */
export function listsFromOwners(owner: Int32Array, memberCount: number): Int32Array[] {
  const offsets = new Int32Array(memberCount + 1);
  for (let p = 0; p < owner.length; p++) {
    const m = owner[p] ?? -1;
    if (m !== -1) offsets[m + 1] = (offsets[m + 1] ?? 0) + 1;
  }
  for (let m = 0; m < memberCount; m++) offsets[m + 1] = (offsets[m + 1] ?? 0) + (offsets[m] ?? 0);
  const slab = new Int32Array(offsets[memberCount] ?? 0);
  const fill = offsets.slice(0, memberCount);
  for (let p = 0; p < owner.length; p++) {
    const m = owner[p] ?? -1;
    if (m === -1) continue;
    const at = fill[m] ?? 0;
    slab[at] = p;
    fill[m] = at + 1;
  }
  return Array.from({ length: memberCount }, (_, m) => slab.subarray(offsets[m] ?? 0, offsets[m + 1] ?? 0));
}
