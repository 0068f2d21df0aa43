/**
 * Offset commits from the client: commitSync blocks the poll loop until the answer,
 * commitAsync does not and is never retried, auto commit is an async commit inside poll().
 */
import type { Ctx } from '../core/context';
import { sendToCoordinator } from '../core/network';
import type { ConsumerResponse, ConsumerState } from '../world';

export type Continuation = 'poll' | 'rejoin' | 'process' | 'close';

/** The positions of what poll() has returned so far: the next offsets to read. */
export function consumedOffsets(c: ConsumerState): Record<string, number> {
  const offsets: Record<string, number> = {};
  for (const partition of c.owned) {
    const position = c.position[partition];
    if (position !== undefined) offsets[partition] = position;
  }
  return offsets;
}

/**
 * Sends an OffsetCommit of the consumed positions. Returns false when there is nothing to
 * commit (no group, nothing owned): a sync caller then continues at once.
 */
export function sendCommit(ctx: Ctx, c: ConsumerState, mode: 'sync' | 'async' | 'auto', then: Continuation | null): boolean {
  if (c.groupId === null) return false;
  const offsets = consumedOffsets(c);
  if (Object.keys(offsets).length === 0) return false;
  ctx.emit({ type: 'OffsetCommitSent', consumerId: c.consumerId, groupId: c.groupId, mode, offsets });
  sendToCoordinator(ctx, {
    type: 'OffsetCommit',
    groupId: c.groupId,
    consumerId: c.consumerId,
    incarnation: c.incarnation,
    memberId: c.mode === 'assign' ? null : c.memberId,
    generation: c.mode === 'assign' ? -1 : c.generation,
    offsets,
    mode,
    then,
  });
  return true;
}

/** Handles the commit's answer; returns the continuation a blocked commitSync resumes with. */
export function onCommitResponse(
  ctx: Ctx,
  c: ConsumerState,
  response: Extract<ConsumerResponse, { type: 'OffsetCommit' }>,
): Continuation | null {
  const groupId = c.groupId ?? '';
  if (response.error === null) {
    ctx.emit({ type: 'OffsetCommitted', consumerId: c.consumerId, groupId, offsets: response.offsets });
  } else {
    ctx.emit({ type: 'OffsetCommitFailed', consumerId: c.consumerId, groupId, error: response.error, offsets: response.offsets });
    if (c.mode !== 'assign') reactToGroupError(c, response.error);
  }
  const blocked = c.loop.kind === 'committing' && response.mode === 'sync' && response.then === c.loop.then;
  return blocked ? response.then : null;
}

/**
 * How the classic client reacts to a group error on any response: a rebalance means
 * rejoin; an unknown member or stale generation means it was fenced, and the partitions it
 * holds are lost, not revoked (it must not commit them).
 */
export function reactToGroupError(c: ConsumerState, error: string): void {
  if (error === 'REBALANCE_IN_PROGRESS') {
    c.rejoinNeeded = true;
  } else if (error === 'UNKNOWN_MEMBER_ID' || error === 'ILLEGAL_GENERATION') {
    if (error === 'UNKNOWN_MEMBER_ID' && c.config.instanceId === null) c.memberId = null;
    c.generation = -1;
    c.fenced = c.owned.length > 0;
    c.phase = 'none';
    c.rejoinNeeded = true;
  }
}
