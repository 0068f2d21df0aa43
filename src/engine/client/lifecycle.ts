/**
 * A consumer process's life: start, crash (no goodbye), close (final commit, LeaveGroup),
 * restart (a new process, same id and config) and stalls of its application thread.
 */
import type { Ctx } from '../core/context';
import type { ConsumerState } from '../world';
import { sendCommit } from './commits';
import { leaveOnClose, newMembership } from './membership';
import { processedSoFar, recordBatch } from './processing';
import { RETRY_BACKOFF_MS, startDiscovery } from './coordinator-discovery';
import { refreshMetadata } from './metadata';
import { subscriptionOf } from './subscription';
import { armPollTimeout, armTimer, wakeLoop } from './thread';

/** What addConsumer decides once: the consumer's identity, subscription and application behaviour. */
export type ConsumerSpec = Pick<
  ConsumerState,
  | 'consumerId' | 'groupId' | 'config' | 'mode' | 'subscribeTopics' | 'pattern' | 'manualPartitions'
  | 'processingMs' | 'commit' | 'commitEveryRecords' | 'onRevoked'
>;

export function createConsumer(ctx: Ctx, spec: ConsumerSpec): void {
  const c: ConsumerState = {
    ...spec,
    status: 'running',
    incarnation: 0,
    closing: false,
    stalledUntil: 0,
    membership: newMembership(spec),
    processedCount: 0,
    processedOffsets: {},
    metadata: { topics: {}, refreshedAt: 0 },
    subscription: [],
    owned: [],
    position: {},
    fetchBuffer: [],
    fetchInFlight: null,
    nextFetchId: 0,
    offsetFetchInFlight: false,
    rotation: 0,
    loop: { kind: 'waiting', wakeAt: null },
    consumption: null,
    pollCount: 0,
    lastPollAt: null,
    pollCheckAt: null,
    lastHeartbeatAt: null,
    nextAutoCommitAt: 0,
    timers: {},
    timerDue: {},
    nextCorrelationId: 0,
    coordinator: null,
    outbox: [],
    findBackoffMs: RETRY_BACKOFF_MS,
    pendingCommits: {},
    pendingHeartbeats: {},
  };
  ctx.w.consumers[c.consumerId] = c;
  start(ctx, c);
}

/** A fresh process: no member id (a static member keeps its instance id), nothing owned. */
function start(ctx: Ctx, c: ConsumerState): void {
  c.status = 'running';
  c.closing = false;
  c.stalledUntil = 0;
  c.membership = newMembership(c);
  c.owned = c.mode === 'assign' ? [...c.manualPartitions] : [];
  c.position = {};
  c.fetchBuffer = [];
  c.fetchInFlight = null;
  c.consumption = null;
  c.processedCount = 0;
  c.processedOffsets = {};
  c.offsetFetchInFlight = false;
  c.pollCount = 0;
  c.lastPollAt = null;
  c.pollCheckAt = null;
  c.lastHeartbeatAt = null;
  c.nextAutoCommitAt = ctx.w.now + c.config.autoCommitIntervalMs;
  c.pendingCommits = {};
  c.pendingHeartbeats = {};
  c.outbox = [];
  c.findBackoffMs = RETRY_BACKOFF_MS;
  c.loop = { kind: 'waiting', wakeAt: ctx.w.now };
  ctx.emit({ type: 'ConsumerStarted', consumerId: c.consumerId, groupId: c.groupId });
  startDiscovery(ctx, c);
  refreshMetadata(ctx, c);
  c.subscription = subscriptionOf(c, Object.keys(c.metadata.topics));
  armTimer(ctx, c, 'poll', ctx.w.now);
}

/** The process dies: no commit, no LeaveGroup. Work finished before this instant still counts. */
export function crash(ctx: Ctx, c: ConsumerState, reason: string | null = null): void {
  finishWorkSoFar(ctx, c);
  stop(c, 'crashed');
  ctx.emit({ type: 'ConsumerCrashed', consumerId: c.consumerId, reason });
}

