/**
 * Quiet groups, the analytic model's second half (issue 12): a Stable classic group whose
 * members are all analytic consumers (client/consumption/analytic.ts) does nothing but send
 * periodic heartbeats and auto commits, each answered without error. Those are computed, not
 * scheduled: heartbeat k of a member is sent at heartbeatAt + k * heartbeat.interval.ms, auto
 * commit m at commitAt + m * auto.commit.interval.ms with the positions of that instant, and
 * each message's arrival and answer follow from the network's pure latency function
 * (core/network.ts) and its FIFO channels. So at any instant the coordinator's view (each
 * member's last heartbeat, the committed offsets) and the client's (last heartbeat, next auto
 * commit, correlation ids, channel times) are a closed form of time, and nothing is on the
 * agenda for them.
 *
 * The group is materialized (those values written for now: idempotent, path-independent)
 * whenever it is read: snapshot(), hash(), checkpoints, metrics samples, a session check. It
 * wakes (back to scheduled heartbeats and commits, with the messages in flight at that instant
 * put on the agenda as they would be) before anything else touches it: a command, a request
 * from outside the schedule, a member's other timers. It goes quiet again at the next answer
 * that finds every member steady. Compared with scheduling them: the same instants, the same
 * last-heartbeat times and committed offsets, so the same session expiries and rebalances;
 * what is not there is the events of each heartbeat and commit (HeartbeatSent,
 * OffsetCommitSent, OffsetCommitted), as the issue asks: no events while nothing can go wrong.
 */
import type { Ctx } from '../core/context';
import { latencyMs, MAX_LATENCY_MS } from '../core/network';
import { analyticPositions, isAnalytic, leaveAllAnalytic, leaveAnalytic } from '../client/consumption/analytic';
import { armTimer, cancelTimer, isLiveTimer, wakeLoop } from '../client/thread';
import { brokerUp, coordinatorOf } from '../cluster/brokers';
import type { Command } from '../types';
import type { ConsumerState, GroupState, QuietMember, Task, World } from '../world';

/** Two messages further apart than this never queue behind each other on a channel. */
const QUEUE_WINDOW_MS = 2 * MAX_LATENCY_MS;
/** Shorter periods are left scheduled: closer messages could queue in long chains. */
const MIN_PERIOD_MS = 5 * QUEUE_WINDOW_MS;

/** A member's two channel names, built once per member (derived: kept by the member's identity). */
const channelNames = new WeakMap<QuietMember, { out: string; back: string }>();

function channelsOf(q: QuietMember, groupId: string): { out: string; back: string } {
  let names = channelNames.get(q);
  if (!names) {
    names = { out: `${q.consumerId}>${groupId}`, back: `${groupId}>${q.consumerId}` };
    channelNames.set(q, names);
  }
  return names;
}

const outChannel = (q: QuietMember, groupId: string) => channelsOf(q, groupId).out;
const backChannel = (q: QuietMember, groupId: string) => channelsOf(q, groupId).back;

/** How many of start, start + step, ... are at or before t. */
function countUpTo(start: number | null, step: number, t: number): number {
  return start === null || t < start ? 0 : Math.floor((t - start) / step) + 1;
}

/** How many of start, start + step, ... are strictly before t. */
function countBefore(start: number | null, step: number, t: number): number {
  return start === null || t <= start ? 0 : Math.ceil((t - start) / step);
}

/** The member's last message (heartbeat or commit) sent strictly before s, if any. */
function previousSend(q: QuietMember, s: number): number | null {
  return newestOf(q, countBefore(q.heartbeatAt, q.heartbeatMs, s), countBefore(q.commitAt, q.commitMs, s));
}

/** The member's last message sent at or before t, if any. */
function lastSend(q: QuietMember, t: number): number | null {
  return newestOf(q, countUpTo(q.heartbeatAt, q.heartbeatMs, t), countUpTo(q.commitAt, q.commitMs, t));
}

/** The send time of the later of heartbeat number `beats` and commit number `commits` (counted from 1). */
function newestOf(q: QuietMember, beats: number, commits: number): number | null {
  const lastH = beats > 0 ? q.heartbeatAt + (beats - 1) * q.heartbeatMs : null;
  const lastA = commits > 0 ? q.commitAt! + (commits - 1) * q.commitMs : null;
  if (lastH === null) return lastA;
  return lastA === null ? lastH : Math.max(lastH, lastA);
}

