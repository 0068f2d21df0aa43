/**
 * The classic client's side of the group protocol, eager flavour (ConsumerCoordinator):
 * onJoinPrepare (commit, revoke everything), JoinGroup, the leader's assignment, SyncGroup,
 * the heartbeat thread and the poll-timeout check.
 */
import { assignors } from '../assignors';
import type { Ctx } from '../core/context';
import { sendToCoordinator } from '../core/network';
import type { ConsumerResponse, ConsumerState } from '../world';
import { reactToGroupError, sendCommit } from './commits';
import { runnableProtocols } from './config';
import { armPollTimeout, wakeLoop } from './poll-loop';
import { armTimer, cancelTimer } from './timers';

type JoinResponse = Extract<ConsumerResponse, { type: 'JoinGroup' }>;
type SyncResponse = Extract<ConsumerResponse, { type: 'SyncGroup' }>;
type HeartbeatResponse = Extract<ConsumerResponse, { type: 'Heartbeat' }>;

export function needsJoin(c: ConsumerState): boolean {
  return c.phase === 'none' || (c.rejoinNeeded && c.phase === 'stable');
}

/**
 * onJoinPrepare: an eager member gives up everything before rejoining. With auto commit on,
 * it first commits synchronously what it consumed, so the next owner starts there.
 */
export function prepareJoin(ctx: Ctx, c: ConsumerState): void {
  if (!c.fenced && c.owned.length > 0 && c.config.enableAutoCommit) {
    c.loop = { kind: 'committing', then: 'rejoin' };
    if (sendCommit(ctx, c, 'sync', 'rejoin')) return;
  }
  revokeAndJoin(ctx, c);
}

export function revokeAndJoin(ctx: Ctx, c: ConsumerState): void {
  releaseAll(ctx, c);
  sendJoin(ctx, c);
}

/** onPartitionsRevoked, or onPartitionsLost when the member was fenced. */
export function releaseAll(ctx: Ctx, c: ConsumerState): void {
  if (c.owned.length > 0) {
    const partitions = [...c.owned];
    ctx.emit({ type: c.fenced ? 'PartitionsLost' : 'PartitionsRevoked', consumerId: c.consumerId, groupId: c.groupId, partitions });
  }
  c.owned = [];
  c.position = {};
  c.fenced = false;
}

function sendJoin(ctx: Ctx, c: ConsumerState): void {
  if (c.groupId === null) return;
  c.phase = 'joining';
  c.rejoinNeeded = false;
  c.isLeader = false;
  cancelTimer(c, 'heartbeat');
  ctx.emit({ type: 'JoinGroupSent', consumerId: c.consumerId, groupId: c.groupId, memberId: c.memberId });
  sendToCoordinator(ctx, {
    type: 'JoinGroup',
    groupId: c.groupId,
    consumerId: c.consumerId,
    incarnation: c.incarnation,
    memberId: c.memberId,
    instanceId: c.config.instanceId,
    sessionTimeoutMs: c.config.sessionTimeoutMs,
    rebalanceTimeoutMs: c.config.maxPollIntervalMs,
    topics: [...c.subscription],
    protocols: runnableProtocols(c.config.assignmentStrategies),
    owned: [...c.owned],
  });
  c.loop = { kind: 'waiting', wakeAt: null };
}

export function onJoinResponse(ctx: Ctx, c: ConsumerState, res: JoinResponse): void {
  if (c.phase !== 'joining' || c.groupId === null) return;
  const groupId = c.groupId;
  if (res.error !== null) {
    ctx.emit({ type: 'JoinGroupFailed', consumerId: c.consumerId, groupId, error: res.error });
    if (res.error === 'MEMBER_ID_REQUIRED') c.memberId = res.memberId;
    else if (res.error === 'UNKNOWN_MEMBER_ID') c.memberId = null;
    else if (res.error === 'INCONSISTENT_GROUP_PROTOCOL' || res.error === 'COORDINATOR_NOT_AVAILABLE') {
      // poll() throws to the application, whose thread dies.
      c.phase = 'none';
      return;
    }
    return sendJoin(ctx, c);
  }
  c.memberId = res.memberId;
  c.generation = res.generation;
  c.isLeader = res.leaderId === res.memberId;
  ctx.emit({
    type: 'JoinGroupCompleted', consumerId: c.consumerId, groupId, memberId: res.memberId,
    generation: res.generation, leader: c.isLeader,
  });
  const assignment = c.isLeader && res.members.length > 0 ? computeAssignment(ctx, c, res) : null;
  c.phase = 'syncing';
  ctx.emit({ type: 'SyncGroupSent', consumerId: c.consumerId, groupId, generation: res.generation });
  sendToCoordinator(ctx, {
    type: 'SyncGroup', groupId, consumerId: c.consumerId, incarnation: c.incarnation,
    memberId: res.memberId, generation: res.generation, assignment,
  });
}

