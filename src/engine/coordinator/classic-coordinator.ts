/** The classic group coordinator: routes each request and timer to the rule that owns it. */
import type { Ctx } from '../core/context';
import type { CoordinatorRequest, GroupTimer } from '../world';
import { handleJoinGroup, onInitialDelayExpired, onJoinDeadline } from './join';
import { handleHeartbeat, handleLeaveGroup, onSessionCheck } from './membership';
import { handleOffsetCommit, handleOffsetFetch } from './offsets';
import { handleSyncGroup, onSyncDeadline } from './sync';

export function handleCoordinatorRequest(ctx: Ctx, request: CoordinatorRequest): void {
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