/** When the message sent at s reaches the coordinator: its latency, behind the one before it (FIFO). */
function arrival(w: World, q: QuietMember, groupId: string, s: number): number {
  let at = s + latencyMs(w.seed, outChannel(q, groupId), s);
  const prev = previousSend(q, s);
  if (prev !== null && s - prev < QUEUE_WINDOW_MS) at = Math.max(at, arrival(w, q, groupId, prev));
  if (s - q.since < QUEUE_WINDOW_MS) at = Math.max(at, q.outAt);
  return at;
}

/** When the coordinator's answer to the message sent at s reaches the member. */
function answer(w: World, q: QuietMember, groupId: string, s: number): number {
  const r = arrival(w, q, groupId, s);
  let at = r + latencyMs(w.seed, backChannel(q, groupId), r);
  const prev = previousSend(q, s);
  if (prev !== null && r - arrival(w, q, groupId, prev) < QUEUE_WINDOW_MS) at = Math.max(at, answer(w, q, groupId, prev));
  if (r - q.since < QUEUE_WINDOW_MS) at = Math.max(at, q.backAt);
  return at;
}

/** What the coordinator last heard from the member by t: the newest arrival, or what it knew at entry. */
function lastSeenAt(w: World, groupId: string, q: QuietMember, t: number): number {
  for (const s of recentSends(q, t, 4)) {
    const r = arrival(w, q, groupId, s);
    if (r <= t) return r;
  }
  return q.lastSeen;
}

/** The last messages sent at or before t, newest first (the only ones that can still be in flight). */
function recentSends(q: QuietMember, t: number, n: number): number[] {
  const out: number[] = [];
  for (let s = lastSend(q, t); s !== null && out.length < n; s = previousSend(q, s)) out.push(s);
  return out;
}

function isCommit(q: QuietMember, s: number): boolean {
  return q.commitAt !== null && s >= q.commitAt && (s - q.commitAt) % q.commitMs === 0;
}

function isHeartbeat(q: QuietMember, s: number): boolean {
  return s >= q.heartbeatAt && (s - q.heartbeatAt) % q.heartbeatMs === 0;
}

/** Correlation id of the message sent at s (a heartbeat goes before a commit of the same instant). */
function correlationOf(q: QuietMember, s: number, commit: boolean): number {
  const before = countBefore(q.heartbeatAt, q.heartbeatMs, s) + countBefore(q.commitAt, q.commitMs, s);
  return q.correlationId + before + (commit && isHeartbeat(q, s) ? 1 : 0);
}

/**
 * Whether the group may go quiet now: Stable on a live coordinator, every member an analytic
 * consumer of this generation with nothing in flight and integer, not too short, periods.
 */
export function tryQuiet(ctx: Ctx, groupId: string | null): void {
  const { w } = ctx;
  if (groupId === null || w.consumptionModel !== 'analytic') return;
  const group = w.groups[groupId];
  if (!group || group.quiet || group.state !== 'Stable') return;
  const coordinator = coordinatorOf(w, groupId);
  if (coordinator === null || !brokerUp(w, coordinator)) return;
  const members: QuietMember[] = [];
  for (const memberId in group.members) {
    const member = group.members[memberId]!;
    const c = w.consumers[member.consumerId];
    // A member whose process is gone sends nothing: its session check expels it in time.
    if (!c || c.status !== 'running' || c.incarnation !== member.incarnation) continue;
    if (!steady(w, c, group, memberId, coordinator)) return;
    const heartbeatAt = c.timerDue.heartbeat!;
    const auto = c.config.enableAutoCommit;
    const commitAt = auto ? c.timerDue.poll! : null;
    members.push({
      consumerId: c.consumerId, memberId, since: w.now,
      heartbeatAt, heartbeatMs: c.config.heartbeatIntervalMs, commitAt, commitMs: c.config.autoCommitIntervalMs,
      outAt: w.channels[`${c.consumerId}>${groupId}`] ?? 0, backAt: w.channels[`${groupId}>${c.consumerId}`] ?? 0,
      correlationId: c.nextCorrelationId, lastSeen: member.lastSeen, lastHeartbeatAt: c.lastHeartbeatAt,
      pollCount: c.pollCount, heartbeatToken: 0, pollToken: 0,
    });
  }
  if (members.length === 0) return;
  for (const q of members) {
    const c = w.consumers[q.consumerId]!;
    cancelTimer(c, 'heartbeat');
    q.heartbeatToken = c.timers.heartbeat!;
    if (q.commitAt !== null) {
      cancelTimer(c, 'poll');
      q.pollToken = c.timers.poll!;
    }
  }
  group.quiet = { since: w.now, members };
}

