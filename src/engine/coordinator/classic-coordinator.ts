/**
 * The group coordinator's routing: each request and timer goes to the rule that owns it, by
 * the kind of group the id names (classic here and in join/sync/membership, consumer-protocol
 * groups in consumer/).
 */
import type { Ctx } from '../core/context';
import { brokerUp, coordinatorOf } from '../cluster/brokers';
import { reply, sendToConsumer } from '../core/network';
import type { CoordinatorRequest, GroupTimer, Task } from '../world';
import { coordinatesGroup } from './failover';
import { handleJoinGroup, onInitialDelayExpired, onJoinDeadline } from './join';
import { handleHeartbeat, handleLeaveGroup, onSessionCheck as onClassicSessionCheck } from './membership';
import { handleClassicHeartbeat, handleClassicJoin, handleClassicLeave, handleClassicSync } from './consumer/classic-members';
import { classicMayTakeOver } from './consumer/conversion';
import { handleConsumerGroupHeartbeat } from './consumer/heartbeat';
import { onConsumerSessionCheck } from './consumer/liveness';
import { onRegexResolution } from './consumer/regex';
import { handleConsumerOffsetCommit } from './consumer/offsets';
import { handleOffsetCommit, handleOffsetFetch } from './offsets';
import { handleSyncGroup, onSyncDeadline } from './sync';

export function handleCoordinatorRequest(ctx: Ctx, request: CoordinatorRequest): void {
  // A request reaches a broker: down, it never answers (the connection drops); up but not the
  // group's coordinator, it answers NOT_COORDINATOR. Either way the client looks again.
  if (!brokerUp(ctx.w, request.broker)) return failRequest(ctx, request, 'NETWORK_EXCEPTION');
  if (!coordinatesGroup(ctx.w, request.broker, request.groupId)) return failRequest(ctx, request, 'NOT_COORDINATOR');
  const consumerGroup = ctx.w.consumerGroups[request.groupId];
  switch (request.type) {
    case 'ConsumerGroupHeartbeat':
      return handleConsumerGroupHeartbeat(ctx, request);
    case 'JoinGroup':
      // A classic member of a consumer group (a mixed group): the consumer group's rules, translated.
      if (consumerGroup && !classicMayTakeOver(ctx, request.groupId)) return handleClassicJoin(ctx, consumerGroup, request);
      return handleJoinGroup(ctx, request);
    case 'SyncGroup':
      if (consumerGroup) return handleClassicSync(ctx, consumerGroup, request);
      return handleSyncGroup(ctx, request);
    case 'Heartbeat':
      if (consumerGroup) return handleClassicHeartbeat(ctx, consumerGroup, request);
      return handleHeartbeat(ctx, request);
    case 'LeaveGroup':
      if (consumerGroup) return handleClassicLeave(ctx, consumerGroup, request);
      return handleLeaveGroup(ctx, request);
    case 'OffsetCommit':
      if (consumerGroup) return handleConsumerOffsetCommit(ctx, consumerGroup, request);
      return handleOffsetCommit(ctx, request);
    case 'OffsetFetch':
      return handleOffsetFetch(ctx, request);
  }
}

export function handleGroupTimer(ctx: Ctx, groupId: string, timer: GroupTimer, token: number): void {
  // A consumer group's regex resolution; its token is the group's loads.
  if (timer === 'regexResolution') return onRegexResolution(ctx, groupId, token);
  const group = ctx.w.groups[groupId];
  if (!group || group.timerToken !== token) return;
  switch (timer) {
    case 'initialDelay':
      return onInitialDelayExpired(ctx, group);
    case 'joinDeadline':
      return onJoinDeadline(ctx, group);
    case 'syncDeadline':
      return onSyncDeadline(ctx, group);
  }
}

/** A member's session check, for whichever kind of group holds it. */
export function onSessionCheck(ctx: Ctx, groupId: string, memberId: string, loads: number): void {
  const consumerGroup = ctx.w.consumerGroups[groupId];
  if (consumerGroup) return onConsumerSessionCheck(ctx, consumerGroup, memberId, loads);
  onClassicSessionCheck(ctx, groupId, memberId, loads);
}


function failRequest(ctx: Ctx, request: CoordinatorRequest, error: 'NOT_COORDINATOR' | 'NETWORK_EXCEPTION'): void {
  reply(ctx, request, { type: 'RequestFailed', request, error });
}

/** FindCoordinator: any broker that is up answers with the leader of the group's offsets partition. */
export function handleFindCoordinator(ctx: Ctx, task: Extract<Task, { kind: 'findCoordinator' }>): void {
  const anyUp = ctx.w.brokers.some((b) => b.status === 'up');
  const coordinator = anyUp ? coordinatorOf(ctx.w, task.groupId) : null;
  sendToConsumer(ctx, task, -1, { type: 'FindCoordinator', coordinator });
}
