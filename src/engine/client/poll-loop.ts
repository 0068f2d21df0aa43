/**
 * The application thread: `while (true) { records = poll(); process(records); commit? }`.
 * poll() is also where the classic client joins the group, runs rebalance callbacks and
 * auto-commits, so a thread stuck in processing delays all of those.
 */
import type { Ctx } from '../core/context';
import type { Batch, ConsumerState, Continuation } from '../world';
import { sendCommit } from './commits';
import { sendFetchIfNeeded, takeBuffered } from './fetcher';
import { beginClose, fail, finishClose } from './lifecycle';
import { continueJoin, pollGate } from './membership';
import { mayAutoCommit } from './membership/generation';
import { ensureInRange, hasMissingPosition, requestPositions } from './positions';
import { offsetsAfter, processedSoFar, recordBatch, startProcessing } from './processing';
import { armTimer } from './thread';
import { enterAnalytic, leaveAnalytic, maySkipFetches, settle } from './consumption/analytic';

export function poll(ctx: Ctx, c: ConsumerState): void {
  const { w } = ctx;
  if (c.status !== 'running') return;
  settle(w, c);
  if (w.now < c.stalledUntil) return stalledWait(ctx, c);
  c.pollCount += 1;
  c.lastPollAt = w.now;
  if (c.closing) return beginClose(ctx, c);

  maybeAutoCommit(ctx, c);
  const gate = pollGate(ctx, c);
  // The group wants something of this member: its fetches are simulated again from here.
  if (gate !== 'ready') leaveAnalytic(w, c);
  if (typeof gate === 'object') return fail(ctx, c, gate.exception, gate.message);
  if (gate === 'busy') return;
  if (gate === 'wait') return wait(ctx, c);
  if (hasMissingPosition(c)) {
    const outcome = requestPositions(ctx, c);
    if (!outcome.ok) return fail(ctx, c, outcome.exception, outcome.message);
    if (hasMissingPosition(c)) return wait(ctx, c);
  }
  for (const partition of c.owned) {
    const outcome = ensureInRange(ctx, c, partition);
    if (!outcome.ok) return fail(ctx, c, outcome.exception, outcome.message);
  }
  const taken = takeBuffered(c, pollLimit(ctx, c));
  if (c.consumption !== null && !maySkipFetches(w, c)) leaveAnalytic(w, c);
  // Caught up and nothing can change that: the next fetches are a closed form (consumption/analytic.ts).
  if (c.consumption === null && maySkipFetches(w, c)) enterAnalytic(w, c);
  if (c.consumption === null) sendFetchIfNeeded(ctx, c);
  if (!taken) return wait(ctx, c);
  const batch: Batch = { ranges: taken.ranges, count: taken.count, startedAt: w.now, endsAt: w.now + taken.count * c.processingMs, stalls: [], nextCommitIndex: null };
  ctx.emit({ type: 'RecordsFetched', consumerId: c.consumerId, ranges: batch.ranges, count: batch.count });
  if (c.commit === 'before-processing') {
    // At-most-once: commit what was just returned before touching it.
    c.loop = { kind: 'committing', then: 'process', batch };
    if (sendCommit(ctx, c, 'sync', 'process')) return;
  }
  startProcessing(ctx, c, batch);
}

/**
 * max.poll.records, except in the analytic model for a consumer that processes in no time and
 * commits only by auto commit: there the polls that follow each other within one instant (a
 * backlog after a rebalance, 500 records at a time) are taken as one. Nothing but the number
 * of polls and RecordsFetched events differs: every record is processed at the same instant.
 */
function pollLimit(ctx: Ctx, c: ConsumerState): number {
  return ctx.w.consumptionModel === 'analytic' && c.processingMs === 0 && c.commit === 'auto' ? Infinity : c.config.maxPollRecords;
}

