/**
 * The consumer protocol's reconciliation on the client (AbstractMembershipManager.maybeReconcile
 * and ConsumerMembershipManager), in the application thread at poll(): what a new assignment
 * from the broker takes away is revoked, what it adds is assigned, and the member acknowledges.
 */
import type { Ctx } from '../../core/context';
import type { ConsumerMembership, ConsumerState } from '../../world';
import { sendCommit } from '../commits';
import { dropBuffered } from '../fetcher';
import { sendHeartbeat } from './consumer-heartbeat';
import { commitBeforeRevoke, moveToAssignment } from './revocation';

/**
 * Reconciles the newest assignment (AbstractMembershipManager.maybeReconcile): the auto
 * commit of everything consumed (maybeAutoCommitSyncBeforeRevocation), the listener's
 * commit if it commits on revocation, onPartitionsRevoked for what is gone,
 * onPartitionsAssigned for what is new (called even when nothing is), then the
 * acknowledging heartbeat with the new owned partitions. False while a commitSync holds the thread.
 */
export function reconcile(ctx: Ctx, c: ConsumerState, m: ConsumerMembership): boolean {
  const target = m.pendingAssignment!;
  const revoked = c.owned.filter((p) => !target.includes(p));
  if (c.config.enableAutoCommit && !m.reconcileCommitted) {
    m.reconcileCommitted = true;
    c.loop = { kind: 'committing', then: 'poll' };
    if (sendCommit(ctx, c, 'sync', 'poll')) return false;
  }
  if (commitBeforeRevoke(ctx, c, revoked, m)) return false;
  m.pendingAssignment = null;
  moveToAssignment(ctx, c, target);
  // signalReconciliationCompleting: the auto-commit clock starts again with the new assignment.
  if (c.config.enableAutoCommit) c.nextAutoCommitAt = ctx.w.now + c.config.autoCommitIntervalMs;
  updatePhase(c, m);
  sendHeartbeat(ctx, c, m);
  return true;
}

/** onPartitionsLost when the member is out of the group (fenced, stale); onPartitionsRevoked otherwise. */
export function releaseAll(ctx: Ctx, c: ConsumerState, m: ConsumerMembership): void {
  if (c.owned.length > 0) {
    const lost = m.fenced || m.memberEpoch <= 0;
    ctx.emit({ type: lost ? 'PartitionsLost' : 'PartitionsRevoked', consumerId: c.consumerId, groupId: c.groupId, partitions: [...c.owned] });
  }
  for (const partition of c.owned) delete c.processedOffsets[partition];
  dropBuffered(c);
  c.owned = [];
  c.position = {};
  m.fenced = false;
}

/** The snapshot's phase, from where the member stands. */
export function updatePhase(c: ConsumerState, m: ConsumerMembership): void {
  if (m.state === 'joining') m.phase = 'joining';
  else if (m.state !== 'member') m.phase = 'none';
  else m.phase = m.pendingAssignment !== null || (m.target !== null && m.target.join(',') !== [...c.owned].sort().join(',')) ? 'reconciling' : 'stable';
}
