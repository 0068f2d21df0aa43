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
import { logEnd, logEndAt, logStart, parsePartition } from './log';

export const DEFAULT_RECORD_BYTES = 1_024;

export function recordBytesOf(w: World, topic: string): number {
  return w.recordBytes[topic] ?? DEFAULT_RECORD_BYTES;
}

export function onFetchArrived(ctx: Ctx, task: Extract<Task, { kind: 'fetch' }>): void {
  const held: HeldFetch = { ...task.fetch, deadline: ctx.w.now + task.fetch.maxWaitMs, token: 0 };
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
  if (bytesAvailable(w, held, w.now) >= held.minBytes || w.now >= held.deadline) {
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

function bytesAvailable(w: World, held: HeldFetch, t: number): number {
  let bytes = 0;
  for (const [partition, offset] of Object.entries(held.offsets)) {
    const parsed = parsePartition(partition);
    if (!parsed || !Object.hasOwn(w.topics, parsed.topic)) continue;
    const end = t === w.now ? logEnd(w, parsed.topic, parsed.index) : logEndAt(w, parsed.topic, parsed.index, t);
    bytes += Math.max(0, end - offset) * recordBytesOf(w, parsed.topic);
  }
  return bytes;
}

/** The first ms at which fetch.min.bytes are there, or the deadline (the producer is a formula). */
function timeWhenEnough(w: World, held: HeldFetch): number {
  let lo = w.now;
  let hi = held.deadline;
  if (bytesAvailable(w, held, hi) < held.minBytes) return hi;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (bytesAvailable(w, held, mid) >= held.minBytes) hi = mid;
    else lo = mid;
  }
  return hi;
}

function take(w: World, held: HeldFetch): OffsetRange[] {
  const ranges: OffsetRange[] = [];
  let budget = held.maxBytes;
  for (const [partition, offset] of Object.entries(held.offsets)) {
    const parsed = parsePartition(partition);
    if (!parsed || !Object.hasOwn(w.topics, parsed.topic)) continue;
    // Out of range: nothing comes back; the consumer resets its position on its next poll.
    if (offset < logStart(w, parsed.topic, parsed.index)) continue;
    const available = logEnd(w, parsed.topic, parsed.index) - offset;
    if (available <= 0) continue;
    const size = recordBytesOf(w, parsed.topic);
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
