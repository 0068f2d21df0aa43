/**
 * Assignor speed on Apache Kafka's own large workloads (AbstractStickyAssignorTest), for
 * sticky, cooperative-sticky, uniform, range and roundrobin. Prints ms per round (median
 * of RUNS, default 5, after one cold run reported apart) and peak memory; a last table puts
 * each figure beside Kafka's Java on this machine. Benchmarks print, tests never time.
 *
 * Measures the code as it ships: `npm run bench:assignors` bundles this file with esbuild
 * and runs the bundle with plain node. Each (assignor, workload) runs in its own child
 * process, so its peak RSS is its own. ONLY=sticky,uniform and WORKLOADS=equal-1M pick cases.
 *
 * Workloads (the `perf` section of shared/conformance/kafka-assignors.json):
 * - equal-1M: 500 topics x 2,000 partitions, 2,000 consumers on all topics (1,000,000 partitions)
 * - one-topic-1M: the same, but the last consumer subscribes to t000 only (general sticky path)
 * - halves-100k: 100 topics x 200 partitions, 500 consumers; i % 4 == 0 on the first half
 *   of the topics, the others on the second half
 * Round 1 is a fresh assignment; round 2 gives c0001.. their round-1 partitions as owned
 * (generation 1) while c0000 rejoins owning nothing, as Kafka's test does. Round 2 hands the
 * assignor the very lists round 1 returned (what a group leader does with its last
 * assignment); "2nd copied" gives it equal lists of fresh strings (as after JSON), which
 * it must read by their text.
 *
 * Cold: the first fresh round of the process, before the JIT has compiled anything and
 * before the partition names are built (they are built once and shared by later calls).
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { listsFromOwners, buildBrokerModel } from '../src/engine/assignors/broker-model';
import { assign, validateAssignorInput } from '../src/engine/assignors/index';
import { toNamedAssignment } from '../src/engine/assignors/partition-names';
import { buildConstrained } from '../src/engine/assignors/sticky-constrained';
import { buildGeneral } from '../src/engine/assignors/sticky-general';
import { buildStickyModel } from '../src/engine/assignors/sticky-model';
import { uniformHeterogeneous } from '../src/engine/assignors/uniform-heterogeneous';
import { uniformHomogeneous } from '../src/engine/assignors/uniform-homogeneous';
import type { Assignment, AssignorInput, AssignorStrategy } from '../src/engine/assignors/types';

type WorkloadName = 'equal-1M' | 'one-topic-1M' | 'halves-100k';

interface Workload {
  name: WorkloadName;
  topics: number;
  partitions: number;
  consumers: number;
  subscription: (i: number, topics: string[]) => string[];
}

const WORKLOADS: Workload[] = [
  { name: 'equal-1M', topics: 500, partitions: 2_000, consumers: 2_000, subscription: (_i, all) => all },
  {
    name: 'one-topic-1M', topics: 500, partitions: 2_000, consumers: 2_000,
    subscription: (i, all) => (i === 1_999 ? all.slice(0, 1) : all),
  },
  {
    name: 'halves-100k', topics: 100, partitions: 200, consumers: 500,
    subscription: (i, all) => (i % 4 === 0 ? all.slice(0, 50) : all.slice(50)),
  },
];

const STRATEGIES: AssignorStrategy[] = ['sticky', 'cooperative-sticky', 'uniform', 'range', 'roundrobin'];

/** Kafka's Java on this machine, median ms (fresh, second round); from the protocols and scale issues. */
const JAVA: Partial<Record<AssignorStrategy, Partial<Record<WorkloadName, [number, number]>>>> = {
  'cooperative-sticky': { 'equal-1M': [51, 1_129], 'one-topic-1M': [5_012, 4_349] },
  sticky: { 'equal-1M': [66, 2_376], 'one-topic-1M': [4_677, 7_195] },
  uniform: { 'equal-1M': [66, 23], 'one-topic-1M': [267, 408] },
  range: { 'equal-1M': [520, 520], 'one-topic-1M': [520, 520] },
  roundrobin: { 'equal-1M': [600, 600], 'one-topic-1M': [600, 600] },
};
/** Our own goal beyond Java's: the general sticky path under one second. */
const GENERAL_PATH_GOAL_MS = 1_000;

