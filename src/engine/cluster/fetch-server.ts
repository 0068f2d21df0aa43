/**
 * The partition leader's side of a fetch (Kafka's long poll): it holds a fetch until
 * fetch.min.bytes are available past the fetch offsets or fetch.max.wait.ms has passed,
 * then answers with up to max.partition.fetch.bytes per partition and fetch.max.bytes in
 * all (at least one record, as Kafka returns at least one batch). Simplifications (in the
 * About dialog): every record of a topic has the producer's current record size; one fetch
 * covers all of a consumer's partitions (Kafka sends one per leader broker), and partition
 * leadership is not modelled.
 */
import type { Ctx } from '../core/context';
import { sendFetchResponse } from '../core/network';
import type { OffsetRange } from '../types';
import type { HeldFetch, Task, World } from '../world';
import { logEnd, logEndAt, logStart, parsePartition, timeWhenLogReaches } from './log';

export const DEFAULT_RECORD_BYTES = 1_024;

export function recordBytesOf(w: World, topic: string): number {
  return w.recordBytes[topic] ?? DEFAULT_RECORD_BYTES;
}

export function onFetchArrived(ctx: Ctx, task: Extract<Task, { kind: 'fetch' }>): void {
  const f = task.fetch;
  // Fields listed, not spread: an object spread is a slow path on the busiest line of a fetch.
  const held: HeldFetch = {
    consumerId: f.consumerId, incarnation: f.incarnation, fetchId: f.fetchId, offsets: f.offsets, minBytes: f.minBytes,
    maxBytes: f.maxBytes, maxPartitionBytes: f.maxPartitionBytes, maxWaitMs: f.maxWaitMs, deadline: ctx.w.now + f.maxWaitMs, token: 0,
  };
  ctx.w.heldFetches[held.consumerId] = held;
  check(ctx, held);
}

export function onFetchCheck(ctx: Ctx, consumerId: string, token: number): void {
  const held = ctx.w.heldFetches[consumerId];
  if (held && held.token === token) check(ctx, held);
}

/** Data landed at new times (a producer or the partitions changed): held fetches look again now. */
export function recheckHeldFetches(ctx: Ctx): void {
  for (const held of Object.values(ctx.w.heldFetches)) schedule(ctx, held, ctx.w.now);
}

function check(ctx: Ctx, held: HeldFetch): void {
  const { w } = ctx;
  if (w.now >= held.deadline || bytesAvailable(w, partsOf(held), w.now) >= held.minBytes) {
    delete w.heldFetches[held.consumerId];
    sendFetchResponse(ctx, held.consumerId, held.incarnation, { type: 'Fetch', fetchId: held.fetchId, ranges: take(w, held) });
    return;
  }
  schedule(ctx, held, timeWhenEnough(w, held));
}

function schedule(ctx: Ctx, held: HeldFetch, at: number): void {
  held.token += 1;
  ctx.schedule(at, { kind: 'fetchCheck', consumerId: held.consumerId, token: held.token });
}

/** A partition of a held fetch, parsed once (a held fetch is looked at several times). */
interface FetchPart {
  partition: string;
  topic: string;
  index: number;
  offset: number;
}

/**
 * Derived from the held fetch alone (its offsets never change), so it is kept by identity;
 * a restored world has new objects and parses again. Whether a topic exists is asked at
 * each look: it may be created while the fetch is held.
 */
const partsCache = new WeakMap<HeldFetch, FetchPart[]>();

function partsOf(held: HeldFetch): FetchPart[] {
  const cached = partsCache.get(held);
  if (cached) return cached;
  const parts: FetchPart[] = [];
  for (const partition in held.offsets) {
    const parsed = parsePartition(partition);
    if (parsed) parts.push({ partition, topic: parsed.topic, index: parsed.index, offset: held.offsets[partition]! });
  }
  partsCache.set(held, parts);
  return parts;
}

function bytesAvailable(w: World, parts: readonly FetchPart[], t: number): number {
  let bytes = 0;
  for (const p of parts) {
    if (!Object.hasOwn(w.topics, p.topic)) continue;
    const end = t === w.now ? logEnd(w, p.topic, p.index) : logEndAt(w, p.topic, p.index, t);
    if (end > p.offset) bytes += (end - p.offset) * recordBytesOf(w, p.topic);
  }
  return bytes;
}

/**
 * The first ms at which fetch.min.bytes are there, or the deadline (the producer is a
 * formula). When one record of any partition is enough (fetch.min.bytes=1, the default),
 * the answer is the earliest time one of them gets its next record, read off the producer's
 * formula and then checked against bytesAvailable; otherwise a binary search over time.
 */
export function timeWhenEnough(w: World, held: HeldFetch): number {
  const parts = partsOf(held);
  const hi = held.deadline;
  if (bytesAvailable(w, parts, hi) < held.minBytes) return hi;
  if (parts.every((p) => recordBytesOf(w, p.topic) >= held.minBytes)) {
    let first = hi;
    for (const p of parts) {
      const at = timeWhenLogReaches(w, p.topic, p.index, p.offset);
      if (at !== null && at < first) first = at;
    }
    // The formula's rounding and the predicate's may differ by a ms at an exact boundary:
    // settle on the first ms the predicate itself accepts, as the search would.
    let t = Math.min(Math.max(first, w.now + 1), hi);
    while (t < hi && bytesAvailable(w, parts, t) < held.minBytes) t += 1;
    while (t - 1 > w.now && bytesAvailable(w, parts, t - 1) >= held.minBytes) t -= 1;
    return t;
  }
  return timeWhenEnoughBySearch(w, held);
}

/** The first ms in (now, deadline] with fetch.min.bytes there, by binary search (any fetch.min.bytes). */
export function timeWhenEnoughBySearch(w: World, held: HeldFetch): number {
  const parts = partsOf(held);
  const hi = held.deadline;
  if (bytesAvailable(w, parts, hi) < held.minBytes) return hi;
  let lo = w.now;
  let top = hi;
  while (top - lo > 1) {
    const mid = Math.floor((lo + top) / 2);
    if (bytesAvailable(w, parts, mid) >= held.minBytes) top = mid;
    else lo = mid;
  }
  return top;
}

function take(w: World, held: HeldFetch): OffsetRange[] {
  const ranges: OffsetRange[] = [];
  let budget = held.maxBytes;
  for (const { partition, topic, index, offset } of partsOf(held)) {
    if (!Object.hasOwn(w.topics, topic)) continue;
    // Out of range: nothing comes back; the consumer resets its position on its next poll.
    if (offset < logStart(w, topic, index)) continue;
    const available = logEnd(w, topic, index) - offset;
    if (available <= 0) continue;
    const size = recordBytesOf(w, topic);
    const first = ranges.length === 0;
    const cap = Math.max(1, Math.floor(held.maxPartitionBytes / size));
    const byBudget = Math.floor(budget / size);
    const count = Math.min(available, cap, first ? Math.max(1, byBudget) : byBudget);
    if (count <= 0) break;
    ranges.push({ partition, from: offset, to: offset + count });
    budget -= count * size;
  }
  return ranges;
}
