/**
 * The analytic consumption model (issue 12): while a consumer is caught up and nothing can
 * change its situation, its fetch loop is a closed form of time instead of one Fetch, one
 * response and two polls every few ms. Its position on each partition trails the log end by
 * one mean fetch round trip:
 *
 *     position(p, t) = max(position at entry, logEnd(p, t - ROUND_TRIP_MS))
 *
 * and what it fetched it has processed (processing.ms = 0, the one case this model takes).
 * Nothing is scheduled for the fetches: the consumer is settled (its positions, processed
 * offsets and the truth ledger written up to now) whenever anything reads or changes it: its
 * own timers and mail (heartbeats, auto commits), any command, snapshot(), hash(),
 * checkpoint(), metrics samples. Settling is idempotent and path-independent (the closed form
 * is monotone, ledger runs merge), so a world settled at t1 and then at t2 equals one settled
 * at t2 only, and hash() does not depend on how often the page looked.
 *
 * What stays exact, as in the discrete model: heartbeats and auto commits (sent by their own
 * timers at the same instants, or computed for a quiet group by quiet/quiet-groups.ts;
 * network latency is a pure function of the message, see core/network.ts, so skipped
 * fetches shift nothing), member ids, rebalances and the assignment history. What differs: the fetch granularity. The discrete position moves in
 * fetch-sized steps at instants set by each fetch's latency; this one moves continuously. So a
 * committed offset, and the duplicates a crash leaves, differ from the discrete model's by at
 * most what one partition receives in a round trip (ROUND_TRIP_BOUND_MS of its producer's
 * rate, plus one record). The property test (analytic.test.ts) checks both claims.
 *
 * The consumer leaves the model (back to discrete fetching) as soon as it is not steady:
 * a rebalance, a command, a stall, a change its timers bring. Kept discrete: the world's
 * consumption model is 'discrete' unless a setConsumptionModel command says 'analytic'.
 */
import { logEndAt, logEndsAt, logStart, parsePartition } from '../../cluster/log';
import { recordBytesOf } from '../../cluster/fetch-server';
import { MAX_LATENCY_MS, MIN_LATENCY_MS } from '../../core/network';
import { ledgerOf, recordProcessedIn } from '../../ledger/ledger';
import type { Ctx } from '../../core/context';
import type { ConsumerState, World } from '../../world';
import { wakeLoop } from '../thread';

/** The position trails the log end by one mean round trip (request + response latency). */
export const ROUND_TRIP_MS = MIN_LATENCY_MS + MAX_LATENCY_MS;
/** The longest a discrete fetch round trip takes: the bound on how far the two models' positions may differ. */
export const ROUND_TRIP_BOUND_MS = 2 * MAX_LATENCY_MS;

/** Whether the consumer's fetches are a closed form right now. */
export function isAnalytic(c: ConsumerState): boolean {
  return c.consumption !== null;
}

/**
 * Whether the consumer may stop fetching record by record: called by poll() with the fetch
 * buffer empty and no fetch in flight, once the group let it poll ('ready').
 */
export function maySkipFetches(w: World, c: ConsumerState): boolean {
  if (w.consumptionModel !== 'analytic') return false;
  if (c.status !== 'running' || c.closing || w.now < c.stalledUntil) return false;
  // Processing takes no time and nothing but auto commit commits: the loop is fetch-bound.
  if (c.processingMs !== 0 || c.commit !== 'auto') return false;
  if (c.fetchInFlight !== null || c.fetchBuffer.length > 0 || c.owned.length === 0) return false;
  if (!steadyMember(c)) return false;
  let bytesPerRoundTrip = 0;
  for (const partition of c.owned) {
    const parsed = parsePartition(partition);
    const position = c.position[partition];
    if (!parsed || position === undefined || !Object.hasOwn(w.topics, parsed.topic)) return false;
    const { topic, index } = parsed;
    const size = recordBytesOf(w, topic);
    // One record is enough for the broker to answer (fetch.min.bytes): it never holds the fetch.
    if (c.config.fetchMinBytes > size) return false;
    // Caught up: one fetch brings what is there (max.partition.fetch.bytes) and nothing was deleted under it.
    const cap = Math.max(1, Math.floor(c.config.maxPartitionFetchBytes / size));
    if (logEndAt(w, topic, index, w.now) - position > cap || position < logStart(w, topic, index)) return false;
    // And keeps up: a round trip's worth of records stays well inside one fetch.
    const perRoundTrip = recordsPerMs(w, topic) * ROUND_TRIP_BOUND_MS + 1;
    if (perRoundTrip * 2 > cap) return false;
    bytesPerRoundTrip += perRoundTrip * size;
  }
  return bytesPerRoundTrip * 2 <= c.config.fetchMaxBytes;
}

