/**
 * Facts read off one compacted trace, the same way for either world: what each member was
 * assigned and in which order, what failed, how the group's assignment moved, which records
 * were processed twice or never, and how long things took after an action.
 */
import type { Run, Trace, TraceEvent } from './trace';

type Callback = Extract<TraceEvent, { kind: 'assigned' | 'revoked' | 'lost' }>;

function callbacks(trace: Trace, consumer: string): Callback[] {
  return (trace.consumers[consumer]?.events ?? []).filter(
    (e): e is Callback => e.kind === 'assigned' || e.kind === 'revoked' || e.kind === 'lost',
  );
}

const set = (partitions: string[]) => `{${[...partitions].sort().join(',')}}`;

/** Each onPartitionsAssigned, as "incarnation:{partitions}". */
export function assignmentSequence(trace: Trace, consumer: string): string[] {
  return callbacks(trace, consumer)
    .filter((e) => e.kind === 'assigned')
    .map((e) => `${e.inc}:${set(e.partitions)}`);
}

/** The rebalance listener's calls in order, e.g. ["assigned{a}", "revoked{a}", "assigned{a,b}"]. */
export function callbackOrder(trace: Trace, consumer: string): string[] {
  return callbacks(trace, consumer).map((e) => `${e.kind}${set(e.partitions)}`);
}

/** Exceptions the application saw (commits, poll), repeats in a row folded into one. */
export function exceptions(trace: Trace, consumer: string): string[] {
  const out: string[] = [];
  for (const e of trace.consumers[consumer]?.events ?? []) {
    const name = e.kind === 'commitFailed' ? `${e.mode} commit: ${e.error}` : e.kind === 'error' ? `${e.where}: ${e.error}` : null;
    if (name !== null && out[out.length - 1] !== name) out.push(name);
  }
  return out;
}

/** The group's distinct assignments while Stable, as the broker (or the engine) describes it. */
export function stableAssignments(trace: Trace, group: string): Record<string, string[]>[] {
  const out: Record<string, string[]>[] = [];
  let last = '';
  for (const s of trace.groups[group]?.samples ?? []) {
    if (s.state !== 'Stable') continue;
    const members = Object.fromEntries(Object.entries(s.members).filter(([, p]) => p.length > 0).sort(([a], [b]) => a.localeCompare(b)));
    const key = JSON.stringify(members);
    if (key !== last) out.push(members);
    last = key;
  }
  return out;
}

/** For each change of the Stable assignment: the partitions that changed owner, as "p:from>to". */
export function movedPartitions(trace: Trace, group: string): string[][] {
  const seq = stableAssignments(trace, group);
  const owners = (a: Record<string, string[]>) => {
    const m = new Map<string, string>();
    for (const [member, parts] of Object.entries(a)) for (const p of parts) m.set(p, member);
    return m;
  };
  const out: string[][] = [];
  for (let i = 1; i < seq.length; i++) {
    const before = owners(seq[i - 1]!);
    const after = owners(seq[i]!);
    const moved: string[] = [];
    for (const p of [...new Set([...before.keys(), ...after.keys()])].sort()) {
      if (before.get(p) !== after.get(p)) moved.push(`${p}:${before.get(p) ?? '-'}>${after.get(p) ?? '-'}`);
    }
    out.push(moved);
  }
  return out;
}

/** Consumers of the scenario that belong to the group (subscribers and standalone ones alike). */
export function membersOf(trace: Trace, group: string, groupOf: Record<string, string | null>): string[] {
  return Object.keys(trace.consumers).filter((c) => groupOf[c] === group);
}

/**
 * Records of the group processed more than once (each extra time counts) and records below
 * the final committed offset that nobody processed, counted from the first offset any member
 * fetched on that partition (records before it were never meant for the group).
 */
