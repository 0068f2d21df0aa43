/**
 * Offset commits from the client: commitSync blocks the poll loop until the answer,
 * commitAsync does not and is never retried, auto commit is an async commit inside poll().
 * What the client does after an answer is kept here, by correlation id, not on the wire.
 */
import type { Ctx } from '../core/context';
import { sendToCoordinator } from '../core/network';
import type { KafkaError } from '../types';
import type { ConsumerResponse, ConsumerState, Continuation } from '../world';
import { commitGeneration } from './membership/generation';

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
 * Sends an OffsetCommit of the consumed positions. Returns false when nothing was sent
 * (no group, nothing owned, or the client refused it): a sync caller then continues at once.
 */
export function sendCommit(
  ctx: Ctx,
  c: ConsumerState,
  mode: 'sync' | 'async' | 'auto',
  then: Continuation | null,
  offsets: Record<string, number> = consumedOffsets(c),
): boolean {
  if (c.groupId === null) return false;
  if (Object.keys(offsets).length === 0) return false;
  const as = commitGeneration(c.membership);
  if (typeof as === 'string') {
    // Nothing is sent: the committed offset does not move, the app gets the exception.
    ctx.emit({ type: 'OffsetCommitRefused', consumerId: c.consumerId, groupId: c.groupId, mode, exception: as, offsets });
    return false;
  }
  ctx.emit({ type: 'OffsetCommitSent', consumerId: c.consumerId, groupId: c.groupId, mode, offsets });
  const correlationId = sendToCoordinator(ctx, c, {
    type: 'OffsetCommit',
    groupId: c.groupId,
    consumerId: c.consumerId,
    incarnation: c.incarnation,
    memberId: as.memberId,
    generation: as.generation,
    offsets,
  });
  c.pendingCommits[correlationId] = { mode, then };
  return true;
}

export interface CommitOutcome {
  /** The continuation a blocked commitSync resumes with, if this answer unblocks it. */
  resume: Continuation | null;
  error: KafkaError | null;
}

/** Handles a commit's answer; the caller routes a group error to the membership. */
export function onCommitResponse(
  ctx: Ctx,
  c: ConsumerState,
  correlationId: number,
  response: Extract<ConsumerResponse, { type: 'OffsetCommit' }>,
): CommitOutcome {
  const pending = c.pendingCommits[correlationId];
  delete c.pendingCommits[correlationId];
  const groupId = c.groupId ?? '';
  if (response.error === null) {
    ctx.emit({ type: 'OffsetCommitted', consumerId: c.consumerId, groupId, offsets: response.offsets });
  } else {
    ctx.emit({ type: 'OffsetCommitFailed', consumerId: c.consumerId, groupId, error: response.error, offsets: response.offsets });
  }
  const blocked = pending !== undefined && c.loop.kind === 'committing' && pending.mode === 'sync' && pending.then === c.loop.then;
  return { resume: blocked ? pending.then : null, error: response.error };
}
