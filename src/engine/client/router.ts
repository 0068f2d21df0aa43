/** Routes a consumer's mail and timers to the module that owns each rule. */
import type { Ctx } from '../core/context';
import type { ConsumerResponse, ConsumerTimer } from '../world';
import { onCommitResponse } from './commits';
import { fail, onStallEnd } from './lifecycle';
import { onGroupError, onGroupResponse, onHeartbeatTimer, onPollTimeout } from './membership';
import { refreshMetadata } from './metadata';
import { onBatchDone, poll, resume } from './poll-loop';
import { onOffsetFetchResponse } from './positions';
import { armPollTimeout, isCurrent, wakeLoop } from './thread';

export function handleConsumerTimer(ctx: Ctx, consumerId: string, incarnation: number, timer: ConsumerTimer, token: number): void {
  const c = ctx.w.consumers[consumerId];
  if (!c || c.status !== 'running' || !isCurrent(c, timer, token, incarnation)) return;
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
  switch (response.type) {
    case 'JoinGroup':
    case 'SyncGroup':
    case 'Heartbeat': {
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
