/** Routes a consumer's mail and timers to the module that owns each rule. */
import type { Ctx } from '../core/context';
import { resend } from '../core/network';
import type { ConsumerResponse, ConsumerState, ConsumerTimer, CoordinatorRequest } from '../world';
import { coordinatorLost, onFindCoordinatorResponse, onFindTimer } from './coordinator-discovery';
import { onFetchResponse } from './fetcher';
import { onCommitResponse } from './commits';
import { fail, onStallEnd } from './lifecycle';
import { onConsumerHeartbeatLost, onGroupError, onGroupRequestLost, onGroupResponse, onHeartbeatTimer, onPollTimeout } from './membership';
import { refreshMetadata } from './metadata';
import { onBatchDone, onCommitPoint, poll, resume } from './poll-loop';
import { onOffsetFetchResponse } from './positions';
import { armPollTimeout, isCurrent, wakeLoop } from './thread';
import { settle } from './consumption/analytic';

export function handleConsumerTimer(ctx: Ctx, consumerId: string, incarnation: number, timer: ConsumerTimer, token: number): void {
  const c = ctx.w.consumers[consumerId];
  if (!c || c.status !== 'running' || !isCurrent(c, timer, token, incarnation)) return;
  // The heartbeat thread and a metadata refresh read no position (a refresh that changes
  // something wakes poll(), which settles): an analytic consumer is settled by what does.
  if (timer !== 'heartbeat' && timer !== 'metadata') settle(ctx.w, c);
  switch (timer) {
    case 'poll':
      if (c.loop.kind === 'waiting') poll(ctx, c);
      return;
    case 'batchDone':
      return onBatchDone(ctx, c);
    case 'heartbeat':
      return onHeartbeatTimer(ctx, c);
    case 'pollTimeout': {
      c.pollCheckAt = null;
      if (c.lastPollAt === null) return;
      // A thread blocked inside poll() is polling: only time away from poll() counts.
      if (c.loop.kind === 'waiting' && ctx.w.now >= c.stalledUntil) return;
      if (ctx.w.now - c.lastPollAt < c.config.maxPollIntervalMs) return armPollTimeout(ctx, c);
      return onPollTimeout(ctx, c);
    }
    case 'stallEnd':
      return onStallEnd(ctx, c);
    case 'metadata':
      return refreshMetadata(ctx, c);
    case 'findCoordinator':
      return onFindTimer(ctx, c);
    case 'commitPoint':
      return onCommitPoint(ctx, c);
  }
}

export function handleConsumerResponse(
  ctx: Ctx,
  consumerId: string,
  incarnation: number,
  correlationId: number,
  response: ConsumerResponse,
): void {
  const c = ctx.w.consumers[consumerId];
  if (!c || c.status !== 'running' || c.incarnation !== incarnation) return;
  // Heartbeat and commit answers read no position (an error wakes poll(), which settles).
  if (response.type !== 'Heartbeat' && response.type !== 'ConsumerGroupHeartbeat' && response.type !== 'OffsetCommit') settle(ctx.w, c);
  switch (response.type) {
    case 'JoinGroup':
    case 'SyncGroup':
    case 'Heartbeat':
    case 'ConsumerGroupHeartbeat': {
      const fatal = onGroupResponse(ctx, c, correlationId, response);
      if (fatal) fail(ctx, c, fatal.exception, fatal.message);
      return;
    }
    case 'OffsetFetch': {
      const outcome = onOffsetFetchResponse(ctx, c, response);
      if (!outcome.ok) return fail(ctx, c, outcome.exception, outcome.message);
      return wakeLoop(ctx, c);
    }
    case 'OffsetCommit': {
      const { resume: then, error } = onCommitResponse(ctx, c, correlationId, response);
      if (error !== null) onGroupError(c, error);
      if (then !== null) resume(ctx, c, then);
      // A failed commit may mean "rejoin": a thread waiting in poll() must notice.
      else if (error !== null) wakeLoop(ctx, c);
      return;
    }
    case 'FindCoordinator':
      return onFindCoordinatorResponse(ctx, c, response.coordinator);
    case 'Fetch':
      return onFetchResponse(ctx, c, response.fetchId, response.ranges);
    case 'RequestFailed':
      return onRequestFailed(ctx, c, response.request, response.error);
  }
}

/**
 * A request its broker never answered (down, or no longer the coordinator). The client looks
 * for the coordinator again and, per request, does what Kafka's client does: a JoinGroup is
 * sent again, a lost SyncGroup means joining again, a commitSync and an OffsetFetch are
 * retried, a commitAsync fails (RetriableCommitFailedException), a heartbeat or LeaveGroup
 * is simply gone.
 */
function onRequestFailed(ctx: Ctx, c: ConsumerState, request: CoordinatorRequest, error: 'NOT_COORDINATOR' | 'NETWORK_EXCEPTION'): void {
  coordinatorLost(ctx, c, request.broker, error);
  switch (request.type) {
    case 'JoinGroup':
    case 'SyncGroup':
      return onGroupRequestLost(ctx, c, request.type);
    case 'Heartbeat':
      delete c.pendingHeartbeats[request.correlationId];
      return;
    case 'ConsumerGroupHeartbeat':
      return onConsumerHeartbeatLost(ctx, c, request.correlationId);
    case 'OffsetCommit': {
      if (c.pendingCommits[request.correlationId]?.mode === 'sync') return resend(ctx, c, request);
      const kafkaError = error === 'NOT_COORDINATOR' ? 'NOT_COORDINATOR' : 'NETWORK_EXCEPTION';
      onCommitResponse(ctx, c, request.correlationId, { type: 'OffsetCommit', error: kafkaError, offsets: request.offsets });
      return;
    }
    case 'OffsetFetch':
      return resend(ctx, c, request);
    case 'LeaveGroup':
      return;
  }
}

/**
 * The cluster changed (a topic, partitions, a producer rate). Clients learn of new topics and
 * partitions on their next metadata refresh, not now; but data lands on partitions at new
 * times, so sleeping pollers recompute when their next records arrive.
 */
export function onClusterChanged(ctx: Ctx): void {
  for (const c of Object.values(ctx.w.consumers)) wakeLoop(ctx, c);
}

export { refreshMetadata };
