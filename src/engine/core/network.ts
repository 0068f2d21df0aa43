import { seedState } from './prng';
import type { Ctx } from './context';
import type { ConsumerResponse, ConsumerState, CoordinatorRequest, FetchRequest, OutgoingRequest } from '../world';

/** One-way network latency between a client and a broker, in ms (seeded). */
export const MIN_LATENCY_MS = 1;
export const MAX_LATENCY_MS = 5;

/**
 * Delivery time on a FIFO channel: a Kafka connection never reorders its requests. The
 * latency is a pure function of the message's identity (seed, channel, send time), not the
 * next draw of a shared stream: a message the analytic consumption model never sends
 * (client/consumption/) shifts no other message, and no member id.
 */
function deliveryTime(ctx: Ctx, channel: string): number {
  const { w } = ctx;
  const at = Math.max(w.now + latencyMs(w.seed, channel, w.now), w.channels[channel] ?? 0);
  w.channels[channel] = at;
  return at;
}

/** One-way latency of a message sent on `channel` at virtual time `at`: MIN..MAX_LATENCY_MS. */
export function latencyMs(seed: number, channel: string, at: number): number {
  const ms = Math.floor(at);
  let h = seedState(seed) ^ channelHash(channel);
  h = Math.imul(h ^ ms, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ Math.round((at - ms) * 1024), 0xc2b2ae35);
  h = (h ^ (h >>> 16)) >>> 0;
  return MIN_LATENCY_MS + (h % (MAX_LATENCY_MS - MIN_LATENCY_MS + 1));
}

/** FNV-1a of a channel name, memoised: derived from the name alone, so not world state. */
const channelHashes = new Map<string, number>();

function channelHash(channel: string): number {
  let h = channelHashes.get(channel);
  if (h !== undefined) return h;
  h = 0x811c9dc5;
  for (let i = 0; i < channel.length; i++) h = Math.imul(h ^ channel.charCodeAt(i), 0x01000193);
  h >>>= 0;
  if (channelHashes.size > 100_000) channelHashes.clear();
  channelHashes.set(channel, h);
  return h;
}

/**
 * Sends a request from a client to its coordinator; returns its correlation id, which the
 * answer echoes. While the client knows no coordinator the request waits in its outbox
 * (see client/coordinator-discovery.ts), except those Kafka's client drops then.
 */
export function sendToCoordinator(ctx: Ctx, c: ConsumerState, request: OutgoingRequest): number {
  const correlationId = c.nextCorrelationId;
  c.nextCorrelationId += 1;
  resend(ctx, c, { ...request, correlationId, broker: c.coordinator ?? -1 } as CoordinatorRequest);
  return correlationId;
}

/** Sends an already stamped request again (after the coordinator moved), or parks it. */
export function resend(ctx: Ctx, c: ConsumerState, request: CoordinatorRequest): void {
  if (c.coordinator === null) {
    // The heartbeat thread and LeaveGroup skip a coordinator they do not know.
    if (request.type !== 'Heartbeat' && request.type !== 'LeaveGroup') c.outbox.push(request);
    return;
  }
  const stamped = request.broker === c.coordinator ? request : { ...request, broker: c.coordinator };
  const at = deliveryTime(ctx, `${request.consumerId}>${request.groupId}`);
  ctx.schedule(at, { kind: 'toCoordinator', request: stamped });
}

/** FindCoordinator to whichever broker answers. */
export function sendFindCoordinator(ctx: Ctx, c: ConsumerState, groupId: string): void {
  const at = deliveryTime(ctx, `${c.consumerId}>${groupId}`);
  ctx.schedule(at, { kind: 'findCoordinator', consumerId: c.consumerId, incarnation: c.incarnation, groupId });
}

/** A fetch to the partitions' leader (see cluster/fetch-server.ts). */
export function sendFetch(ctx: Ctx, c: ConsumerState, fetch: FetchRequest): void {
  const at = deliveryTime(ctx, `${c.consumerId}>fetch`);
  ctx.schedule(at, { kind: 'fetch', fetch });
}

export function sendFetchResponse(ctx: Ctx, consumerId: string, incarnation: number, response: ConsumerResponse): void {
  const at = deliveryTime(ctx, `fetch>${consumerId}`);
  ctx.schedule(at, { kind: 'toConsumer', consumerId, incarnation, correlationId: -1, response });
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
