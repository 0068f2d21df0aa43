/**
 * Batch accounting: the records poll() returned, processed one after another at the
 * consumer's processing time, paused by stalls; what is done goes to the truth ledger.
 */
import type { Ctx } from '../core/context';
import { recordProcessedRanges } from '../ledger/ledger';
import type { OffsetRange } from '../types';
import type { Batch, ConsumerState } from '../world';
import { armPollTimeout, armTimer } from './thread';

export function startProcessing(ctx: Ctx, c: ConsumerState, batch: Batch): void {
  c.loop = { kind: 'processing', batch };
  if (c.commit === 'every-n') {
    // The seed's loop: `if (count % N == 0) commitAsync(currentOffsets); count++` per record.
    const n = c.commitEveryRecords;
    const first = (n - (c.processedCount % n)) % n;
    batch.nextCommitIndex = first < batch.count ? first : null;
    if (batch.nextCommitIndex !== null) armTimer(ctx, c, 'commitPoint', batch.startedAt + (batch.nextCommitIndex + 1) * c.processingMs);
  }
  armTimer(ctx, c, 'batchDone', batch.endsAt);
  armPollTimeout(ctx, c);
}

/** The seed's currentOffsets after the first `done` records of the batch: the next offset per partition. */
export function offsetsAfter(c: ConsumerState, batch: Batch, done: number): Record<string, number> {
  const offsets: Record<string, number> = {};
  for (const partition of c.owned) {
    const processed = c.processedOffsets[partition];
    if (processed !== undefined) offsets[partition] = processed;
  }
  let left = done;
  for (const range of batch.ranges) {
    if (left <= 0) break;
    const taken = Math.min(range.to - range.from, left);
    offsets[range.partition] = range.from + taken;
    left -= taken;
  }
  return offsets;
}

/** Records processed ranges; on a crash only the prefix finished by `now` counts. */
export function recordBatch(ctx: Ctx, c: ConsumerState, ranges: OffsetRange[], count: number): void {
  if (count <= 0) return;
  let total = 0;
  for (const r of ranges) total += r.to - r.from;
  // The whole batch, as almost always: its ranges as they are (nothing mutates them).
  const done = count >= total ? ranges : prefixOf(ranges, count);
  if (c.groupId !== null) recordProcessedRanges(ctx.w, c.groupId, done);
  let processed = 0;
  for (const r of done) {
    c.processedOffsets[r.partition] = r.to;
    processed += r.to - r.from;
  }
  c.processedCount += processed;
  ctx.emit({ type: 'RecordsProcessed', consumerId: c.consumerId, ranges: done, count });
}

/** The first `count` records of the ranges, as ranges. */
function prefixOf(ranges: OffsetRange[], count: number): OffsetRange[] {
  let left = count;
  const done: OffsetRange[] = [];
  for (const range of ranges) {
    if (left <= 0) break;
    const to = Math.min(range.to, range.from + left);
    done.push({ partition: range.partition, from: range.from, to });
    left -= to - range.from;
  }
  return done;
}

/** How many records of the batch were finished by `now`, given stalls that paused the work. */
export function processedSoFar(batch: Batch, now: number, processingMs: number): number {
  if (processingMs <= 0) return batch.count;
  const paused = batch.stalls.reduce((sum, [from, to]) => sum + Math.max(0, Math.min(to, now) - from), 0);
  return Math.min(batch.count, Math.max(0, Math.floor((now - batch.startedAt - paused) / processingMs)));
}