function steady(w: World, c: ConsumerState, group: GroupState, memberId: string, coordinator: number): boolean {
  const m = c.membership;
  if (c.status !== 'running' || !isAnalytic(c) || c.coordinator !== coordinator || c.groupId !== group.groupId) return false;
  if (m.groupProtocol !== 'classic' || m.phase !== 'stable' || m.memberId !== memberId || m.generation !== group.generation || m.rejoinNeeded) return false;
  if (c.outbox.length > 0 || Object.keys(c.pendingHeartbeats).length > 0 || Object.keys(c.pendingCommits).length > 0) return false;
  if (c.loop.kind !== 'waiting' || c.closing || w.now < c.stalledUntil) return false;
  const h = c.config.heartbeatIntervalMs;
  const heartbeatAt = c.timerDue.heartbeat;
  if (heartbeatAt === undefined || heartbeatAt < w.now || !Number.isInteger(heartbeatAt) || !Number.isInteger(h) || h < MIN_PERIOD_MS) return false;
  // Only the heartbeat thread's own schedule may be pending (not a lookup backoff, not a join's).
  if (heartbeatAt > w.now + h) return false;
  if (c.config.enableAutoCommit) {
    const a = c.config.autoCommitIntervalMs;
    const due = c.timerDue.poll;
    if (c.owned.length === 0 || due === undefined || c.loop.wakeAt !== due || due < c.nextAutoCommitAt || due < w.now) return false;
    if (!Number.isInteger(due) || !Number.isInteger(a) || a < MIN_PERIOD_MS || due > w.now + a) return false;
  }
  return true;
}

/** Writes the group's closed form for now (idempotent): what the coordinator and the members know. */
export function materialize(w: World, group: GroupState): void {
  const quiet = group.quiet;
  if (!quiet) return;
  const t = w.now;
  for (const q of quiet.members) {
    // Everything written below changes only when a message is sent, arrives or is answered.
    const unchanged = unchangedSpan.get(q);
    if (unchanged && unchanged.from <= t && t < unchanged.until) continue;
    const c = w.consumers[q.consumerId]!;
    const member = group.members[q.memberId];
    const sends = recentSends(q, t, 4);
    // Each send's arrival, computed once (newest first, as sends): FIFO, so they only fall.
    const arrivals = sends.map((s) => arrival(w, q, group.groupId, s));
    unchangedSpan.set(q, { from: t, until: nextChange(w, q, group.groupId, t, sends, arrivals) });
    // The coordinator: the newest message that has arrived, and the newest commit that has.
    const newestArrived = arrivals.findIndex((r) => r <= t);
    const seen = newestArrived < 0 ? q.lastSeen : arrivals[newestArrived]!;
    let committedAt: number | null = null;
    for (let k = 0; k < sends.length; k++) {
      if (arrivals[k]! > t) continue;
      if (isCommit(q, sends[k]!)) {
        committedAt = sends[k]!;
        break;
      }
    }
    if (committedAt === null && q.commitAt !== null) {
      // Fewer than four sends back: the newest commit is further back and long arrived.
      const m = countUpTo(q.commitAt, q.commitMs, t);
      for (let k = m - 1; k >= 0 && committedAt === null; k--) {
        const s = q.commitAt + k * q.commitMs;
        if (arrival(w, q, group.groupId, s) <= t) committedAt = s;
      }
    }
    if (member) member.lastSeen = seen;
    // Nothing else writes a quiet group's offsets: rewritten only when a newer commit arrived.
    if (committedAt !== null && offsetsWritten.get(q) !== committedAt) {
      analyticPositions(w, c, committedAt, group.offsets);
      offsetsWritten.set(q, committedAt);
    }
    // The member: its last heartbeat, next auto commit, requests sent, channels.
    const beats = countUpTo(q.heartbeatAt, q.heartbeatMs, t);
    const commits = countUpTo(q.commitAt, q.commitMs, t);
    c.lastHeartbeatAt = beats > 0 ? q.heartbeatAt + (beats - 1) * q.heartbeatMs : q.lastHeartbeatAt;
    if (q.commitAt !== null) {
      c.nextAutoCommitAt = q.commitAt + commits * q.commitMs;
      c.pollCount = q.pollCount + commits;
      if (c.loop.kind === 'waiting' && c.timers.poll === q.pollToken) c.loop = { kind: 'waiting', wakeAt: c.nextAutoCommitAt };
    }
    c.nextCorrelationId = q.correlationId + beats + commits;
    const channels = channelsOf(q, group.groupId);
    w.channels[channels.out] = arrivals.length === 0 ? q.outAt : arrivals[0]!;
    w.channels[channels.back] = newestArrived < 0 ? q.backAt : answer(w, q, group.groupId, sends[newestArrived]!);
  }
}

