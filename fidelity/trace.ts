/**
 * The trace both worlds produce for a scenario. Each world first writes a raw list of events
 * per consumer (fidelity/runner on a real broker, engine-world.ts on the engine); compactTrace
 * turns either into the same small shape, so the comparison never knows which world is which.
 */

/** What a consumer application saw, in the words of Kafka's client API. */
export type RawConsumerEvent = { t: number; incarnation: number } & (
  | { kind: 'started' | 'crashed' | 'closing' | 'closed' | 'resumed' }
  | { kind: 'assigned'; partitions: string[]; generation?: number }
  | { kind: 'revoked' | 'lost'; partitions: string[] }
  | { kind: 'poll' | 'processed'; ranges: Record<string, [number, number]> }
  | { kind: 'commit'; mode: 'auto' | 'sync' | 'async'; offsets: Record<string, number>; error: string | null }
  | { kind: 'stalled'; ms: number }
  | { kind: 'error'; where: string; error: string }
);

/** A raw event without its stamp (t, incarnation), one shape per kind. */
export type RawConsumerEventBody = RawConsumerEvent extends infer E ? (E extends RawConsumerEvent ? Omit<E, 't' | 'incarnation'> : never) : never;

export interface GroupSample {
  t: number;
  state: string;
  /** Group epoch under the consumer protocol; -1 where the classic DescribeGroups answer has none. */
  epoch: number;
  /** consumer id (client.id) -> partitions the broker says it holds. */
  members: Record<string, string[]>;
}

export interface RawTrace {
  scenario: string;
  source: 'kafka' | 'engine';
  kafkaVersion: string | null;
  recordedAt?: string;
  durationMs: number;
  actions: { at: number; t: number; do: string; [key: string]: unknown }[];
  consumers: Record<string, RawConsumerEvent[]>;
  groups: Record<string, { samples: GroupSample[]; committed: Record<string, number> }>;
}

/** A run of offsets [from, to) one consumer incarnation worked through, first and last at t0..t1. */
export type Run = [from: number, to: number, t0: number, t1: number, incarnation: number];

/** Events the comparison reads one by one; polls, processing and successful commits are summarised. */
export type TraceEvent = { t: number; inc: number } & (
  | { kind: 'started' | 'crashed' | 'closing' | 'closed' | 'resumed' }
  | { kind: 'assigned' | 'revoked' | 'lost'; partitions: string[] }
  | { kind: 'commitFailed'; mode: string; error: string }
  | { kind: 'stalled'; ms: number }
  | { kind: 'error'; where: string; error: string }
);

export interface ConsumerTrace {
  events: TraceEvent[];
  /** Records fetched by poll() and records processed, per partition, as runs. */
  fetched: Record<string, Run[]>;
  processed: Record<string, Run[]>;
  /** Commits that succeeded, per mode (auto = the client's own, seen through an interceptor). */
  commitsOk: Record<string, number>;
}

export interface Trace {
  format: 1;
  scenario: string;
  source: 'kafka' | 'engine';
  kafkaVersion: string | null;
  recordedAt?: string;
  durationMs: number;
  actions: RawTrace['actions'];
  consumers: Record<string, ConsumerTrace>;
  groups: Record<string, { samples: GroupSample[]; committed: Record<string, number> }>;
}

/** Consecutive runs merge when offsets touch and the time between them is under this. */
export const RUN_GAP_MS = 1_000;

export function compactTrace(raw: RawTrace): Trace {
  const consumers: Record<string, ConsumerTrace> = {};
  for (const [id, events] of Object.entries(raw.consumers)) {
    const out: ConsumerTrace = { events: [], fetched: {}, processed: {}, commitsOk: {} };
    for (const e of [...events].sort((a, b) => a.t - b.t)) {
      const base = { t: e.t, inc: e.incarnation };
      switch (e.kind) {
        case 'poll':
        case 'processed':
          addRanges(e.kind === 'poll' ? out.fetched : out.processed, e.ranges, e.t, e.incarnation);
          break;
        case 'commit':
          if (e.error === null) out.commitsOk[e.mode] = (out.commitsOk[e.mode] ?? 0) + 1;
          else out.events.push({ ...base, kind: 'commitFailed', mode: e.mode, error: e.error });
          break;
        case 'assigned':
        case 'revoked':
        case 'lost':
          out.events.push({ ...base, kind: e.kind, partitions: [...e.partitions].sort() });
          break;
        case 'stalled':
          out.events.push({ ...base, kind: 'stalled', ms: e.ms });
          break;
        case 'error':
          out.events.push({ ...base, kind: 'error', where: e.where, error: e.error });
          break;
        default:
          out.events.push({ ...base, kind: e.kind });
      }
    }
    consumers[id] = out;
  }
  return {
    format: 1,
    scenario: raw.scenario,
    source: raw.source,
    kafkaVersion: raw.kafkaVersion,
    ...(raw.recordedAt ? { recordedAt: raw.recordedAt } : {}),
    durationMs: raw.durationMs,
    actions: raw.actions,
    consumers,
    groups: raw.groups,
  };
}

function addRanges(into: Record<string, Run[]>, ranges: Record<string, [number, number]>, t: number, inc: number): void {
  for (const [partition, [from, to]] of Object.entries(ranges)) {
    if (to <= from) continue;
    const runs = (into[partition] ??= []);
    const last = runs[runs.length - 1];
    if (last && last[1] === from && last[4] === inc && t - last[3] < RUN_GAP_MS) {
      last[1] = to;
      last[3] = t;
    } else {
      runs.push([from, to, t, t, inc]);
    }
  }
}
