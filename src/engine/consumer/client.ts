/** Routes a consumer's mail and timers to the module that owns each rule. */
import type { Ctx } from '../core/context';
import type { ConsumerResponse, ConsumerTimer, World } from '../world';
import { onCommitResponse } from './commits';
import { onStallEnd, subscriptionOf } from './lifecycle';
import { onHeartbeatResponse, onHeartbeatTimer, onJoinResponse, onPollTimeout, onSyncResponse } from './membership';
import { onBatchDone, poll, resume, wakeLoop } from './poll-loop';
import { onOffsetFetchResponse } from './positions';
import { isCurrent } from './timers';

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
    case 'pollTimeout':
      return onPollTimeout(ctx, c);
    case 'stallEnd':
      return onStallEnd(ctx, c);
  }
}

export function handleConsumerResponse(ctx: Ctx, consumerId: string, incarnation: number, response: ConsumerResponse): void {
  const c = ctx.w.consumers[consumerId];
  if (!c || c.status !== 'running' || c.incarnation !== incarnation) return;
  switch (response.type) {
    case 'JoinGroup':
      return onJoinResponse(ctx, c, response);
    case 'SyncGroup':
      return onSyncResponse(ctx, c, response);
    case 'Heartbeat':
      return onHeartbeatResponse(ctx, c, response);
    case 'OffsetFetch':
      return onOffsetFetchResponse(ctx, c, response);
    case 'OffsetCommit': {
      const then = onCommitResponse(ctx, c, response);
      if (then !== null) resume(ctx, c, then);
      // A failed commit may mean "rejoin": a thread waiting in poll() must notice.
      else if (response.error !== null) wakeLoop(ctx, c);
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
  const { w } = ctx;
  for (const c of Object.values(w.consumers)) {
    if (c.status !== 'running') continue;
    if (c.mode === 'pattern') {
      const next = subscriptionOf(w, c);
      if (next.join(',') !== c.subscription.join(',')) {
        c.subscription = next;
        if (c.phase === 'stable') c.rejoinNeeded = true;
      }
    } else if (c.isLeader && c.phase === 'stable' && groupSubscribes(w, c.groupId, topic)) {
      c.rejoinNeeded = true;
    }
    wakeLoop(ctx, c);
  }
}

function groupSubscribes(w: World, groupId: string | null, topic: string): boolean {
  if (groupId === null) return false;
  return Object.values(w.groups[groupId]?.members ?? {}).some((m) => m.topics.includes(topic));
}

/** The producer's formula changed: sleeping pollers recompute when their data arrives. */
export function onProducerChanged(ctx: Ctx): void {
  for (const c of Object.values(ctx.w.consumers)) wakeLoop(ctx, c);
}
