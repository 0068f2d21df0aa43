/**
 * The one interface the poll loop, the lifecycle and the router call for group membership.
 * Each protocol implements it in its own module; a standalone consumer (assign()) has none.
 */
import type { Ctx } from '../../core/context';
import type { KafkaError } from '../../types';
import type { ConsumerResponse, ConsumerState, MembershipState } from '../../world';
import * as classic from './classic-eager';

export type { Fatal, PollGate } from './classic-eager';

export function newMembership(c: Pick<ConsumerState, 'mode'>): MembershipState {
  return c.mode === 'assign' ? { groupProtocol: 'none' } : classic.newClassicMembership();
}

/** Called first in poll(): may the consumer fetch now? A join may take the thread over. */
export function pollGate(ctx: Ctx, c: ConsumerState): classic.PollGate {
  const m = c.membership;
  return m.groupProtocol === 'classic' ? classic.pollGate(ctx, c, m) : 'ready';
}

/** A blocked commitSync in onJoinPrepare answered: revoke and send the JoinGroup. */
export function continueJoin(ctx: Ctx, c: ConsumerState): void {
  const m = c.membership;
  if (m.groupProtocol === 'classic') classic.revokeAndJoin(ctx, c, m);
}

export function onGroupResponse(
  ctx: Ctx,
  c: ConsumerState,
  correlationId: number,
  res: Extract<ConsumerResponse, { type: 'JoinGroup' | 'SyncGroup' | 'Heartbeat' }>,
): classic.Fatal | null {
  const m = c.membership;
  if (m.groupProtocol !== 'classic') return null;
  switch (res.type) {
    case 'JoinGroup':
      return classic.onJoinResponse(ctx, c, m, res);
    case 'SyncGroup':
      classic.onSyncResponse(ctx, c, m, res);
      return null;
    case 'Heartbeat':
      classic.onHeartbeatResponse(ctx, c, m, correlationId, res);
      return null;
  }
}


/** A JoinGroup or SyncGroup its coordinator never answered: join (again) at the coordinator found next. */
export function onGroupRequestLost(ctx: Ctx, c: ConsumerState, type: 'JoinGroup' | 'SyncGroup'): void {
  const m = c.membership;
  if (m.groupProtocol === 'classic') classic.onGroupRequestLost(ctx, c, m, type);
}

/** A group error on another answer (a commit): the protocol decides what it means. */
export function onGroupError(c: ConsumerState, error: KafkaError): void {
  const m = c.membership;
  if (m.groupProtocol === 'classic') classic.onGroupError(c, m, error);
}

export function onHeartbeatTimer(ctx: Ctx, c: ConsumerState): void {
  const m = c.membership;
  if (m.groupProtocol === 'classic') classic.onHeartbeatTimer(ctx, c, m);
}

/** The heartbeat thread's max.poll.interval.ms check fired and the app really is away. */
export function onPollTimeout(ctx: Ctx, c: ConsumerState): void {
  const m = c.membership;
  if (m.groupProtocol === 'classic') classic.onPollTimeout(ctx, c, m);
}

/** close(): give the partitions up (onPartitionsRevoked) and leave the group. */
export function leaveOnClose(ctx: Ctx, c: ConsumerState): void {
  const m = c.membership;
  if (m.groupProtocol !== 'classic') return;
  classic.releaseAll(ctx, c, m);
  classic.leaveGroup(ctx, c, m, 'the consumer is being closed');
}
