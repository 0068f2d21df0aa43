import { randomInt } from './prng';
import type { Ctx } from './context';
import type { ConsumerResponse, ConsumerState, CoordinatorRequest, OutgoingRequest } from '../world';

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

/** Sends a request from a client; returns its correlation id, which the answer echoes. */
export function sendToCoordinator(ctx: Ctx, c: ConsumerState, request: OutgoingRequest): number {
  const correlationId = c.nextCorrelationId;
  c.nextCorrelationId += 1;
  const stamped = { ...request, correlationId } as CoordinatorRequest;
  const at = deliveryTime(ctx, `${request.consumerId}>${request.groupId}`);
  ctx.schedule(at, { kind: 'toCoordinator', request: stamped });
  return correlationId;
}

/** The coordinator answers a request it got, now or later (a held JoinGroup or SyncGroup). */
export function sendToConsumer(
  ctx: Ctx,
  to: { groupId: string; consumerId: string; incarnation: number },
  correlationId: number,
  response: ConsumerResponse,
): void {
  const at = deliveryTime(ctx, `${to.groupId}>${to.consumerId}`);
  ctx.schedule(at, { kind: 'toConsumer', consumerId: to.consumerId, incarnation: to.incarnation, correlationId, response });
}

/** Answers `req` at once. */
export function reply(ctx: Ctx, req: CoordinatorRequest, response: ConsumerResponse): void {
  sendToConsumer(ctx, req, req.correlationId, response);
}
