/**
 * Batch accounting: the records poll() returned, processed one after another at the
 * consumer's processing time, paused by stalls; what is done goes to the truth ledger.
 */
import type { Ctx } from '../core/context';
import { recordProcessed } from '../ledger/ledger';
import type { OffsetRange } from '../types';
import type { Batch, ConsumerState } from '../world';
import { armPollTimeout, armTimer } from './thread';

export function startProcessing(ctx: Ctx, c: ConsumerState, batch: Batch): void {
  c.loop = { kind: 'processing', batch };
  armTimer(ctx, c, 'batchDone', batch.endsAt);
  armPollTimeout(ctx, c);
}

/** Records processed ranges; on a crash only the prefix finished by `now` counts. */
export function recordBatch(ctx: Ctx, c: ConsumerState, ranges: OffsetRange[], count: number): void {
  if (count <= 0) return;
  let left = count;
  const done: OffsetRange[] = [];
  for (const range of ranges) {
    if (left <= 0) break;
    const to = Math.min(range.to, range.from + left);
    done.push({ partition: range.partition, from: range.from, to });
    left -= to - range.from;
  }
  if (c.groupId !== null) {
    for (const r of done) recordProcessed(ctx.w, c.groupId, r.partition, r.from, r.to);
  }
  ctx.emit({ type: 'RecordsProcessed', consumerId: c.consumerId, ranges: done, count });
}

/** How many records of the batch were finished by `now`, given stalls that paused the work. */
export function processedSoFar(batch: Batch, now: number, processingMs: number): number {
  if (processingMs <= 0) return batch.count;
  const paused = batch.stalls.reduce((sum, [from, to]) => sum + Math.max(0, Math.min(to, now) - from), 0);
  return Math.min(batch.count, Math.max(0, Math.floor((now - batch.startedAt - paused) / processingMs)));
}