/**
 * The span of time over which a member's materialized values stay as they are (from the
 * instant they were written to its next send, arrival or answer): a cache of what the world
 * already holds, as offsetsWritten below.
 */
const unchangedSpan = new WeakMap<QuietMember, { from: number; until: number }>();

/** The first instant after t at which one of the member's messages is sent, arrives or is answered. */
function nextChange(w: World, q: QuietMember, groupId: string, t: number, sends: readonly number[], arrivals: readonly number[]): number {
  let until = Math.min(q.heartbeatAt + countUpTo(q.heartbeatAt, q.heartbeatMs, t) * q.heartbeatMs, q.commitAt === null ? Infinity : q.commitAt + countUpTo(q.commitAt, q.commitMs, t) * q.commitMs);
  for (let k = 0; k < sends.length; k++) {
    const r = arrivals[k]!;
    if (r > t) until = Math.min(until, r);
    const back = answer(w, q, groupId, sends[k]!);
    if (back > t) until = Math.min(until, back);
  }
  return until;
}

/**
 * The commit whose offsets materialize() last wrote, per quiet member: a cache of what the
 * world already holds (a restored world has new objects and writes them again).
 */
const offsetsWritten = new WeakMap<QuietMember, number>();

/** Materializes every quiet group (before the world is read). */
export function materializeAll(w: World): void {
  for (const groupId in w.groups) {
    const group = w.groups[groupId]!;
    if (group.quiet) materialize(w, group);
  }
}

/**
 * Back to scheduled heartbeats and commits at now: the group materialized, the messages still
 * in flight put on the agenda where they are, each member's timers armed at its next send.
 */
export function wake(ctx: Ctx, group: GroupState): void {
  const quiet = group.quiet;
  if (!quiet) return;
  const { w } = ctx;
  materialize(w, group);
  const t = w.now;
  for (const q of quiet.members) {
    const c = w.consumers[q.consumerId]!;
    const broker = c.coordinator ?? -1;
    // Oldest first: the agenda keeps a channel's order for messages due at the same instant.
    for (const s of recentSends(q, t, 4).reverse()) {
      const commit = isCommit(q, s);
      const sent: { s: number; commit: boolean }[] = commit && isHeartbeat(q, s) ? [{ s, commit: false }, { s, commit: true }] : [{ s, commit }];
      for (const message of sent) inFlight(ctx, group, q, c, broker, message.s, message.commit);
    }
    if (c.timers.heartbeat === q.heartbeatToken) armTimer(ctx, c, 'heartbeat', q.heartbeatAt + countUpTo(q.heartbeatAt, q.heartbeatMs, t) * q.heartbeatMs);
    if (q.commitAt !== null && c.timers.poll === q.pollToken) {
      c.loop = { kind: 'waiting', wakeAt: c.nextAutoCommitAt };
      armTimer(ctx, c, 'poll', c.nextAutoCommitAt);
    }
  }
  delete group.quiet;
}

/** Puts the message sent at s back on the agenda if it has not arrived, or its answer if that has not. */
function inFlight(ctx: Ctx, group: GroupState, q: QuietMember, c: ConsumerState, broker: number, s: number, commit: boolean): void {
  const { w } = ctx;
  const t = w.now;
  const r = arrival(w, q, group.groupId, s);
  const back = answer(w, q, group.groupId, s);
  if (back <= t) return;
  const correlationId = correlationOf(q, s, commit);
  const header = { groupId: group.groupId, consumerId: c.consumerId, incarnation: c.incarnation, broker, correlationId, memberId: q.memberId, generation: group.generation };
  if (commit) {
    const offsets: Record<string, number> = {};
    analyticPositions(w, c, s, offsets);
    c.pendingCommits[correlationId] = { mode: 'auto', then: null };
    if (r > t) ctx.schedule(r, { kind: 'toCoordinator', request: { type: 'OffsetCommit', ...header, offsets } });
    else ctx.schedule(back, { kind: 'toConsumer', consumerId: c.consumerId, incarnation: c.incarnation, correlationId, response: { type: 'OffsetCommit', error: null, offsets } });
    return;
  }
  c.pendingHeartbeats[correlationId] = group.generation;
  if (r > t) ctx.schedule(r, { kind: 'toCoordinator', request: { type: 'Heartbeat', ...header } });
  else ctx.schedule(back, { kind: 'toConsumer', consumerId: c.consumerId, incarnation: c.incarnation, correlationId, response: { type: 'Heartbeat', error: null } });
}

/** Wakes every quiet group (a command is about to change the world). */
export function wakeAll(ctx: Ctx): void {
  for (const groupId in ctx.w.groups) {
    const group = ctx.w.groups[groupId]!;
    if (group.quiet) wake(ctx, group);
  }
}

