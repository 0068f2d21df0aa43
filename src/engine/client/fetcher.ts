/**
 * The consumer's fetcher: fetches run ahead of poll() into a buffer, and poll() returns up to
 * max.poll.records from it. Like Kafka's, a fetch goes out for owned partitions that have
 * nothing buffered and no fetch in flight, both before poll() waits and right after it
 * returns records, so the next data is on its way while the app processes this batch.
 */
import type { Ctx } from '../core/context';
import { sendFetch } from '../core/network';
import type { OffsetRange } from '../types';
import type { ConsumerState } from '../world';
import { wakeLoop } from './thread';

export function sendFetchIfNeeded(ctx: Ctx, c: ConsumerState): void {
  if (c.fetchInFlight !== null || c.owned.length === 0) return;
  const buffered = bufferedPartitions(c);
  const offsets: Record<string, number> = {};
  let asked = 0;
  const n = c.owned.length;
  // Start one partition further each time, so that fetch.max.bytes starves none of them.
  const start = c.rotation % n;
  c.rotation = (start + 1) % n;
  for (let i = 0; i < n; i++) {
    const partition = c.owned[(start + i) % n]!;
    const position = c.position[partition];
    if (position === undefined || buffered?.has(partition)) continue;
    offsets[partition] = position;
    asked += 1;
  }
  if (asked === 0) return;
  const fetchId = c.nextFetchId;
  c.nextFetchId += 1;
  c.fetchInFlight = fetchId;
  sendFetch(ctx, c, {
    consumerId: c.consumerId,
    incarnation: c.incarnation,
    fetchId,
    offsets,
    minBytes: c.config.fetchMinBytes,
    maxBytes: c.config.fetchMaxBytes,
    maxPartitionBytes: c.config.maxPartitionFetchBytes,
    maxWaitMs: c.config.fetchMaxWaitMs,
  });
}

/** Keeps what still follows the position of a partition the consumer owns; drops the rest. */
export function onFetchResponse(ctx: Ctx, c: ConsumerState, fetchId: number, ranges: OffsetRange[]): void {
  if (fetchId !== c.fetchInFlight) return;
  c.fetchInFlight = null;
  // Sets, not a scan per range: a consumer may own hundreds of partitions.
  const owned = ranges.length > 4 && c.owned.length > 16 ? new Set(c.owned) : null;
  // A response names each partition once (its request's offsets are keyed by partition).
  const buffered = bufferedPartitions(c);
  for (const range of ranges) {
    if (!(owned ? owned.has(range.partition) : c.owned.includes(range.partition))) continue;
    if (c.position[range.partition] !== range.from || buffered?.has(range.partition)) continue;
    c.fetchBuffer.push({ partition: range.partition, from: range.from, to: range.to });
  }
  wakeLoop(ctx, c);
}

/** The partitions with records in the fetch buffer; null when it is empty (most of the time: no Set to build). */
function bufferedPartitions(c: ConsumerState): Set<string> | null {
  return c.fetchBuffer.length === 0 ? null : new Set(c.fetchBuffer.map((r) => r.partition));
}

/** What poll() returns: up to max.poll.records (or `limit`) from the buffer; positions move past them. */
export function takeBuffered(c: ConsumerState, limit = c.config.maxPollRecords): { ranges: OffsetRange[]; count: number } | null {
  let count = 0;
  const ranges: OffsetRange[] = [];
  const rest: OffsetRange[] = [];
  for (const range of c.fetchBuffer) {
    if (count >= limit) {
      rest.push(range);
      continue;
    }
    const take = Math.min(range.to - range.from, limit - count);
    ranges.push({ partition: range.partition, from: range.from, to: range.from + take });
    c.position[range.partition] = range.from + take;
    count += take;
    if (range.from + take < range.to) rest.push({ partition: range.partition, from: range.from + take, to: range.to });
  }
  c.fetchBuffer = rest;
  return count > 0 ? { ranges, count } : null;
}

/** Fetched data for partitions no longer owned, or whose position was reset, is thrown away. */
export function dropBuffered(c: ConsumerState, partitions?: readonly string[]): void {
  c.fetchBuffer = partitions ? c.fetchBuffer.filter((r) => !partitions.includes(r.partition)) : [];
}
