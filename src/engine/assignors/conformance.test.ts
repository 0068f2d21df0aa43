import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { reconcileMember, type ConsumerMemberState, type TopicPartitions } from './consumer-reconciliation';
import { assign, assignOnBroker } from './index';
import type { Assignment, AssignorInput, SupportedAssignorName } from './types';

// Cases transcribed from Apache Kafka's RangeAssignorTest and RoundRobinAssignorTest; the
// file's "conv" key explains the format. The source of truth is the team's
// shared/conformance/kafka-assignors.json; __fixtures__/kafka-assignors.json is a verbatim
// copy so that a clone without ../shared still runs. Order: $KAFKA_CONFORMANCE, then the
// shared file if present, then the copy.
const SHARED_FILE = fileURLToPath(
  new URL('../../../../shared/conformance/kafka-assignors.json', import.meta.url),
);
const FIXTURE_FILE = fileURLToPath(new URL('./__fixtures__/kafka-assignors.json', import.meta.url));

interface CaseMember {
  id: string;
  inst?: string;
  t: string[];
  own?: string[];
  gen?: number;
}

interface Case {
  id: string;
  src: string;
  topics: Record<string, number>;
  m: CaseMember[];
  exp: Assignment;
  cmp: 'set' | 'list';
  then?: string;
}

/** One rebalance of a sticky case: members with owned partitions and generation, and the results. */
interface StickyStep {
  m: CaseMember[];
  exp: Assignment;
  cmp: 'set' | 'list';
  xfer?: Record<string, string> | null;
  coopFirstRound?: Assignment;
}

type StickyCase = { id: string; src: string; topics: Record<string, number> } & (StickyStep | { steps: StickyStep[] });

interface ConformanceFile {
  range: Case[];
  roundrobin: Case[];
  sticky: StickyCase[];
  kip848: Record<string, unknown>[];
}

function conformancePath(): string {
  const fromEnv = process.env.KAFKA_CONFORMANCE;
  if (fromEnv) {
    const path = resolve(fromEnv);
    // A CI that points somewhere wrong should fail, not quietly test the copy.
    if (!existsSync(path)) throw new Error(`KAFKA_CONFORMANCE=${fromEnv}: no such file`);
    return path;
  }
  return existsSync(SHARED_FILE) ? SHARED_FILE : FIXTURE_FILE;
}

function load(path: string): ConformanceFile {
  const data = JSON.parse(readFileSync(path, 'utf8')) as ConformanceFile;
  if (!Array.isArray(data.range) || !Array.isArray(data.roundrobin)) {
    throw new Error(`${path}: expected "range" and "roundrobin" arrays`);
  }
  return data;
}

const source = conformancePath();
const data = load(source);

function toInput(c: Pick<Case, 'topics' | 'm'>): AssignorInput {
  return {
    topics: c.topics,
    members: c.m.map((m) => ({
      id: m.id,
      topics: m.t,
      ...(m.inst === undefined ? {} : { instanceId: m.inst }),
      ...(m.own === undefined ? {} : { owned: m.own }),
      ...(m.gen === undefined ? {} : { generation: m.gen }),
    })),
  };
}

/** cmp 'set' ignores the order inside each member's list; 'list' keeps it. */
function comparable(assignment: Assignment, cmp: Case['cmp']): Assignment {
  if (cmp === 'list') return assignment;
  return Object.fromEntries(
    Object.entries(assignment).map(([member, list]) => [member, [...list].sort()]),
  );
}

describe.each(['range', 'roundrobin'] satisfies SupportedAssignorName[])('%s conformance', (strategy) => {
  it('has cases', () => {
    expect(data[strategy].length).toBeGreaterThan(0);
  });

  // Named by a plain string: '$id $src' would quote and truncate the Kafka test name.
  it.each(data[strategy].map((c) => [`${c.id} ${c.src}`, c] as const))('%s', (_name, c) => {
    const actual = assign(strategy, toInput(c));
    expect(comparable(actual, c.cmp)).toEqual(comparable(c.exp, c.cmp));
  });
});

describe('range conformance, follow-up steps', () => {
  // R12's "then": static members keep their ranges when the dynamic member is replaced.
  it('R12 then: dynamic consumer5 replacing consumer4 gets [topic1-4, topic2-3], others unchanged', () => {
    const r12 = data.range.find((c) => c.id === 'R12');
    if (!r12) throw new Error(`${source}: case R12 missing`);
    const members = r12.m.map((m) => (m.id === 'consumer4' ? { id: 'consumer5', t: m.t } : m));
    const { consumer4: _replaced, ...unchanged } = r12.exp;

    const actual = assign('range', toInput({ topics: r12.topics, m: members }));

    expect(actual).toEqual({ ...unchanged, consumer5: ['topic1-4', 'topic2-3'] });
  });
});