/** A member the group leaves alone: nothing to join, sync, reconcile or revoke. */
function steadyMember(c: ConsumerState): boolean {
  const m = c.membership;
  switch (m.groupProtocol) {
    case 'none':
      return true;
    case 'classic':
      return m.phase === 'stable' && !m.rejoinNeeded && m.pendingAssignment === null && m.deferredJoinResponse === null && !m.fenced;
    case 'consumer':
      return m.state === 'member' && m.phase === 'stable' && m.pendingAssignment === null && !m.fenced;
  }
}

function recordsPerMs(w: World, topic: string): number {
  const producer = w.producers[topic];
  const partitions = w.topics[topic]?.partitions.length ?? 1;
  return producer ? producer.rate / 1000 / partitions : 0;
}

export function enterAnalytic(w: World, c: ConsumerState): void {
  const from: Record<string, number> = {};
  for (const partition of c.owned) from[partition] = c.position[partition]!;
  c.consumption = { model: 'analytic', since: w.now, from };
}

/** One owned partition of an analytic consumer, parsed once. */
export interface AnalyticPartition {
  partition: string;
  topic: string;
  index: number;
  from: number;
  /** Where settle() writes: the group's ledger for this partition, looked up on first use. */
  ledger?: ReturnType<typeof ledgerOf>;
}

/**
 * The consumer's owned partitions with their entry positions, parsed once per entry: derived
 * from `consumption` alone (which never changes while it lasts), so kept by its identity.
 */
const partsCache = new WeakMap<object, AnalyticPartition[]>();

export function analyticPartitions(c: ConsumerState): AnalyticPartition[] {
  const consumption = c.consumption;
  if (consumption === null) return [];
  let parts = partsCache.get(consumption);
  if (parts) return parts;
  parts = [];
  for (const partition in consumption.from) {
    const parsed = parsePartition(partition);
    if (parsed) parts.push({ partition, topic: parsed.topic, index: parsed.index, from: consumption.from[partition]! });
  }
  partsCache.set(consumption, parts);
  return parts;
}

/** Scratch for closedForms (overwritten by the next call: read it before calling again). */
const scratchPositions: number[] = [];

/**
 * The closed form: where the consumer stands at time t (t >= its entry) on each partition of
 * analyticPartitions(c), in that order. Each topic's formula is looked up once per call.
 */
function closedForms(w: World, c: ConsumerState, t: number): readonly number[] {
  const parts = analyticPartitions(c);
  const at = t - ROUND_TRIP_MS;
  scratchPositions.length = parts.length;
  let topic: string | null = null;
  let endAt: ((index: number) => number) | null = null;
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k]!;
    if (p.topic !== topic) {
      topic = p.topic;
      endAt = at < 0 || !Object.hasOwn(w.topics, topic) ? null : logEndsAt(w, topic, at);
    }
    scratchPositions[k] = endAt === null ? p.from : Math.max(p.from, endAt(p.index));
  }
  return scratchPositions;
}

/** The closed form for every owned partition at time t, into `out` (partition -> offset). */
export function analyticPositions(w: World, c: ConsumerState, t: number, out: Record<string, number>): void {
  const parts = analyticPartitions(c);
  const positions = closedForms(w, c, t);
  for (let k = 0; k < parts.length; k++) out[parts[k]!.partition] = positions[k]!;
}

/** Whether settle() would write anything now (a batch being taken is written by its batchDone first). */
function settles(w: World, c: ConsumerState): boolean {
  return c.consumption !== null && c.status === 'running' && c.loop.kind !== 'processing' && c.lastPollAt !== w.now;
}

/** Settles the consumer up to now and hands it back to the discrete fetch loop. */
export function leaveAnalytic(w: World, c: ConsumerState): void {
  if (c.consumption === null) return;
  settle(w, c);
  c.consumption = null;
}