interface ChildResult {
  strategy: AssignorStrategy;
  workload: WorkloadName;
  /** Wall-clock ms of the first fresh round and the first second round, apart from the medians. */
  coldFresh: number;
  coldSecond: number;
  /** Wall-clock ms per run. */
  fresh: number[];
  second: number[];
  /** Second round with owned lists of fresh strings, equal to round one's. */
  secondCopied: number[];
  /** CPU ms (user + system, all threads) per run: steadier than wall time on a shared machine. */
  freshCpu: number[];
  secondCpu: number[];
  /** One run split into phases (sticky and uniform only): validate, strings -> ids, kernel, ids -> strings. */
  phases?: { fresh: number[]; second: number[] };
  peakRssMb: number;
}

/**
 * Where one run's time goes: checking the input, turning "topic-N" strings into ids, the
 * kernel on typed arrays (what Kafka's Java timing compares with: its API has no strings),
 * and building the output strings.
 */
function phases(strategy: AssignorStrategy, input: AssignorInput): number[] | undefined {
  if (strategy !== 'sticky' && strategy !== 'cooperative-sticky' && strategy !== 'uniform') return undefined;
  const t0 = performance.now();
  validateAssignorInput(input);
  const t1 = performance.now();
  if (strategy === 'uniform') {
    const model = buildBrokerModel(input);
    const t2 = performance.now();
    const lists = model.homogeneous
      ? uniformHomogeneous(model)
      : listsFromOwners(uniformHeterogeneous(model), model.memberIds.length);
    const t3 = performance.now();
    toNamedAssignment(model, lists, model.ownedLists);
    return [t1 - t0, t2 - t1, t3 - t2, performance.now() - t3];
  }
  const model = buildStickyModel(input, strategy === 'sticky');
  const t2 = performance.now();
  const build = model.allSubscriptionsEqual ? buildConstrained(model) : buildGeneral(model);
  const t3 = performance.now();
  toNamedAssignment(model, build.lists, model.ownedLists);
  return [t1 - t0, t2 - t1, t3 - t2, performance.now() - t3];
}

const name = (prefix: string, i: number, digits: number) => `${prefix}${String(i).padStart(digits, '0')}`;

function freshInput(w: Workload): AssignorInput {
  const topicNames = Array.from({ length: w.topics }, (_, i) => name('t', i, 3));
  return {
    topics: Object.fromEntries(topicNames.map((t) => [t, w.partitions])),
    members: Array.from({ length: w.consumers }, (_, i) => ({
      id: name('c', i, 4),
      topics: w.subscription(i, topicNames),
    })),
  };
}

function secondInput(fresh: AssignorInput, first: Assignment): AssignorInput {
  return {
    topics: fresh.topics,
    members: fresh.members.map((m, i) => (i === 0 ? m : { ...m, owned: first[m.id] ?? [], generation: 1 })),
  };
}

function timed(strategy: AssignorStrategy, input: AssignorInput): { ms: number; cpuMs: number; result: Assignment } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = assign(strategy, input);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, result };
}

function runChild(strategy: AssignorStrategy, workloadName: WorkloadName, runs: number): ChildResult {
  const w = WORKLOADS.find((x) => x.name === workloadName);
  if (!w) throw new Error(`unknown workload ${workloadName}`);
  const input = freshInput(w);
  const cold = timed(strategy, input);
  const fresh: number[] = [];
  const freshCpu: number[] = [];
  let first: Assignment = cold.result;
  for (let r = 0; r < runs; r++) {
    const out = timed(strategy, input);
    fresh.push(out.ms);
    freshCpu.push(out.cpuMs);
    first = out.result;
  }
  const next = secondInput(input, first);
  const coldSecond = timed(strategy, next).ms;
  const second: number[] = [];
  const secondCpu: number[] = [];
  for (let r = 0; r < runs; r++) {
    const out = timed(strategy, next);
    second.push(out.ms);
    secondCpu.push(out.cpuMs);
  }
  const copied = JSON.parse(JSON.stringify(next)) as AssignorInput;
  const secondCopied: number[] = [];
  for (let r = 0; r < runs; r++) secondCopied.push(timed(strategy, copied).ms);
  const freshPhases = phases(strategy, input);
  const secondPhases = phases(strategy, next);
  return {
    strategy, workload: workloadName, coldFresh: cold.ms, coldSecond, fresh, second, secondCopied, freshCpu, secondCpu,
    ...(freshPhases && secondPhases ? { phases: { fresh: freshPhases, second: secondPhases } } : {}),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1)).padStart(7);