export function duplicatesAndLosses(trace: Trace, consumers: string[], committed: Record<string, number>): { duplicates: number; lost: number } {
  const processed = new Map<string, Run[]>();
  const firstFetched = new Map<string, number>();
  for (const c of consumers) {
    const ct = trace.consumers[c];
    if (!ct) continue;
    for (const [p, runs] of Object.entries(ct.processed)) processed.set(p, [...(processed.get(p) ?? []), ...runs]);
    for (const [p, runs] of Object.entries(ct.fetched)) {
      for (const r of runs) firstFetched.set(p, Math.min(firstFetched.get(p) ?? Infinity, r[0]));
    }
  }
  let duplicates = 0;
  let lost = 0;
  for (const p of new Set([...processed.keys(), ...Object.keys(committed)])) {
    const runs = processed.get(p) ?? [];
    duplicates += overlapCount(runs);
    const upTo = committed[p];
    const from = firstFetched.get(p);
    if (upTo !== undefined && from !== undefined && upTo > from) lost += upTo - from - coveredCount(runs, from, upTo);
  }
  return { duplicates, lost };
}

/** Sum over offsets of (times processed - 1), by a sweep over run boundaries. */
function overlapCount(runs: Run[]): number {
  const points: [number, number][] = [];
  for (const [from, to] of runs) points.push([from, 1], [to, -1]);
  points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let depth = 0;
  let at = 0;
  let extra = 0;
  for (const [x, d] of points) {
    if (depth > 1) extra += (x - at) * (depth - 1);
    depth += d;
    at = x;
  }
  return extra;
}

/** Offsets in [from, to) that at least one run covers. */
function coveredCount(runs: Run[], from: number, to: number): number {
  const clipped = runs
    .map(([a, b]) => [Math.max(a, from), Math.min(b, to)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let covered = 0;
  let end = from;
  for (const [a, b] of clipped) {
    if (b <= end) continue;
    covered += b - Math.max(a, end);
    end = b;
  }
  return covered;
}

/** Partitions a consumer held at time t, replaying its callbacks (eager and incremental alike). */
export function ownedAt(trace: Trace, consumer: string, t: number): Set<string> {
  let owned = new Set<string>();
  let inc = -1;
  for (const e of callbacks(trace, consumer)) {
    if (e.t > t) break;
    if (e.inc !== inc) {
      owned = new Set();
      inc = e.inc;
    }
    if (e.kind === 'assigned') for (const p of e.partitions) owned.add(p);
    else for (const p of e.partitions) owned.delete(p);
  }
  return owned;
}

/** ms from time t until some member (any incarnation) is assigned one of `partitions`; null if never. */
export function timeToReassignment(trace: Trace, partitions: Set<string>, t: number): number | null {
  let best: number | null = null;
  for (const id of Object.keys(trace.consumers)) {
    for (const e of callbacks(trace, id)) {
      if (e.kind === 'assigned' && e.t > t && e.partitions.some((p) => partitions.has(p))) {
        if (best === null || e.t < best) best = e.t;
        break;
      }
    }
  }
  return best === null ? null : best - t;
}

/** The longest time a member went from onPartitionsRevoked to its next onPartitionsAssigned; null if it never did. */
export function longestPause(trace: Trace, consumer: string, after = -Infinity): number | null {
  let longest: number | null = null;
  let revokedAt: number | null = null;
  for (const e of callbacks(trace, consumer)) {
    if (e.t < after) continue;
    if (e.kind === 'revoked' && e.partitions.length > 0) revokedAt ??= e.t;
    if (e.kind === 'assigned' && revokedAt !== null) {
      longest = Math.max(longest ?? 0, e.t - revokedAt);
      revokedAt = null;
    }
  }
  return longest;
}

/** ms from time t until any of the consumers processes a record of one of `partitions`; null if never. */
export function timeToFirstProcessed(trace: Trace, partitions: (p: string) => boolean, t: number): number | null {
  let best: number | null = null;
  for (const ct of Object.values(trace.consumers)) {
    for (const [p, runs] of Object.entries(ct.processed)) {
      if (!partitions(p)) continue;
      for (const r of runs) if (r[2] >= t && (best === null || r[2] < best)) best = r[2];
    }
  }
  return best === null ? null : best - t;
}