/** Only the leader runs the assignor, over the member list the coordinator sent it. */
function computeAssignment(ctx: Ctx, c: ConsumerState, res: JoinResponse): Record<string, string[]> {
  const protocol = res.protocol === 'roundrobin' ? 'roundrobin' : 'range';
  const topics: Record<string, number> = {};
  for (const member of res.members) {
    for (const topic of member.topics) {
      const state = ctx.w.topics[topic];
      if (state) topics[topic] = state.partitions.length;
    }
  }
  const assignment = assignors[protocol].assign({
    topics,
    members: res.members.map((m) => ({
      id: m.memberId,
      ...(m.instanceId !== null ? { instanceId: m.instanceId } : {}),
      topics: m.topics,
    })),
  });
  ctx.emit({
    type: 'AssignmentComputed', groupId: c.groupId ?? '', consumerId: c.consumerId,
    assignor: protocol, generation: res.generation, assignment,
  });
  return assignment;
}

export function onSyncResponse(ctx: Ctx, c: ConsumerState, res: SyncResponse): void {
  if (c.phase !== 'syncing' || c.groupId === null) return;
  if (res.error !== null) {
    ctx.emit({ type: 'SyncGroupFailed', consumerId: c.consumerId, groupId: c.groupId, error: res.error });
    reactToGroupError(c, res.error);
    c.phase = 'none';
    return wakeLoop(ctx, c);
  }
  c.phase = 'stable';
  c.owned = [...res.assignment];
  ctx.emit({ type: 'PartitionsAssigned', consumerId: c.consumerId, groupId: c.groupId, partitions: [...res.assignment] });
  armTimer(ctx, c, 'heartbeat', ctx.w.now + c.config.heartbeatIntervalMs);
  wakeLoop(ctx, c);
}

/** The heartbeat thread: runs while the member is Stable, independent of the poll loop. */
export function onHeartbeatTimer(ctx: Ctx, c: ConsumerState): void {
  if (c.phase !== 'stable' || c.groupId === null || c.memberId === null) return;
  c.lastHeartbeatAt = ctx.w.now;
  ctx.emit({ type: 'HeartbeatSent', consumerId: c.consumerId, groupId: c.groupId });
  sendToCoordinator(ctx, {
    type: 'Heartbeat', groupId: c.groupId, consumerId: c.consumerId, incarnation: c.incarnation,
    memberId: c.memberId, generation: c.generation,
  });
  armTimer(ctx, c, 'heartbeat', ctx.w.now + c.config.heartbeatIntervalMs);
}

export function onHeartbeatResponse(ctx: Ctx, c: ConsumerState, res: HeartbeatResponse): void {
  if (res.error === null || c.groupId === null) return;
  // A late answer about an older generation says nothing about the current one.
  if (c.phase !== 'stable' || res.generation !== c.generation) return;
  ctx.emit({ type: 'HeartbeatFailed', consumerId: c.consumerId, groupId: c.groupId, error: res.error });
  reactToGroupError(c, res.error);
  wakeLoop(ctx, c);
}

/**
 * max.poll.interval.ms passed without a poll(): the heartbeat thread gives the member up.
 * A dynamic member sends LeaveGroup; a static one just stops and waits to be expelled.
 */
export function onPollTimeout(ctx: Ctx, c: ConsumerState): void {
  c.pollCheckAt = null;
  if (c.groupId === null || c.lastPollAt === null || c.phase === 'none') return;
  const sincePollMs = ctx.w.now - c.lastPollAt;
  const inPoll = c.loop.kind === 'waiting' && ctx.w.now >= c.stalledUntil;
  if (inPoll) return;
  if (sincePollMs < c.config.maxPollIntervalMs) return armPollTimeout(ctx, c);
  ctx.emit({ type: 'PollTimeout', consumerId: c.consumerId, groupId: c.groupId, sincePollMs });
  if (c.config.instanceId === null && c.memberId !== null) {
    ctx.emit({
      type: 'LeaveGroupSent', consumerId: c.consumerId, groupId: c.groupId, memberId: c.memberId,
      reason: 'consumer poll timeout has expired',
    });
    sendToCoordinator(ctx, {
      type: 'LeaveGroup', groupId: c.groupId, consumerId: c.consumerId, incarnation: c.incarnation, memberId: c.memberId,
    });
    c.memberId = null;
  }
  c.generation = -1;
  c.fenced = c.owned.length > 0;
  c.phase = 'none';
  c.rejoinNeeded = true;
  cancelTimer(c, 'heartbeat');
}
