/**
 * Where a consumer starts reading a newly owned partition: the group's committed offset
 * (OffsetFetch), or auto.offset.reset when there is none. It reports a fatal outcome
 * (auto.offset.reset=none) instead of acting on it: the caller decides what dies.
 */
import type { Ctx } from '../core/context';
import { logEnd, logStart, parsePartition } from '../cluster/log';
import { sendToCoordinator } from '../core/network';
import { recordSkipped, recordStartPosition } from '../ledger/ledger';
import { dropBuffered } from './fetcher';
import type { ConsumerResponse, ConsumerState } from '../world';

/** Positions resolved, or the exception poll() throws to the application. */
export type PositionOutcome = { ok: true } | { ok: false; exception: string; message: string };

const OK: PositionOutcome = { ok: true };

export function missingPositions(c: ConsumerState): string[] {
  return c.owned.filter((p) => c.position[p] === undefined);
}

/** Whether some owned partition has no position yet (poll() asks at every call: no list built). */
export function hasMissingPosition(c: ConsumerState): boolean {
  for (const p of c.owned) if (c.position[p] === undefined) return true;
  return false;
}

export function requestPositions(ctx: Ctx, c: ConsumerState): PositionOutcome {
  const missing = missingPositions(c);
  if (missing.length === 0 || c.offsetFetchInFlight) return OK;
  if (c.groupId === null) {
    for (const partition of missing) {
      const outcome = resetPosition(ctx, c, partition);
      if (!outcome.ok) return outcome;
    }
    return OK;
  }
  c.offsetFetchInFlight = true;
  sendToCoordinator(ctx, c, {
    type: 'OffsetFetch', groupId: c.groupId, consumerId: c.consumerId, incarnation: c.incarnation, partitions: missing,
  });
  return OK;
}

export function onOffsetFetchResponse(
  ctx: Ctx,
  c: ConsumerState,
  res: Extract<ConsumerResponse, { type: 'OffsetFetch' }>,
): PositionOutcome {
  c.offsetFetchInFlight = false;
  const owned = new Set(c.owned);
  for (const [partition, committed] of Object.entries(res.committed)) {
    if (!owned.has(partition) || c.position[partition] !== undefined) continue;
    if (committed === null) {
      const outcome = resetPosition(ctx, c, partition);
      if (!outcome.ok) return outcome;
      continue;
    }
    if (c.groupId !== null) recordStartPosition(ctx.w, c.groupId, partition, committed);
    c.position[partition] = committed;
    // A committed offset retention has deleted (or past the log end) is out of range.
    const outcome = ensureInRange(ctx, c, partition);
    if (!outcome.ok) return outcome;
  }
  return OK;
}

/**
 * OffsetOutOfRange: the position is below the log start (retention deleted those records)
 * or past the log end. auto.offset.reset applies; what it jumps over is skipped.
 */
export function ensureInRange(ctx: Ctx, c: ConsumerState, partition: string): PositionOutcome {
  const parsed = parsePartition(partition);
  const position = c.position[partition];
  if (!parsed || position === undefined) return OK;
  const start = logStart(ctx.w, parsed.topic, parsed.index);
  const end = logEnd(ctx.w, parsed.topic, parsed.index);
  if (position >= start && position <= end) return OK;
  if (c.config.autoOffsetReset === 'none') {
    return {
      ok: false,
      exception: 'OffsetOutOfRangeException',
      message: `${partition}: offset ${position} is out of range [${start}, ${end}] and auto.offset.reset=none`,
    };
  }
  delete c.position[partition];
  dropBuffered(c, [partition]);
  const outcome = resetPosition(ctx, c, partition);
  const to = c.position[partition];
  if (outcome.ok && to !== undefined && to > position && c.groupId !== null) recordSkipped(ctx.w, c.groupId, partition, position, to);
  return outcome;
}

/** auto.offset.reset: earliest = log start, latest = log end, none = the app gets an error. */
function resetPosition(ctx: Ctx, c: ConsumerState, partition: string): PositionOutcome {
  const parsed = parsePartition(partition);
  if (!parsed) return OK;
  const strategy = c.config.autoOffsetReset;
  if (strategy === 'none') {
    return {
      ok: false,
      exception: 'NoOffsetForPartitionException',
      message: `${partition} has no committed offset and auto.offset.reset=none`,
    };
  }
  const offset = strategy === 'earliest' ? logStart(ctx.w, parsed.topic, parsed.index) : logEnd(ctx.w, parsed.topic, parsed.index);
  c.position[partition] = offset;
  if (c.groupId !== null) recordStartPosition(ctx.w, c.groupId, partition, offset);
  ctx.emit({ type: 'OffsetReset', consumerId: c.consumerId, partition, strategy, offset });
  return OK;
}
