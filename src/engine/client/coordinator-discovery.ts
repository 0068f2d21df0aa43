/**
 * Finding the group coordinator (AbstractCoordinator.ensureCoordinatorReady): FindCoordinator
 * to any broker, a backoff while none answers, and what happens to requests meanwhile. When
 * a request fails because its broker is down or no longer the coordinator, the client marks
 * the coordinator unknown and looks again.
 */
import type { Ctx } from '../core/context';
import { resend, sendFindCoordinator } from '../core/network';
import type { ConsumerState } from '../world';
import { armTimer } from './thread';

/** retry.backoff.ms and retry.backoff.max.ms (Kafka 3.7+: exponential between the two). */
export const RETRY_BACKOFF_MS = 100;
export const RETRY_BACKOFF_MAX_MS = 1_000;

export function startDiscovery(ctx: Ctx, c: ConsumerState): void {
  if (c.groupId === null) return;
  c.coordinator = null;
  armTimer(ctx, c, 'findCoordinator', ctx.w.now);
}

export function onFindTimer(ctx: Ctx, c: ConsumerState): void {
  if (c.groupId !== null && c.coordinator === null) sendFindCoordinator(ctx, c, c.groupId);
}

export function onFindCoordinatorResponse(ctx: Ctx, c: ConsumerState, coordinator: number | null): void {
  if (c.groupId === null || c.coordinator !== null) return;
  if (coordinator === null) {
    armTimer(ctx, c, 'findCoordinator', ctx.w.now + c.findBackoffMs);
    c.findBackoffMs = Math.min(c.findBackoffMs * 2, RETRY_BACKOFF_MAX_MS);
    return;
  }
  c.coordinator = coordinator;
  c.findBackoffMs = RETRY_BACKOFF_MS;
  ctx.emit({ type: 'CoordinatorFound', consumerId: c.consumerId, groupId: c.groupId, broker: coordinator });
  const waiting = c.outbox;
  c.outbox = [];
  for (const request of waiting) resend(ctx, c, request);
}

/** A request came back unanswered from `broker`: forget it as coordinator (once) and look again. */
export function coordinatorLost(ctx: Ctx, c: ConsumerState, broker: number, error: 'NOT_COORDINATOR' | 'NETWORK_EXCEPTION'): void {
  if (c.groupId === null || c.coordinator !== broker) return;
  ctx.emit({ type: 'CoordinatorLost', consumerId: c.consumerId, groupId: c.groupId, broker, error });
  startDiscovery(ctx, c);
}