function main(): void {
  const [mode, strategyArg, workloadArg] = process.argv.slice(2);
  const runs = Number(process.env.RUNS ?? 5);
  if (mode === '--child') {
    const result = runChild(strategyArg as AssignorStrategy, workloadArg as WorkloadName, runs);
    process.stdout.write(JSON.stringify(result));
    return;
  }
  const only = process.env.ONLY?.split(',');
  const onlyWorkloads = process.env.WORKLOADS?.split(',');
  const self = fileURLToPath(import.meta.url);
  const results: ChildResult[] = [];
  const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`Assignors on Kafka's large workloads: median of ${runs} runs after a cold one, ms per round (node ${process.version})`);
  console.log(`load average at start: ${load()} on ${availableParallelism()} cores`);
  console.log(
    `${'assignor'.padEnd(20)}${'workload'.padEnd(15)}${'fresh'.padStart(7)}${'second'.padStart(8)}${'2nd copied'.padStart(12)}` +
      `${'cpu fresh'.padStart(11)}${'cpu 2nd'.padStart(9)}${'cold'.padStart(7)}${'cold 2nd'.padStart(10)}  peak RSS`,
  );
  for (const strategy of STRATEGIES) {
    if (only && !only.includes(strategy)) continue;
    for (const w of WORKLOADS) {
      if (onlyWorkloads && !onlyWorkloads.includes(w.name)) continue;
      const out = execFileSync(process.execPath, ['--max-old-space-size=4096', self, '--child', strategy, w.name], {
        env: process.env,
        maxBuffer: 1 << 20,
      }).toString();
      const r = JSON.parse(out) as ChildResult;
      results.push(r);
      console.log(
        `${strategy.padEnd(20)}${w.name.padEnd(15)}${fmt(median(r.fresh))}${fmt(median(r.second)).padStart(8)}` +
          `${fmt(median(r.secondCopied)).padStart(12)}${fmt(median(r.freshCpu)).padStart(11)}${fmt(median(r.secondCpu)).padStart(9)}` +
          `${fmt(r.coldFresh)}${fmt(r.coldSecond).padStart(10)}  ${r.peakRssMb.toFixed(0)} MB`,
      );
    }
  }
  console.log(`load average at end: ${load()}`);

  console.log('\nWhere one run goes (wall ms): validate / strings -> ids / kernel / ids -> strings');
  for (const r of results) {
    if (!r.phases) continue;
    const row = (xs: number[]) => xs.map((x) => fmt(x).trim()).join(' / ').padStart(28);
    console.log(`${r.strategy.padEnd(20)}${r.workload.padEnd(15)}fresh ${row(r.phases.fresh)}   second ${row(r.phases.second)}`);
  }

  // The verdict reads wall time; on a loaded machine the CPU columns above are the fairer figure.
  console.log('\nBeside the targets (Kafka Java median ms, fresh / second round; goal: at or under; ours = warm wall ms, median)');
  console.log(`${'assignor'.padEnd(20)}${'workload'.padEnd(15)}${'ours'.padStart(17)}${'target'.padStart(17)}  verdict`);
  for (const r of results) {
    const java = JAVA[r.strategy]?.[r.workload];
    const ours = [median(r.fresh), median(r.second)] as const;
    const generalSticky = r.workload === 'one-topic-1M' && (r.strategy === 'sticky' || r.strategy === 'cooperative-sticky');
    const target = java ? [Math.min(java[0], generalSticky ? GENERAL_PATH_GOAL_MS : Infinity), Math.min(java[1], generalSticky ? GENERAL_PATH_GOAL_MS : Infinity)] : null;
    const verdict = target ? (ours[0] <= (target[0] ?? 0) && ours[1] <= (target[1] ?? 0) ? 'ok' : 'SLOWER') : '(no target)';
    const pair = (a: number, b: number) => `${fmt(a).trim()} / ${fmt(b).trim()}`.padStart(17);
    console.log(
      `${r.strategy.padEnd(20)}${r.workload.padEnd(15)}${pair(ours[0], ours[1])}${target ? pair(target[0] ?? 0, target[1] ?? 0) : '-'.padStart(17)}  ${verdict}`,
    );
  }
}

main();
