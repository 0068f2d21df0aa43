/**
 * Engine vs Kafka on one scenario: every check the two traces must pass alike, each with
 * what each world did. Pure: traces in, a report out.
 *
 * - must: exact facts (assignments as sets, callback order, rebalance counts, exceptions,
 *   moved partitions, whether duplicates or losses happened).
 * - band: times and counts that depend on a real machine's timing (JVM, network, thread
 *   scheduling); they match when the two worlds are within the stated band.
 * - known: a check the scenario names as an engine simplification or deviation (with its
 *   reason); it is reported, never failed, and says so when it starts to match.
 * - info: a must check whose outcome a real machine's timing decides (the scenario says why);
 *   reported, never counted. What the story promises is then judged by an "expect" bound.
 */
import type { Scenario } from './scenario-schema';
import {
  assignmentSequence,
  callbackOrder,
  duplicatesAndLosses,
  exceptions,
  longestPause,
  movedPartitions,
  ownedAt,
  stableAssignments,
  timeToFirstProcessed,
  timeToReassignment,
} from './derive';
import type { Trace } from './trace';

export type CheckKind = 'must' | 'band' | 'known' | 'info';

export interface Check {
  name: string;
  kind: CheckKind;
  ok: boolean;
  kafka: string;
  engine: string;
  /** The band, or the reason a known simplification is one. */
  note?: string;
}

export interface Comparison {
  scenario: string;
  kafkaVersion: string | null;
  checks: Check[];
}

/** Kafka behaviour the comparison deliberately does not look at, and why. */
export const NOT_COMPARED: { what: string; why: string }[] = [
  {
    what: 'time to the first assignment',
    why: 'a real client needs JVM warm-up and FindCoordinator/JoinGroup round trips (~0.5-1 s here); the engine starts at once. Times are compared from an action, not from t=0',
  },
  {
    what: 'group state samples outside Stable',
    why: "Kafka's DescribeGroups still lists the old assignment while PreparingRebalance; what the members are told is compared through their callbacks",
  },
  {
    what: 'number of successful commits',
    why: 'it follows how often poll() returns, which depends on fetch timing',
  },
  {
    what: 'failed auto commits',
    why: 'Kafka reports them only in its log, to no application code; the engine side drops them too',
  },
];

/** Default bands in ms (a scenario's "bands" overrides them by the check's prefix). */
export function defaultBands(scenario: Scenario): Record<string, number> {
  const hb = Math.max(...scenario.consumers.map((c) => Number(c.config['heartbeat.interval.ms'] ?? 3000)));
  const maxAge = Math.max(...scenario.consumers.map((c) => Number(c.config['metadata.max.age.ms'] ?? 300_000)));
  return {
    // Session expiry is checked against the last heartbeat, and the survivors learn of the
    // rebalance on their next heartbeat: both phases are up to one heartbeat interval apart.
    'crash→reassigned': 2 * hb + 500,
    'close→reassigned': hb + 500,
    pause: hb + 500,
    // A consumer sees new partitions on its next metadata refresh: anywhere within metadata.max.age.ms.
    'new partitions consumed': maxAge + 1000,
    // Records per second times this many ms of timing slack (duplicates after a crash and the like).
    'records slack ms': 1500,
  };
}

