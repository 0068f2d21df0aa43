import { randomInt } from './prng';
import type { Ctx } from './context';
import type { ConsumerResponse, CoordinatorRequest } from '../world';

/** One-way network latency between a client and the coordinator, in ms (seeded). */
export const MIN_LATENCY_MS = 1;
export const MAX_LATENCY_MS = 5;

/** Delivery time on a FIFO channel: a Kafka connection never reorders its requests. */
function deliveryTime(ctx: Ctx, channel: string): number {
  const { w } = ctx;
  const at = Math.max(w.now + randomInt(w, MIN_LATENCY_MS, MAX_LATENCY_MS), w.channels[channel] ?? 0);
  w.channels[channel] = at;
  return at;
}

export function sendToCoordinator(ctx: Ctx, request: CoordinatorRequest): void {
  const at = deliveryTime(ctx, `${request.consumerId}>${request.groupId}`);
  ctx.schedule(at, { kind: 'toCoordinator', request });
}

export function sendToConsumer(
  ctx: Ctx,
  groupId: string,
  consumerId: string,
  incarnation: number,
  response: ConsumerResponse,
): void {
  const at = deliveryTime(ctx, `${groupId}>${consumerId}`);
  ctx.schedule(at, { kind: 'toConsumer', consumerId, incarnation, response });
}
