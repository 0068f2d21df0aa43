/**
 * Moving a member to a new assignment without a full stop, shared by the classic
 * cooperative protocol (ConsumerCoordinator.onJoinComplete) and the consumer protocol
 * (AbstractMembershipManager.maybeReconcile): the listener's commit of what it processed on
 * the partitions going away, onPartitionsRevoked for them, onPartitionsAssigned for the new.
 */
import type { Ctx } from '../../core/context';
import type { ConsumerState } from '../../world';
import { sendCommit } from '../commits';
import { dropBuffered } from '../fetcher';

/**
 * A listener that commits on revocation commitSyncs the positions of the partitions it is
 * about to give up, once per revocation (`state.revokeCommitted`). True while that commit
 * holds the application thread.
 */
export function commitBeforeRevoke(ctx: Ctx, c: ConsumerState, revoked: string[], state: { revokeCommitted: boolean }): boolean {
  if (revoked.length === 0 || c.onRevoked !== 'commit' || state.revokeCommitted) return false;
  state.revokeCommitted = true;
  const offsets = Object.fromEntries(revoked.flatMap((p) => (c.position[p] === undefined ? [] : [[p, c.position[p]!]])));
  c.loop = { kind: 'committing', then: 'poll' };
  return sendCommit(ctx, c, 'sync', 'poll', offsets);
}

/**
 * The member owns `target` now: what it loses is revoked (onPartitionsRevoked, its positions
 * and buffered records dropped), what it gains is assigned (onPartitionsAssigned, called even
 * with nothing new, as Kafka does). Kept partitions keep their positions.
 */
export function moveToAssignment(ctx: Ctx, c: ConsumerState, target: readonly string[]): { revoked: string[]; added: string[] } {
  const revoked = c.owned.filter((p) => !target.includes(p));
  const added = target.filter((p) => !c.owned.includes(p));
  if (revoked.length > 0) {
    ctx.emit({ type: 'PartitionsRevoked', consumerId: c.consumerId, groupId: c.groupId, partitions: revoked });
    for (const partition of revoked) {
      delete c.position[partition];
      delete c.processedOffsets[partition];
    }
    dropBuffered(c, revoked);
  }
  c.owned = [...c.owned.filter((p) => target.includes(p)), ...added];
  ctx.emit({ type: 'PartitionsAssigned', consumerId: c.consumerId, groupId: c.groupId, partitions: added });
  return { revoked, added };
}
