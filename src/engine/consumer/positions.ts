/**
 * Where a consumer starts reading a newly owned partition: the group's committed offset
 * (OffsetFetch), or auto.offset.reset when there is none.
 */
import type { Ctx } from '../core/context';
import { logEnd, logStart, parsePartition } from '../cluster/log';
import { sendToCoordinator } from '../core/network';
import { recordStartPosition } from '../ledger/ledger';
import type { ConsumerResponse, ConsumerState } from '../world';
import { crash } from './lifecycle';
import { wakeLoop } from './poll-loop';

export function missingPositions(c: ConsumerState): string[] {
  return c.owned.filter((p) => c.position[p] === undefined);
}

export function requestPositions(ctx: Ctx, c: ConsumerState): void {
  const missing = missingPositions(c);
  if (missing.length === 0 || c.offsetFetchInFlight) return;
  if (c.groupId === null) {
    for (const partition of missing) resetPosition(ctx, c, partition);
    return;
  }
  c.offsetFetchInFlight = true;
  sendToCoordinator(ctx, {
    type: 'OffsetFetch', groupId: c.groupId, consumerId: c.consumerId, incarnation: c.incarnation, partitions: missing,
  });
}

export function onOffsetFetchResponse(
  ctx: Ctx,
  c: ConsumerState,
  res: Extract<ConsumerResponse, { type: 'OffsetFetch' }>,
): void {
  c.offsetFetchInFlight = false;
  for (const [partition, committed] of Object.entries(res.committed)) {
    if (!c.owned.includes(partition) || c.position[partition] !== undefined) continue;
    if (committed === null) {
      if (!resetPosition(ctx, c, partition)) return;
      continue;
    }
    c.position[partition] = committed;
    if (c.groupId !== null) recordStartPosition(ctx.w, c.groupId, partition, committed);
  }
  wakeLoop(ctx, c);
}

/** auto.offset.reset: earliest = log start, latest = log end, none = the app gets an error. */
function resetPosition(ctx: Ctx, c: ConsumerState, partition: string): boolean {
  const parsed = parsePartition(partition);
  if (!parsed) return true;
  const strategy = c.config.autoOffsetReset;
  if (strategy === 'none') {
    crash(ctx, c, `NoOffsetForPartitionException: ${partition} has no committed offset and auto.offset.reset=none`);
    return false;
  }
  const offset = strategy === 'earliest' ? logStart(ctx.w, parsed.topic, parsed.index) : logEnd(ctx.w, parsed.topic, parsed.index);
  c.position[partition] = offset;
  if (c.groupId !== null) recordStartPosition(ctx.w, c.groupId, partition, offset);
  ctx.emit({ type: 'OffsetReset', consumerId: c.consumerId, partition, strategy, offset });
  return true;
}
