/** The classic group coordinator: routes each request and timer to the rule that owns it. */
import type { Ctx } from '../core/context';
import { brokerUp, coordinatorOf } from '../cluster/brokers';
import { reply, sendToConsumer } from '../core/network';
import type { CoordinatorRequest, GroupTimer, Task } from '../world';
import { coordinatesGroup } from './failover';
import { handleJoinGroup, onInitialDelayExpired, onJoinDeadline } from './join';
import { handleHeartbeat, handleLeaveGroup, onSessionCheck } from './membership';
import { handleOffsetCommit, handleOffsetFetch } from './offsets';
import { handleSyncGroup, onSyncDeadline } from './sync';

export function handleCoordinatorRequest(ctx: Ctx, request: CoordinatorRequest): void {
  // A request reaches a broker: down, it never answers (the connection drops); up but not the
  // group's coordinator, it answers NOT_COORDINATOR. Either way the client looks again.
  if (!brokerUp(ctx.w, request.broker)) return failRequest(ctx, request, 'NETWORK_EXCEPTION');
  if (!coordinatesGroup(ctx.w, request.broker, request.groupId)) return failRequest(ctx, request, 'NOT_COORDINATOR');
  switch (request.type) {
    case 'JoinGroup':
      return handleJoinGroup(ctx, request);
    case 'SyncGroup':
      return handleSyncGroup(ctx, request);
    case 'Heartbeat':
      return handleHeartbeat(ctx, request);
    case 'LeaveGroup':
      return handleLeaveGroup(ctx, request);
    case 'OffsetCommit':
      return handleOffsetCommit(ctx, request);
    case 'OffsetFetch':
      return handleOffsetFetch(ctx, request);
  }
}

export function handleGroupTimer(ctx: Ctx, groupId: string, timer: GroupTimer, token: number): void {
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

export { onSessionCheck };

function failRequest(ctx: Ctx, request: CoordinatorRequest, error: 'NOT_COORDINATOR' | 'NETWORK_EXCEPTION'): void {
  reply(ctx, request, { type: 'RequestFailed', request, error });
}

/** FindCoordinator: any broker that is up answers with the leader of the group's offsets partition. */
export function handleFindCoordinator(ctx: Ctx, task: Extract<Task, { kind: 'findCoordinator' }>): void {
  const anyUp = ctx.w.brokers.some((b) => b.status === 'up');
  const coordinator = anyUp ? coordinatorOf(ctx.w, task.groupId) : null;
  sendToConsumer(ctx, task, -1, { type: 'FindCoordinator', coordinator });
}
