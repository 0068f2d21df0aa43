/** Routes a consumer's mail and timers to the module that owns each rule. */
import type { Ctx } from '../core/context';
import type { ConsumerResponse, ConsumerTimer } from '../world';
import { onCommitResponse } from './commits';
import { crash, onStallEnd } from './lifecycle';
import { onGroupError, onGroupResponse, onHeartbeatTimer, onMetadataChanged as membershipSeesMetadata, onPollTimeout } from './membership';
import { onBatchDone, poll, resume } from './poll-loop';
import { onOffsetFetchResponse } from './positions';
import { subscriptionOf } from './subscription';
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
    case 'Heartbeat':
      return onGroupResponse(ctx, c, correlationId, response);
    case 'OffsetFetch': {
      const outcome = onOffsetFetchResponse(ctx, c, response);
      if (!outcome.ok) return crash(ctx, c, outcome.error);
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
 * Cluster metadata changed (a topic appeared, partitions were added). Pattern subscribers
 * recompute what they match; the group leader, which watches partition counts for the
 * group, asks for a rebalance. Idle pollers re-check for data either way.
 */
export function onMetadataChanged(ctx: Ctx, topic: string): void {
  for (const c of Object.values(ctx.w.consumers)) {
    if (c.status !== 'running') continue;
    membershipSeesMetadata(c, topic, subscriptionOf(ctx.w, c));
    wakeLoop(ctx, c);
  }
}

/** The producer's formula changed: sleeping pollers recompute when their data arrives. */
export function onProducerChanged(ctx: Ctx): void {
  for (const c of Object.values(ctx.w.consumers)) wakeLoop(ctx, c);
}
