/**
 * The one interface the poll loop, the lifecycle and the router call for group membership.
 * Each protocol implements it in its own module: classic.ts (JoinGroup/SyncGroup, eager or
 * cooperative) and consumer-protocol.ts (KIP-848's ConsumerGroupHeartbeat); a standalone
 * consumer (assign()) has none.
 */
import type { Ctx } from '../../core/context';
import type { KafkaError } from '../../types';
import type { ConsumerResponse, ConsumerState, MembershipState } from '../../world';
import * as classic from './classic';
import * as consumer from './consumer-protocol';

export type { Fatal, PollGate } from './classic';

export function newMembership(c: Pick<ConsumerState, 'mode' | 'config'>): MembershipState {
  if (c.mode === 'assign') return { groupProtocol: 'none' };
  return c.config.groupProtocol === 'consumer' ? consumer.newConsumerMembership(c) : classic.newClassicMembership(c);
}

/** Called first in poll(): may the consumer fetch now? A join or a reconciliation may take the thread over. */
export function pollGate(ctx: Ctx, c: ConsumerState): classic.PollGate {
  const m = c.membership;
  if (m.groupProtocol === 'classic') return classic.pollGate(ctx, c, m);
  if (m.groupProtocol === 'consumer') return consumer.pollGate(ctx, c, m);
  return 'ready';
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
  res: Extract<ConsumerResponse, { type: 'JoinGroup' | 'SyncGroup' | 'Heartbeat' | 'ConsumerGroupHeartbeat' }>,
): classic.Fatal | null {
  const m = c.membership;
  if (m.groupProtocol === 'consumer') {
    return res.type === 'ConsumerGroupHeartbeat' ? consumer.onHeartbeatResponse(ctx, c, m, correlationId, res) : null;
  }
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
    case 'ConsumerGroupHeartbeat':
      return null;
  }
}

/** A JoinGroup or SyncGroup its coordinator never answered: join (again) at the coordinator found next. */
export function onGroupRequestLost(ctx: Ctx, c: ConsumerState, type: 'JoinGroup' | 'SyncGroup'): void {
  const m = c.membership;
  if (m.groupProtocol === 'classic') classic.onGroupRequestLost(ctx, c, m, type);
}

/** A ConsumerGroupHeartbeat its coordinator never answered: sent again, in full, to the coordinator found next. */
export function onConsumerHeartbeatLost(ctx: Ctx, c: ConsumerState, correlationId: number): void {
  const m = c.membership;
  if (m.groupProtocol === 'consumer') consumer.onHeartbeatLost(ctx, c, m, correlationId);
}

/**
 * A group error on another answer (a commit): the protocol decides what it means. Under the
 * consumer protocol a commit's error changes nothing: only heartbeats fence a member.
 */
export function onGroupError(c: ConsumerState, error: KafkaError): void {
  const m = c.membership;
  if (m.groupProtocol === 'classic') classic.onGroupError(c, m, error);
}

export function onHeartbeatTimer(ctx: Ctx, c: ConsumerState): void {
  const m = c.membership;
  if (m.groupProtocol === 'classic') classic.onHeartbeatTimer(ctx, c, m);
  else if (m.groupProtocol === 'consumer') consumer.onHeartbeatTimer(ctx, c, m);
}

/** The heartbeat thread's max.poll.interval.ms check fired and the app really is away. */
export function onPollTimeout(ctx: Ctx, c: ConsumerState): void {
  const m = c.membership;
  if (m.groupProtocol === 'classic') classic.onPollTimeout(ctx, c, m);
  else if (m.groupProtocol === 'consumer') consumer.onPollTimeout(ctx, c, m);
}

/** close(): give the partitions up (onPartitionsRevoked) and leave the group. */
export function leaveOnClose(ctx: Ctx, c: ConsumerState): void {
  const m = c.membership;
  if (m.groupProtocol === 'consumer') return consumer.leaveOnClose(ctx, c, m);
  if (m.groupProtocol !== 'classic') return;
  classic.releaseAll(ctx, c, m);
  classic.leaveGroup(ctx, c, m, 'the consumer is being closed');
}
