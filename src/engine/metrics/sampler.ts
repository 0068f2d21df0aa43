/**
 * Sampling at fixed virtual-time boundaries (multiples of the interval, 1 s unless the
 * world tracks many partitions: see sampleIntervalMs). The sample at boundary b is
 * the world just before anything at time b happens: the simulation calls takeSamplesUntil
 * before it runs an agenda entry at t (boundaries <= t) and at the end of advance(), so the
 * series do not depend on how advance() was chunked. Between two agenda entries only the
 * producer's formula moves, so a sample reads log ends at b, everything else as it stands.
 *
 * Cost per sample: O(partitions tracked), never O(records): log ends from the producer
 * formula, committed offsets from the group, consumed from the ledger's counter.
 */
import { logEnd, logStart } from '../cluster/log';
import type { World } from '../world';
import { lagMsAt } from './append-time';
import type { ProducerSegment } from './types';
import { NONE, beginSample, endSample, fold } from './tiered-table';
import {
  G_COMMITTED, G_CONSUMED, G_LAG, G_LAG_MS, G_LOG_END, G_PRODUCED, P_COMMITTED, P_LAG, P_LAG_MS, SPAN, T_LOG_END,
  T_PRODUCED, ensureTopicPartitions, groupMetrics, partitionCol, sampleIntervalMs, topicMetrics, topicPartitionCol,
} from './tracking';

/**
 * What the simulation tells the sampler about records processed but not yet written to the
 * ledger (the analytic consumption model settles lazily): per group, how many.
 */
export type UnsettledRecords = (w: World) => ReadonlyMap<string, number>;

const NOTHING_UNSETTLED: ReadonlyMap<string, number> = new Map();

/** Takes every sample due at boundaries <= t. Cheap when none is due (one comparison). */
export function takeSamplesUntil(w: World, t: number, beforeSample?: (w: World) => void, unsettled?: UnsettledRecords): void {
  const m = w.metrics;
  if (t < m.nextSampleAt) return;
  const now = w.now;
  try {
    while (m.nextSampleAt <= t) {
      const b = m.nextSampleAt;
      // Log ends are a formula of time: read them at the boundary, not at the last event.
      w.now = b;
      beforeSample?.(w);
      sampleAt(w, b, b - m.lastSampleAt, unsettled?.(w) ?? NOTHING_UNSETTLED);
      m.lastSampleAt = b;
      const interval = sampleIntervalMs(m);
      m.nextSampleAt = (Math.floor(b / interval) + 1) * interval;
    }
  } finally {
    w.now = now;
  }
}

const NO_OFFSETS: Record<string, number> = Object.freeze({}) as Record<string, number>;

/**
 * Log ends and produced counts per topic at the sample being taken: scratch, overwritten
 * at every sample before it is read (not state). Reused to keep the sampler allocation-free.
 */
const scratchEnds = new Map<string, number[]>();
const scratchProduced = new Map<string, number>();

function sampleAt(w: World, b: number, spanMs: number, unsettled: ReadonlyMap<string, number>): void {
  const m = w.metrics;
  // for...in, not Object.keys: same order, no array per sample.
  for (const name in w.topics) sampleTopic(w, name, b, spanMs);
  for (const groupId in w.groups) if (!m.groups[groupId]) groupMetrics(m, groupId);
  for (const groupId in w.consumerGroups) if (!m.groups[groupId]) groupMetrics(m, groupId);
  for (const groupId in m.groups) sampleGroup(w, groupId, b, spanMs, unsettled.get(groupId) ?? 0);
}