/** Auto commit lives inside poll(): every auto.commit.interval.ms, commitAsync of what earlier polls returned. */
function maybeAutoCommit(ctx: Ctx, c: ConsumerState): void {
  if (!c.config.enableAutoCommit || ctx.w.now < c.nextAutoCommitAt) return;
  c.nextAutoCommitAt = ctx.w.now + c.config.autoCommitIntervalMs;
  if (mayAutoCommit(c.membership)) sendCommit(ctx, c, 'auto', null);
}

/**
 * Blocks in poll() until a fetch answers or an auto commit is due; anything else that needs
 * the thread (a rebalance, an assignment, close) wakes it explicitly with wakeLoop().
 */
function wait(ctx: Ctx, c: ConsumerState): void {
  const { now } = ctx.w;
  const wakeAt = c.config.enableAutoCommit && c.owned.length > 0 ? Math.max(c.nextAutoCommitAt, now + 1) : null;
  c.loop = { kind: 'waiting', wakeAt };
  if (wakeAt !== null) armTimer(ctx, c, 'poll', wakeAt);
}

/** The thread hangs (stallConsumer): it comes back to poll() when the stall ends. */
function stalledWait(ctx: Ctx, c: ConsumerState): void {
  c.loop = { kind: 'waiting', wakeAt: c.stalledUntil };
  armTimer(ctx, c, 'poll', c.stalledUntil);
}

/** The batch is processed: record it in the truth ledger, then commit as the app does. */
export function onBatchDone(ctx: Ctx, c: ConsumerState): void {
  if (c.loop.kind !== 'processing') return;
  const { batch } = c.loop;
  if (ctx.w.now < batch.endsAt) return armTimer(ctx, c, 'batchDone', batch.endsAt);
  flushCommitPoints(ctx, c, batch, batch.count);
  recordBatch(ctx, c, batch.ranges, batch.count);
  afterBatch(ctx, c);
}

function afterBatch(ctx: Ctx, c: ConsumerState): void {
  switch (c.commit) {
    case 'sync':
      c.loop = { kind: 'committing', then: 'poll' };
      if (sendCommit(ctx, c, 'sync', 'poll')) return;
      break;
    case 'async':
    case 'async+sync':
      sendCommit(ctx, c, 'async', null);
      break;
    default:
      break;
  }
  poll(ctx, c);
}

/** Commit 'every-n': the record a commit follows is done (or a stall kept it from being done yet). */
export function onCommitPoint(ctx: Ctx, c: ConsumerState): void {
  if (c.loop.kind !== 'processing') return;
  const { batch } = c.loop;
  const done = processedSoFar(batch, ctx.w.now, c.processingMs);
  flushCommitPoints(ctx, c, batch, done);
  const next = batch.nextCommitIndex;
  if (next === null) return;
  const resumeAt = Math.max(ctx.w.now, c.stalledUntil);
  armTimer(ctx, c, 'commitPoint', Math.max(resumeAt + (next + 1 - done) * c.processingMs, ctx.w.now + 1));
}

/** commitAsync(currentOffsets) for every commit point among the first `done` records. */
function flushCommitPoints(ctx: Ctx, c: ConsumerState, batch: Batch, done: number): void {
  while (batch.nextCommitIndex !== null && batch.nextCommitIndex < done) {
    sendCommit(ctx, c, 'async', null, offsetsAfter(c, batch, batch.nextCommitIndex + 1));
    const next = batch.nextCommitIndex + c.commitEveryRecords;
    batch.nextCommitIndex = next < batch.count ? next : null;
  }
}

/** A blocked commitSync answered: the thread goes on with what it was doing. */
export function resume(ctx: Ctx, c: ConsumerState, then: Continuation): void {
  const pending = c.loop.kind === 'committing' ? c.loop.batch : undefined;
  switch (then) {
    case 'poll':
      return poll(ctx, c);
    case 'rejoin':
      return continueJoin(ctx, c);
    case 'process':
      if (pending) return startProcessing(ctx, c, pending);
      return poll(ctx, c);
    case 'close':
      return finishClose(ctx, c);
  }
}

