/**
 * The bottom of the client chain: the application thread's timers and wake-ups. Every other
 * client module may call these; these call nothing above them.
 */
import type { Ctx } from '../core/context';
import type { ConsumerState, ConsumerTimer, Task, World } from '../world';

/**
 * Arms a named timer of a consumer. Re-arming cancels the previous one: each timer carries
 * a token and only the newest token (of the current incarnation) fires.
 */
export function armTimer(ctx: Ctx, c: ConsumerState, timer: ConsumerTimer, at: number): void {
  const token = (c.timers[timer] ?? 0) + 1;
  c.timers[timer] = token;
  c.timerDue[timer] = Math.max(at, ctx.w.now);
  ctx.schedule(Math.max(at, ctx.w.now), {
    kind: 'consumerTimer',
    consumerId: c.consumerId,
    incarnation: c.incarnation,
    timer,
    token,
  });
}

export function cancelTimer(c: ConsumerState, timer: ConsumerTimer): void {
  c.timers[timer] = (c.timers[timer] ?? 0) + 1;
}

export function isCurrent(c: ConsumerState, timer: ConsumerTimer, token: number, incarnation: number): boolean {
  return c.incarnation === incarnation && c.timers[timer] === token;
}

/** Something the thread must react to happened: a thread blocked in poll() returns now. */
export function wakeLoop(ctx: Ctx, c: ConsumerState): void {
  if (c.status !== 'running' || c.loop.kind !== 'waiting') return;
  c.loop = { kind: 'waiting', wakeAt: ctx.w.now };
  armTimer(ctx, c, 'poll', Math.max(ctx.w.now, c.stalledUntil));
}

/**
 * max.poll.interval.ms is checked by the heartbeat thread while the app is away from poll().
 * One check is pending at a time and re-arms itself at the current deadline when it fires,
 * so a busy loop does not pile stale timers onto the agenda.
 */
export function armPollTimeout(ctx: Ctx, c: ConsumerState): void {
  if (c.membership.groupProtocol === 'none' || c.lastPollAt === null) return;
  const deadline = c.lastPollAt + c.config.maxPollIntervalMs;
  if (c.pollCheckAt !== null && c.pollCheckAt <= deadline) return;
  c.pollCheckAt = deadline;
  armTimer(ctx, c, 'pollTimeout', deadline);
}

/**
 * Whether a consumer timer on the agenda can still fire. A re-armed timer leaves its old
 * entry behind (the token says it is void): a consumer waiting in poll() re-arms its poll
 * timer once per fetch, so without pruning the agenda fills with tens of thousands of
 * entries due at the next auto commit. Tokens only grow and a restart is a new incarnation,
 * so a void entry never becomes live again.
 */
export function isLiveTimer(w: World, task: Extract<Task, { kind: 'consumerTimer' }>): boolean {
  const c = w.consumers[task.consumerId];
  return c !== undefined && c.incarnation === task.incarnation && c.timers[task.timer] === task.token;
}