/**
 * Writes the closed form up to `w.now`: positions, processed offsets and count, the truth
 * ledger, and the last poll (the thread is inside poll() all along). Idempotent.
 */
export function settle(w: World, c: ConsumerState): void {
  if (!settles(w, c)) return;
  let processed = 0;
  let sum = 0;
  const parts = analyticPartitions(c);
  const positions = closedForms(w, c, w.now);
  // The positions the last settle left, when they are still the world's (see settledSums);
  // null when a partition has none, and then nothing is kept.
  const known = settledPositions(c);
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k]!;
    const partition = p.partition;
    const from = known !== null ? known.positions[k]! : c.position[partition];
    const to = positions[k]!;
    if (from === undefined) continue;
    const left = Math.max(from, to);
    sum += left;
    if (known !== null) known.positions[k] = left;
    if (to <= from) continue;
    if (c.groupId !== null) recordProcessedIn((p.ledger ??= ledgerOf(w, c.groupId, partition)), from, to);
    c.position[partition] = to;
    c.processedOffsets[partition] = to;
    processed += to - from;
  }
  c.lastPollAt = w.now;
  c.processedCount += processed;
  if (known !== null) {
    known.at = w.now;
    known.sum = sum;
  }
}

/**
 * What settle() last left, per consumption: the instant, each partition's position (in
 * analyticPartitions order) and their sum, when every partition had one. Only settle() moves
 * an analytic consumer's positions, so until its next settle (c.lastPollAt moves with it)
 * they are still the world's: the next settle and a metrics sample's count of what is
 * unsettled need not read them back (a cache of what the world holds).
 */
const settledSums = new WeakMap<object, SettledPositions>();

interface SettledPositions {
  /** c.lastPollAt when they were read or written. */
  at: number | null;
  sum: number;
  positions: number[];
}

/** The consumer's positions since its last settle (read once from the world if not kept yet), or null if one is missing. */
function settledPositions(c: ConsumerState): SettledPositions | null {
  const consumption = c.consumption!;
  const kept = settledSums.get(consumption);
  if (kept !== undefined && kept.at === c.lastPollAt) return kept;
  const parts = analyticPartitions(c);
  const positions = new Array<number>(parts.length);
  let sum = 0;
  for (let k = 0; k < parts.length; k++) {
    const at = c.position[parts[k]!.partition];
    if (at === undefined) return null;
    positions[k] = at;
    sum += at;
  }
  const read = { at: c.lastPollAt, sum, positions };
  settledSums.set(consumption, read);
  return read;
}

/** Settles every analytic consumer (before the world is read or changed from outside). */
export function settleAll(w: World): void {
  for (const id in w.consumers) {
    const c = w.consumers[id]!;
    if (c.consumption !== null) settle(w, c);
  }
}

/**
 * A command is about to change the world: every analytic consumer is settled and fetches
 * record by record again from now (a thread in poll() wakes and sends its fetch); each goes
 * back to the closed form at its next caught-up poll.
 */
export function leaveAllAnalytic(ctx: Ctx): void {
  for (const id in ctx.w.consumers) {
    const c = ctx.w.consumers[id]!;
    if (c.consumption === null) continue;
    leaveAnalytic(ctx.w, c);
    wakeLoop(ctx, c);
  }
}

/**
 * Per group, the records its analytic consumers processed that settle() has not written to
 * the ledger yet: what a metrics sample counts as consumed without writing anything (the
 * same total a settle would give, at a fraction of its cost).
 */
export function unsettledRecords(w: World): Map<string, number> {
  const out = new Map<string, number>();
  for (const id in w.consumers) {
    const c = w.consumers[id]!;
    if (c.groupId === null || !settles(w, c)) continue;
    let pending = 0;
    const parts = analyticPartitions(c);
    const positions = closedForms(w, c, w.now);
    const settled = settledPositions(c);
    if (settled !== null) {
      // The closed form never falls, so each partition's share is to - position >= 0.
      for (let k = 0; k < parts.length; k++) pending += positions[k]!;
      pending -= settled.sum;
    } else {
      for (let k = 0; k < parts.length; k++) {
        const from = c.position[parts[k]!.partition];
        const to = positions[k]!;
        if (from !== undefined && to > from) pending += to - from;
      }
    }
    if (pending > 0) out.set(c.groupId, (out.get(c.groupId) ?? 0) + pending);
  }
  return out;
}