/**
 * poll() threw a fatal exception to the application and its process ended: to the group it
 * is a crash (no LeaveGroup), to a person it is a failure with a reason, never a silent stop.
 */
export function fail(ctx: Ctx, c: ConsumerState, exception: string, message: string): void {
  finishWorkSoFar(ctx, c);
  stop(c, 'failed');
  ctx.emit({ type: 'ConsumerFailed', consumerId: c.consumerId, exception, message });
}

function finishWorkSoFar(ctx: Ctx, c: ConsumerState): void {
  if (c.loop.kind !== 'processing') return;
  const { batch } = c.loop;
  recordBatch(ctx, c, batch.ranges, processedSoFar(batch, ctx.w.now, c.processingMs));
}

/** close(): the app leaves its loop after the current batch; see beginClose. */
export function requestClose(ctx: Ctx, c: ConsumerState): void {
  c.closing = true;
  ctx.emit({ type: 'ConsumerClosing', consumerId: c.consumerId });
  wakeLoop(ctx, c);
}

/**
 * Final commit as the app's commit strategy does it (refused by the client outside a stable
 * generation, which close() swallows), then finishClose.
 */
export function beginClose(ctx: Ctx, c: ConsumerState): void {
  const finalSync = c.config.enableAutoCommit || c.commit === 'sync' || c.commit === 'async+sync' || c.onRevoked === 'commit';
  if (finalSync) {
    c.loop = { kind: 'committing', then: 'close' };
    if (sendCommit(ctx, c, 'sync', 'close')) return;
  }
  finishClose(ctx, c);
}

export function finishClose(ctx: Ctx, c: ConsumerState): void {
  leaveOnClose(ctx, c);
  stop(c, 'closed');
  ctx.emit({ type: 'ConsumerClosed', consumerId: c.consumerId });
}

function stop(c: ConsumerState, status: 'crashed' | 'closed' | 'failed'): void {
  c.status = status;
  c.closing = false;
  c.incarnation += 1; // mail and timers addressed to this process are dropped
  c.loop = { kind: 'stopped' };
  c.owned = [];
  c.position = {};
  c.fetchBuffer = [];
  c.fetchInFlight = null;
  c.consumption = null;
  // The member id stays visible: the group may hold it until its session times out.
  if (c.membership.groupProtocol !== 'none') c.membership.phase = 'none';
  c.stalledUntil = 0;
  c.pollCheckAt = null;
  c.timers = {};
  c.timerDue = {};
  c.pendingCommits = {};
  c.pendingHeartbeats = {};
  c.outbox = [];
  c.coordinator = null;
}

export function restart(ctx: Ctx, c: ConsumerState): void {
  c.incarnation += 1;
  c.pollCheckAt = null;
  c.timers = {};
  start(ctx, c);
}

/** The application thread hangs for `ms`; the heartbeat thread keeps going. */
export function stall(ctx: Ctx, c: ConsumerState, ms: number): void {
  const from = Math.max(c.stalledUntil, ctx.w.now);
  const until = from + ms;
  c.stalledUntil = until;
  if (c.loop.kind === 'processing') {
    const { batch } = c.loop;
    batch.stalls.push([from, until]);
    batch.endsAt += ms;
    armTimer(ctx, c, 'batchDone', batch.endsAt);
  } else if (c.loop.kind === 'waiting') {
    // Until now the thread sat in poll(), which an idle app calls again every few ms.
    c.lastPollAt = ctx.w.now;
    armTimer(ctx, c, 'poll', until);
  }
  armPollTimeout(ctx, c);
  armTimer(ctx, c, 'stallEnd', until);
  ctx.emit({ type: 'ConsumerStalled', consumerId: c.consumerId, untilMs: until });
}

export function onStallEnd(ctx: Ctx, c: ConsumerState): void {
  if (ctx.w.now >= c.stalledUntil) ctx.emit({ type: 'ConsumerResumed', consumerId: c.consumerId });
}
