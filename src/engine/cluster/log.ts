/**
 * Partition logs as offset ranges. A producer is a formula (rate, start time, round-robin
 * cursor), so a log end is computed when asked: no event per record, ever.
 */
import type { ProducerState, TopicState, World } from '../world';

const parsed = new Map<string, { topic: string; index: number } | null>();

/** Parses "topic-N" into its topic and partition index, or null if malformed. Memoised: it is on the fetch path. */
export function parsePartition(id: string): { topic: string; index: number } | null {
  let result = parsed.get(id);
  if (result === undefined) {
    const match = /^(.+)-(0|[1-9]\d*)$/.exec(id);
    result = match ? Object.freeze({ topic: match[1]!, index: Number(match[2]) }) : null;
    if (parsed.size > 100_000) parsed.clear();
    parsed.set(id, result);
  }
  return result;
}

export function partitionId(topic: string, index: number): string {
  return `${topic}-${index}`;
}

/** Records the producer has written since its segment began, over all partitions. */
function producedInSegment(w: World, topic: string, at: number): number {
  const producer = w.producers[topic];
  if (!producer || producer.rate <= 0) return 0;
  return Math.floor(((at - producer.since) * producer.rate) / 1000 + 1e-9);
}

/** How many of the first `n` records of a round-robin segment land on partition `index`. */
function shareOf(n: number, index: number, cursor: number, count: number): number {
  const first = (((index - cursor) % count) + count) % count;
  return n > first ? Math.floor((n - 1 - first) / count) + 1 : 0;
}

/** The topic's state, if the world has a topic of that name (never an inherited property). */
function topicOf(w: World, topic: string) {
  return Object.hasOwn(w.topics, topic) ? w.topics[topic] : undefined;
}

export function logEnd(w: World, topic: string, index: number): number {
  const state = topicOf(w, topic);
  const partition = state?.partitions[index];
  if (!state || !partition) return 0;
  const producer = w.producers[topic];
  if (!producer) return partition.base;
  const n = producedInSegment(w, topic, w.now);
  return partition.base + shareOf(n, index, producer.cursor, state.partitions.length);
}

/**
 * Every partition's log end of a topic at once (the snapshot's and the sampler's reads):
 * the producer's formula is evaluated once, not once per partition.
 */
export function logEnds(w: World, topic: string): number[] {
  const state = topicOf(w, topic);
  if (!state) return [];
  const producer = w.producers[topic];
  const count = state.partitions.length;
  const n = producer ? producedInSegment(w, topic, w.now) : 0;
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) out[i] = state.partitions[i]!.base + (producer ? shareOf(n, i, producer.cursor, count) : 0);
  return out;
}

/** Every partition's log start of a topic at once; the same values as logStart(). */
export function logStarts(w: World, topic: string): number[] {
  const state = topicOf(w, topic);
  if (!state) return [];
  const count = state.partitions.length;
  const out = new Array<number>(count);
  if (state.retentionMs < 0) {
    for (let i = 0; i < count; i++) out[i] = state.partitions[i]!.logStart;
    return out;
  }
  const expired = logEndsAt(w, topic, w.now - state.retentionMs);
  for (let i = 0; i < count; i++) out[i] = Math.max(state.partitions[i]!.logStart, expired(i));
  return out;
}

/**
 * The first offset still in the log: retention.ms deletes what is older. Simplification (in
 * the About dialog): records go one by one as they age past retention.ms; Kafka deletes
 * whole segments once their newest record has, so its log start moves in steps.
 */
export function logStart(w: World, topic: string, index: number): number {
  const state = topicOf(w, topic);
  const partition = state?.partitions[index];
  if (!state || !partition) return 0;
  if (state.retentionMs < 0) return partition.logStart;
  return Math.max(partition.logStart, logEndAt(w, topic, index, w.now - state.retentionMs));
}

/**
 * How many records partition `index` holds at virtual time `t`: the producer's past for a
 * time before now, its formula as it stands for a time after (a fetch waiting for data).
 */
export function logEndAt(w: World, topic: string, index: number, t: number): number {
  return logEndOf(topicOf(w, topic)!, w.producers[topic], index, t);
}

