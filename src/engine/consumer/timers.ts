import type { Ctx } from '../core/context';
import type { ConsumerState, ConsumerTimer } from '../world';

/**
 * Arms a named timer of a consumer. Re-arming cancels the previous one: each timer carries
 * a token and only the newest token (of the current incarnation) fires.
 */
export function armTimer(ctx: Ctx, c: ConsumerState, timer: ConsumerTimer, at: number): void {
  const token = (c.timers[timer] ?? 0) + 1;
  c.timers[timer] = token;
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