/** A topic's log ends (per partition and in total) and what was produced since the last sample. */
function sampleTopic(w: World, name: string, b: number, spanMs: number): void {
  const m = w.metrics;
  const state = w.topics[name]!;
  const topic = topicMetrics(m, name);
  const count = state.partitions.length;
  ensureTopicPartitions(m, topic, count);
  let ends = scratchEnds.get(name);
  if (!ends) scratchEnds.set(name, (ends = []));
  ends.length = count;
  let total = 0;
  beginSample(topic.partitions, b);
  fold(topic.partitions, SPAN, spanMs);
  for (let i = 0; i < count; i++) {
    const end = logEnd(w, name, i);
    ends[i] = end;
    total += end;
    fold(topic.partitions, topicPartitionCol(i), end);
  }
  endSample(topic.partitions, b);
  const produced = Math.max(0, total - topic.lastLogEnd);
  topic.lastLogEnd = total;
  beginSample(topic.totals, b);
  fold(topic.totals, SPAN, spanMs);
  fold(topic.totals, T_LOG_END, total);
  fold(topic.totals, T_PRODUCED, produced);
  endSample(topic.totals, b);
  scratchProduced.set(name, produced);
}

/** A group's committed offsets, lag and lag in time per partition, and its totals. */
function sampleGroup(w: World, groupId: string, b: number, spanMs: number, unsettled: number): void {
  const m = w.metrics;
  const group = m.groups[groupId]!;
  const offsets = w.groups[groupId]?.offsets ?? w.consumerGroups[groupId]?.offsets ?? NO_OFFSETS;
  let endSum = 0;
  let committedSum = 0;
  let lagSum = 0;
  let lagMsMax = 0;
  const table = group.partitions;
  beginSample(table, b);
  // The hot loop of the sampler (groups x partitions per sample): per-topic lookups are
  // hoisted (tracked partitions of a topic are mostly adjacent), and the open row is written
  // directly with the columns' aggregates (committed: last; lag, lagMs: max).
  const open = table.open;
  fold(table, SPAN, spanMs);
  let topicName: string | null = null;
  let ends: number[] | undefined;
  let segments: ProducerSegment[] = [];
  for (let slot = 0; slot < group.tracked.length; slot++) {
    if (group.trackedTopic[slot] !== topicName) {
      topicName = group.trackedTopic[slot]!;
      // A topic that is not there (not created yet) reads as empty.
      ends = w.topics[topicName] ? scratchEnds.get(topicName) : undefined;
      segments = m.topics[topicName]?.segments ?? [];
    }
    const index = group.trackedIndex[slot]!;
    const end = ends?.[index] ?? 0;
    // "topic-N" never names an inherited property, so a plain lookup is safe.
    const committed = offsets[group.tracked[slot]!] ?? null;
    const from = committed ?? logStart(w, topicName, index);
    // kafka-consumer-groups.sh's LAG; the snapshot computes it the same way.
    const lag = end > from ? end - from : 0;
    const lagMs = lag > 0 ? lagMsAt(segments, index, from, lag, b) : 0;
    endSum += end;
    committedSum += from;
    lagSum += lag;
    if (lagMs > lagMsMax) lagMsMax = lagMs;
    const col = partitionCol(slot, 0);
    open[col + P_COMMITTED] = committed ?? NONE;
    // NONE (-1) is below every lag: the first sample of a bucket always wins.
    if (lag > open[col + P_LAG]!) open[col + P_LAG] = lag;
    if (lagMs > open[col + P_LAG_MS]!) open[col + P_LAG_MS] = lagMs;
  }
  endSample(table, b);

  const consumedTotal = (w.ledger[groupId]?.records ?? 0) + unsettled;
  const consumed = Math.max(0, consumedTotal - group.lastConsumed);
  group.lastConsumed = consumedTotal;
  let produced = 0;
  for (const topicName of group.topics) produced += w.topics[topicName] ? (scratchProduced.get(topicName) ?? 0) : 0;
  const totals = group.totals;
  beginSample(totals, b);
  fold(totals, SPAN, spanMs);
  fold(totals, G_LOG_END, endSum);
  fold(totals, G_COMMITTED, committedSum);
  fold(totals, G_LAG, lagSum);
  fold(totals, G_LAG_MS, lagMsMax);
  fold(totals, G_CONSUMED, consumed);
  fold(totals, G_PRODUCED, produced);
  endSample(totals, b);
}