describe('conformance fixture', () => {
  it.skipIf(!existsSync(SHARED_FILE))('is an up-to-date copy of shared/conformance', () => {
    expect(load(FIXTURE_FILE)).toEqual(load(SHARED_FILE));
  });
});

function stepsOf(c: StickyCase): StickyStep[] {
  return 'steps' in c ? c.steps : [c];
}

describe('sticky conformance (StickyAssignor: eager)', () => {
  it('has cases', () => {
    expect(data.sticky.length).toBeGreaterThan(0);
  });

  it.each(data.sticky.map((c) => [`${c.id} ${c.src}`, c] as const))('%s', (_name, c) => {
    for (const step of stepsOf(c)) {
      const actual = assign('sticky', toInput({ topics: c.topics, m: step.m }));
      expect(comparable(actual, step.cmp)).toEqual(comparable(step.exp, step.cmp));
    }
  });
});

describe('cooperative-sticky conformance (CooperativeStickyAssignor)', () => {
  // The direct output is coopFirstRound when the case has one (partitions changing owner
  // are held back), else the same as the eager exp. Then the follow-up rebalance, members
  // owning what they were given in the next generation, must reach exp.
  it.each(data.sticky.map((c) => [`${c.id} ${c.src}`, c] as const))('%s', (_name, c) => {
    for (const step of stepsOf(c)) {
      const first = assign('cooperative-sticky', toInput({ topics: c.topics, m: step.m }));
      expect(comparable(first, step.cmp)).toEqual(comparable(step.coopFirstRound ?? step.exp, step.cmp));

      const followUp = step.m.map((m) => ({ ...m, own: first[m.id] ?? [], gen: (m.gen ?? 0) + 1 }));
      const second = assign('cooperative-sticky', toInput({ topics: c.topics, m: followUp }));
      expect(comparable(second, 'set')).toEqual(comparable(step.exp, 'set'));

      // partitionsTransferringOwnership = what the follow-up adds to each member.
      if (step.xfer) {
        const moved: Record<string, string> = {};
        for (const [member, list] of Object.entries(step.exp)) {
          for (const p of list) if (!(first[member] ?? []).includes(p)) moved[p] = member;
        }
        expect(moved).toEqual(step.xfer);
      }
    }
  });
});

describe('kip848 conformance (group-coordinator)', () => {
  const k1 = data.kip848.find((c) => c.id === 'K1') as (Case & { m: CaseMember[] }) | undefined;
  it('K1 group-coordinator RangeAssignorTest.testFirstAssignmentThreeMembersThreeTopicsDifferentSubscriptions', () => {
    if (!k1) throw new Error(`${source}: case K1 missing`);
    const actual = assignOnBroker('range', toInput(k1));
    expect(comparable(actual, k1.cmp)).toEqual(comparable(k1.exp, k1.cmp));
  });

  // CurrentAssignmentBuilder cases: one member's reconciliation towards the target.
  interface ReconcileCase {
    id: string;
    src: string;
    member: { state: ConsumerMemberState; epoch: number; assigned: TopicPartitions };
    target: { epoch: number } & Record<string, number[] | number>;
    partitionEpoch: string;
    owned?: TopicPartitions | null;
    exp: { state: ConsumerMemberState; epoch: number; previousEpoch?: number; assigned: TopicPartitions; pendingRevocation?: TopicPartitions };
  }
  const reconcileCases = data.kip848.filter((c) => 'member' in c) as unknown as ReconcileCase[];

  it('has reconciliation cases', () => {
    expect(reconcileCases.length).toBeGreaterThan(0);
  });

  it.each(reconcileCases.map((c) => [`${c.id} ${c.src}`, c] as const))('%s', (_name, c) => {
    const { epoch, ...partitions } = c.target;
    // "partitionEpoch": "-1 for all" (free) or "N for all (owned by others)".
    const partitionEpoch = Number.parseInt(c.partitionEpoch, 10);
    const actual = reconcileMember({
      member: { state: c.member.state, memberEpoch: c.member.epoch, previousMemberEpoch: c.member.epoch - 1, assigned: c.member.assigned, pendingRevocation: {} },
      target: { epoch, partitions: partitions as TopicPartitions },
      currentPartitionEpoch: () => partitionEpoch,
      owned: c.owned ?? null,
    });
    expect(actual.state).toBe(c.exp.state);
    expect(actual.memberEpoch).toBe(c.exp.epoch);
    if (c.exp.previousEpoch !== undefined) expect(actual.previousMemberEpoch).toBe(c.exp.previousEpoch);
    expect(actual.assigned).toEqual(c.exp.assigned);
    expect(actual.pendingRevocation).toEqual(c.exp.pendingRevocation ?? {});
  });
});