export function compareTraces(scenario: Scenario, kafka: Trace, engine: Trace): Comparison {
  const checks: Check[] = [];
  const bands = { ...defaultBands(scenario), ...scenario.bands };
  const add = (name: string, kind: 'must' | 'band', k: unknown, e: unknown, ok: boolean, note?: string) => {
    const known = reasonFor(scenario.known, name);
    const timing = reasonFor(scenario.timing, name);
    const reason = known ?? timing;
    checks.push({
      name,
      kind: known !== undefined ? 'known' : timing !== undefined ? 'info' : kind,
      ok,
      kafka: show(k),
      engine: show(e),
      ...(reason !== undefined ? { note: reason } : note !== undefined ? { note } : {}),
    });
  };
  const same = (name: string, k: unknown, e: unknown) => add(name, 'must', k, e, JSON.stringify(k) === JSON.stringify(e));
  const within = (name: string, band: number, k: number | null, e: number | null) =>
    add(name, 'band', k, e, (k === null && e === null) || (k !== null && e !== null && Math.abs(k - e) <= band), `±${band} ms`);

  for (const c of scenario.consumers) {
    if (c.assign !== undefined) continue;
    same(`assignments[${c.id}]`, assignmentSequence(kafka, c.id), assignmentSequence(engine, c.id));
    same(`rebalances[${c.id}]`, assignmentSequence(kafka, c.id).length, assignmentSequence(engine, c.id).length);
    same(`callbacks[${c.id}]`, callbackOrder(kafka, c.id), callbackOrder(engine, c.id));
  }
  for (const c of scenario.consumers) same(`exceptions[${c.id}]`, exceptions(kafka, c.id), exceptions(engine, c.id));

  const groupOf = Object.fromEntries(scenario.consumers.map((c) => [c.id, c.groupId ?? null]));
  const groups = [...new Set(scenario.consumers.filter((c) => c.assign === undefined && c.groupId).map((c) => c.groupId!))];
  for (const g of groups) {
    same(`group assignments[${g}]`, stableAssignments(kafka, g), stableAssignments(engine, g));
    same(`moved partitions[${g}]`, movedPartitions(kafka, g), movedPartitions(engine, g));
  }

  const rate = scenario.producers.reduce((sum, p) => sum + p.rate, 0);
  const slack = Math.round((rate * bands['records slack ms']!) / 1000);
  for (const g of new Set(scenario.consumers.map((c) => c.groupId).filter((x): x is string => x !== undefined))) {
    const members = scenario.consumers.filter((c) => groupOf[c.id] === g).map((c) => c.id);
    const k = duplicatesAndLosses(kafka, members, kafka.groups[g]?.committed ?? {});
    const e = duplicatesAndLosses(engine, members, engine.groups[g]?.committed ?? {});
    same(`duplicates happen[${g}]`, k.duplicates > 0, e.duplicates > 0);
    same(`losses happen[${g}]`, k.lost > 0, e.lost > 0);
    const countBand = (name: string, kv: number, ev: number) =>
      add(name, 'band', kv, ev, Math.abs(kv - ev) <= Math.max(slack, kv / 2), `±max(${slack} records, half of Kafka's)`);
    countBand(`duplicates[${g}]`, k.duplicates, e.duplicates);
    countBand(`lost[${g}]`, k.lost, e.lost);
    const { duplicatesAtMost, lostAtMost } = scenario.expect;
    if (duplicatesAtMost !== undefined) add(`duplicates ≤ ${duplicatesAtMost}[${g}]`, 'must', k.duplicates, e.duplicates, k.duplicates <= duplicatesAtMost && e.duplicates <= duplicatesAtMost);
    if (lostAtMost !== undefined) add(`lost ≤ ${lostAtMost}[${g}]`, 'must', k.lost, e.lost, k.lost <= lostAtMost && e.lost <= lostAtMost);
  }

  for (const [i, a] of scenario.actions.entries()) {
    const kAct = kafka.actions[i];
    const eAct = engine.actions[i];
    if (!kAct || !eAct) continue;
    if (a.do === 'crash' || a.do === 'close') {
      const key = a.do === 'crash' ? 'crash→reassigned' : 'close→reassigned';
      const kOwned = ownedAt(kafka, a.consumer, kAct.t);
      const eOwned = ownedAt(engine, a.consumer, eAct.t);
      within(`${key}[${a.consumer}@${a.at}]`, bands[key]!, timeToReassignment(kafka, kOwned, kAct.t), timeToReassignment(engine, eOwned, eAct.t));
    }
    if (a.do === 'addPartitions' || a.do === 'createTopic') {
      const before = scenario.topics.find((t) => t.name === a.topic)?.partitions ?? 0;
      const older = scenario.actions.slice(0, i).filter((x) => x.do === 'addPartitions' && x.topic === a.topic);
      const had = a.do === 'createTopic' ? 0 : older.length > 0 ? (older[older.length - 1] as { partitions: number }).partitions : before;
      const isNew = (p: string) => {
        const m = /^(.+)-(\d+)$/.exec(p);
        return m !== null && m[1] === a.topic && Number(m[2]) >= had;
      };
      within(`new partitions consumed[${a.topic}@${a.at}]`, bands['new partitions consumed']!, timeToFirstProcessed(kafka, isNew, kAct.t), timeToFirstProcessed(engine, isNew, eAct.t));
    }
  }
  // Pauses are compared after the first assignment (the join itself is not: see NOT_COMPARED).
  for (const c of scenario.consumers) {
    if (c.assign !== undefined) continue;
    within(`pause[${c.id}]`, bands['pause']!, longestPause(kafka, c.id), longestPause(engine, c.id));
  }
  return { scenario: scenario.name, kafkaVersion: kafka.kafkaVersion, checks };
}

/** The checks that fail the comparison: must and band checks that did not match. */
export function failures(c: Comparison): Check[] {
  return c.checks.filter((x) => !x.ok && (x.kind === 'must' || x.kind === 'band'));
}

function reasonFor(list: { check: string; reason: string }[], name: string): string | undefined {
  return list.find((k) => k.check === name || (k.check.endsWith('*') && name.startsWith(k.check.slice(0, -1))))?.reason;
}

function show(x: unknown): string {
  if (x === null || x === undefined) return 'never';
  return typeof x === 'string' ? x : JSON.stringify(x);
}

/** One line per check, for a terminal. */
export function formatComparison(c: Comparison, verbose = false): string {
  const lines = [`${c.scenario} (Kafka ${c.kafkaVersion ?? '?'}): ${summary(c)}`];
  for (const x of c.checks) {
    if (!verbose && x.ok) continue;
    const mark = x.ok ? 'ok  ' : x.kind === 'known' ? 'KNOWN' : x.kind === 'info' ? 'info' : 'DIFF';
    const kind = x.kind === 'must' || x.kind === 'band' ? `${x.kind.padEnd(4)} ` : '';
    lines.push(`  ${mark} ${kind}${x.name}: kafka ${x.kafka} | engine ${x.engine}${x.note ? ` (${x.note})` : ''}`);
  }
  return lines.join('\n');
}

export function summary(c: Comparison): string {
  const count = (kind: CheckKind) => {
    const all = c.checks.filter((x) => x.kind === kind);
    return `${all.filter((x) => x.ok).length}/${all.length}`;
  };
  return `must ${count('must')}, bands ${count('band')}, known differences ${c.checks.filter((x) => x.kind === 'known').length}`;
}
