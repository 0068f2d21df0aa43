/**
 * When was the record at offset o of a partition appended? The producer is a formula
 * (cluster/log.ts): a segment (since, rate, cursor) writes its n-th record, round-robin from
 * partition `cursor`, at since + (n + 1) * 1000 / rate. Segments end when the rate or the
 * partition count changes; metrics keeps the recent ones (with each partition's base) so
 * lag in time can be read for offsets written before the current segment began.
 */
import type { World } from '../world';
import type { ProducerSegment, TopicMetricsState } from './types';

/** Segments kept per topic (one per setProducer / addPartitions). */
export const MAX_SEGMENTS = 32;

/** Records the producer formula as it stands now; call after it changed (settled). */
export function recordSegment(w: World, topic: TopicMetricsState, name: string): void {
  const producer = w.producers[name];
  const state = w.topics[name];
  if (!producer || !state) return;
  const segment: ProducerSegment = {
    since: producer.since,
    rate: producer.rate,
    cursor: producer.cursor,
    bases: state.partitions.map((p) => p.base),
  };
  const last = topic.segments[topic.segments.length - 1];
  // Two changes at the same instant: the later formula replaces the earlier one.
  if (last && last.since === segment.since && sameBases(last.bases, segment.bases)) topic.segments.pop();
  topic.segments.push(segment);
  if (topic.segments.length > MAX_SEGMENTS) topic.segments.shift();
}

function sameBases(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Append time of the record at `offset` of partition `index`, or null when no kept segment
 * wrote it (older than every kept segment, or never produced). Mirrors the rounding of
 * timeWhenLogReaches in cluster/log.ts.
 */
export function appendTime(segments: readonly ProducerSegment[], index: number, offset: number): number | null {
  for (let s = segments.length - 1; s >= 0; s--) {
    const seg = segments[s]!;
    const count = seg.bases.length;
    const base = seg.bases[index];
    if (base === undefined || offset < base) continue;
    if (seg.rate <= 0) return null; // a stopped segment wrote nothing past its base
    const first = (((index - seg.cursor) % count) + count) % count;
    const globalIndex = first + (offset - base) * count;
    return Math.ceil(seg.since + ((globalIndex + 1) * 1000) / seg.rate - 1e-9);
  }
  return null;
}

/**
 * Lag in time at `now` of a partition whose next record to consume is `offset`: how long
 * ago that record was appended. 0 when there is nothing to consume. A record older than
 * every kept segment is dated to the oldest segment's start (so the figure is a lower bound).
 */
export function lagMsAt(segments: readonly ProducerSegment[], index: number, offset: number, lag: number, now: number): number {
  if (lag <= 0) return 0;
  const at = appendTime(segments, index, offset) ?? segments[0]?.since ?? now;
  return Math.max(0, now - at);
}