/** The quiet group a consumer belongs to, if its group is quiet. */
export function quietGroupOf(w: World, consumerId: string): GroupState | null {
  const groupId = w.consumers[consumerId]?.groupId;
  const group = groupId == null ? undefined : w.groups[groupId];
  return group?.quiet ? group : null;
}

/** A member's session runs out at this instant (the coordinator's session check would expel it). */
function expiresBy(group: GroupState, memberId: string, t: number): boolean {
  const member = group.members[memberId];
  return member !== undefined && member.lastSeen + member.sessionTimeoutMs <= t;
}

function wakeGroupOf(ctx: Ctx, consumerId: string): void {
  const group = quietGroupOf(ctx.w, consumerId);
  if (group) wake(ctx, group);
}

function wakeGroup(ctx: Ctx, groupId: string): void {
  const group = ctx.w.groups[groupId];
  if (group?.quiet) wake(ctx, group);
}

/**
 * Before an agenda entry runs: a quiet group it concerns wakes first (or, for a session
 * check that expels nobody, is only materialized so the check reads the last heartbeat).
 */
export function beforeTask(ctx: Ctx, task: Task): void {
  const { w } = ctx;
  switch (task.kind) {
    case 'consumerTimer': {
      // The heartbeat timers of a quiet member are void; a metadata refresh reads no group
      // state; a poll-timeout check of a thread waiting in poll() does nothing.
      if (task.timer === 'heartbeat' || task.timer === 'metadata' || !isLiveTimer(w, task)) return;
      if (task.timer === 'pollTimeout' && w.consumers[task.consumerId]?.loop.kind === 'waiting') return;
      return wakeGroupOf(ctx, task.consumerId);
    }
    case 'toConsumer':
    case 'fetch':
    case 'fetchCheck':
      return wakeGroupOf(ctx, task.kind === 'fetch' ? task.fetch.consumerId : task.consumerId);
    case 'findCoordinator':
      return wakeGroup(ctx, task.groupId);
    case 'groupTimer':
      if (groupTimerIsVoid(w, task)) return;
      return wakeGroup(ctx, task.groupId);
    case 'toCoordinator':
      return wakeGroup(ctx, task.request.groupId);
    case 'sessionCheck': {
      const group = w.groups[task.groupId];
      if (!group?.quiet) return;
      const q = group.quiet.members.find((m) => m.memberId === task.memberId);
      const member = group.members[task.memberId];
      if (q && member) member.lastSeen = lastSeenAt(w, group.groupId, q, w.now);
      if (expiresBy(group, task.memberId, w.now)) wake(ctx, group);
      return;
    }
  }
}

/**
 * A group timer that will do nothing: stale (an older round's), or the rebalance timeout of a
 * round whose members have all sent SyncGroup (it fires in every Stable group, five minutes on).
 */
function groupTimerIsVoid(w: World, task: Extract<Task, { kind: 'groupTimer' }>): boolean {
  const group = w.groups[task.groupId];
  if (!group?.quiet || task.timer === 'regexResolution') return false;
  if (group.timerToken !== task.token) return true;
  if (task.timer !== 'syncDeadline') return false;
  for (const memberId in group.members) if (group.members[memberId]!.pendingSync) return false;
  return true;
}

/** After an agenda entry ran: an answered heartbeat or commit may leave its group quiet. */
export function afterTask(ctx: Ctx, task: Task): void {
  if (task.kind !== 'toConsumer' || (task.response.type !== 'Heartbeat' && task.response.type !== 'OffsetCommit')) return;
  tryQuiet(ctx, ctx.w.consumers[task.consumerId]?.groupId ?? null);
}

/**
 * Before a command: what it concerns leaves the analytic model. A command about one consumer
 * wakes its group and puts that consumer back on discrete fetching; one about the cluster
 * (topics, producers, brokers, the model itself) does so for every group and consumer. A new
 * consumer needs nothing: its first request to a quiet group wakes it.
 */
export function beforeCommand(ctx: Ctx, command: Command): void {
  const { w } = ctx;
  switch (command.type) {
    case 'addConsumer':
      return;
    case 'crashConsumer':
    case 'closeConsumer':
    case 'restartConsumer':
    case 'stallConsumer':
    case 'refreshMetadata': {
      const c = w.consumers[command.id];
      if (!c) return;
      wakeGroupOf(ctx, c.consumerId);
      if (c.consumption !== null) {
        leaveAnalytic(w, c);
        wakeLoop(ctx, c);
      }
      return;
    }
    default:
      wakeAll(ctx);
      return leaveAllAnalytic(ctx);
  }
}