/** logEndAt for a topic's state and producer (no allocation: it runs once per partition on hot paths). */
function logEndOf(state: TopicState, producer: ProducerState | undefined, index: number, t: number): number {
  const partition = state.partitions[index]!;
  if (!producer) return partition.base;
  if (t >= producer.since) {
    const n = Math.floor(((t - producer.since) * producer.rate) / 1000 + 1e-9);
    return partition.base + shareOf(n, index, producer.cursor, state.partitions.length);
  }
  return pastLogEnd(state, pastSegment(state, t), index, t);
}

/** The producer's past segment that covers time t, if any (before the first one: null). */
function pastSegment(state: TopicState, t: number): TopicState['history'][number] | null {
  for (let i = state.history.length - 1; i >= 0; i--) if (state.history[i]!.since <= t) return state.history[i]!;
  return null;
}

function pastLogEnd(state: TopicState, segment: TopicState['history'][number] | null, index: number, t: number): number {
  if (segment === null) return state.history[0]?.bases[index] ?? 0;
  const count = segment.bases.length;
  if (index >= count) return 0; // the partition did not exist yet
  const n = Math.floor(((Math.min(t, segment.until) - segment.since) * segment.rate) / 1000 + 1e-9);
  return segment.bases[index]! + shareOf(n, index, segment.cursor, count);
}

/**
 * Every partition's log end of a topic at virtual time `t`, as a function of the partition's
 * index: under the producer's current formula its record count is found once, so reading many
 * partitions at one instant (a consumer's closed form) costs one lookup, not one per partition.
 */
export function logEndsAt(w: World, topic: string, t: number): (index: number) => number {
  const state = topicOf(w, topic)!;
  const producer = w.producers[topic];
  if (!producer) return (index) => state.partitions[index]!.base;
  if (t < producer.since) {
    const segment = pastSegment(state, t);
    return (index) => pastLogEnd(state, segment, index, t);
  }
  const partitions = state.partitions;
  const n = Math.floor(((t - producer.since) * producer.rate) / 1000 + 1e-9);
  const { cursor } = producer;
  const count = partitions.length;
  return (index) => partitions[index]!.base + shareOf(n, index, cursor, count);
}

/**
 * Folds what the producer wrote so far into the partitions' bases and starts a new segment
 * at `now`. Called before anything that changes the formula (rate or partition count).
 */
export function settleProducer(w: World, topic: string): void {
  const producer = w.producers[topic];
  const state = w.topics[topic];
  if (!producer || !state) return;
  const count = state.partitions.length;
  const n = producedInSegment(w, topic, w.now);
  rememberSegment(w, state, producer);
  state.partitions.forEach((p, index) => {
    p.base += shareOf(n, index, producer.cursor, count);
  });
  producer.cursor = (producer.cursor + n) % count;
  // Keep the fraction of a record already under way: the next one is not delayed.
  producer.since = producer.rate > 0 ? producer.since + (n * 1000) / producer.rate : w.now;
}

/** Keeps the segment being settled while retention may still ask about it. */
function rememberSegment(w: World, state: TopicState, producer: ProducerState): void {
  if (state.retentionMs < 0) return;
  state.history.push({
    since: producer.since, until: w.now, rate: producer.rate, cursor: producer.cursor,
    bases: state.partitions.map((p) => p.base),
  });
  const horizon = w.now - state.retentionMs;
  // The newest segment that began before the horizon still answers for it; older ones go.
  const keepFrom = Math.max(0, state.history.findLastIndex((s) => s.since <= horizon));
  if (keepFrom > 0) state.history.splice(0, keepFrom);
}

/**
 * The earliest virtual time at which partition `index` holds an offset >= `offset`, or null
 * if the producer never gets there (stopped). Lets an idle consumer sleep until data arrives.
 */
export function timeWhenLogReaches(w: World, topic: string, index: number, offset: number): number | null {
  const state = topicOf(w, topic);
  const producer = w.producers[topic];
  const partition = state?.partitions[index];
  if (!state || !partition) return null;
  if (logEnd(w, topic, index) > offset) return w.now;
  if (!producer || producer.rate <= 0) return null;
  const count = state.partitions.length;
  const first = (((index - producer.cursor) % count) + count) % count;
  // The (offset - base)-th record of this partition is global record first + k*count.
  const k = offset - partition.base;
  const globalIndex = first + k * count;
  return Math.ceil(producer.since + ((globalIndex + 1) * 1000) / producer.rate - 1e-9);
}
