import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assign } from './index';
import type { Assignment, AssignorInput, AssignorMember } from './types';

// Random groups rebalanced over several rounds: members join and leave, subscriptions and
// topics change, and each round every continuing member owns what the last round gave it
// (generation = the last round). The checks are Kafka's own test helpers:
// verifyValidityAndBalance, isFullyBalanced and isSticky (AbstractStickyAssignorTest).

const TOPICS = ['t0', 't1', 't2', 't3', 't4'];
const POOL = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6'];

interface Round {
  counts: number[];
  members: { id: string; topics: string[] }[];
}

const topicOf = (partition: string) => partition.slice(0, partition.lastIndexOf('-'));

const round: fc.Arbitrary<Round> = fc
  .record({
    counts: fc.tuple(...TOPICS.map(() => fc.integer({ min: 0, max: 7 }))),
    equal: fc.boolean(),
    common: fc.subarray(TOPICS, { minLength: 1 }),
    members: fc.subarray(POOL, { minLength: 1 }).chain((ids) =>
      fc.tuple(...ids.map((id) => fc.record({ id: fc.constant(id), topics: fc.subarray(TOPICS, { minLength: 1 }) }))),
    ),
  })
  .map(({ counts, equal, common, members }) => ({
    counts,
    members: equal ? members.map((m) => ({ ...m, topics: common })) : members,
  }));

const rounds = fc.array(round, { minLength: 2, maxLength: 5 });

/** The input of one round: owned = the previous round's result, generation = that round. */
function inputFor(r: Round, previous: Assignment, generation: number): AssignorInput {
  return {
    topics: Object.fromEntries(TOPICS.map((t, i) => [t, r.counts[i] ?? 0])),
    members: r.members.map((m): AssignorMember => {
      const owned = previous[m.id];
      return owned === undefined ? m : { ...m, owned, generation };
    }),
  };
}

/** Partitions that must be assigned: those of topics with partitions that someone subscribes. */
function subscribedPartitions(input: AssignorInput): string[] {
  return Object.entries(input.topics)
    .filter(([topic, n]) => n > 0 && input.members.some((m) => m.topics.includes(topic)))
    .flatMap(([topic, n]) => Array.from({ length: n }, (_, p) => `${topic}-${p}`));
}

/** Each partition at most once, only to a subscriber, every member present. */
function expectValid(input: AssignorInput, result: Assignment): void {
  expect(Object.keys(result).sort()).toEqual(input.members.map((m) => m.id).sort());
  const seen = new Set<string>();
  for (const member of input.members) {
    for (const partition of result[member.id] ?? []) {
      expect(member.topics).toContain(topicOf(partition));
      expect(seen.has(partition)).toBe(false);
      seen.add(partition);
    }
  }
}

function expectComplete(input: AssignorInput, result: Assignment): void {
  expect(Object.values(result).flat().sort()).toEqual(subscribedPartitions(input).sort());
}

/** Kafka's verifyValidityAndBalance: two members 2+ apart share no topic among their partitions. */
function expectBalanced(result: Assignment): void {
  const lists = Object.values(result);
  for (let i = 0; i < lists.length; i++) {
    for (let j = i + 1; j < lists.length; j++) {
      const a = lists[i] ?? [];
      const b = lists[j] ?? [];
      if (Math.abs(a.length - b.length) <= 1) continue;
      const topicsOfB = new Set(b.map(topicOf));
      for (const partition of a) expect(topicsOfB.has(topicOf(partition))).toBe(false);
    }
  }
}

/** Kafka's isFullyBalanced: sizes differ by at most one. */
function expectFullyBalanced(result: Assignment): void {
  const sizes = Object.values(result).map((l) => l.length);
  expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
}

const allEqual = (input: AssignorInput) =>
  input.members.every((m) => [...m.topics].sort().join() === [...(input.members[0]?.topics ?? [])].sort().join());

/** Owned partitions that still exist and that the member still subscribes. */
function validOwned(input: AssignorInput, member: AssignorMember): string[] {
  return (member.owned ?? []).filter((p) => {
    const topic = topicOf(p);
    const n = Object.hasOwn(input.topics, topic) ? (input.topics[topic] ?? 0) : 0;
    return member.topics.includes(topic) && Number(p.slice(topic.length + 1)) < n;
  });
}

/**
 * Equal subscriptions: exactly as many owned partitions stay as balance allows. Every member
 * keeps min(owned, minQuota), and P mod C of those owning maxQuota or more keep maxQuota.
 */
function expectKeptAsBalanceAllows(input: AssignorInput, result: Assignment): void {
  const total = subscribedPartitions(input).length;
  const c = input.members.length;
  const minQuota = Math.floor(total / c);
  const maxQuota = Math.ceil(total / c);
  let kept = 0;
  let atMax = 0;
  let expected = 0;
  for (const m of input.members) {
    const owned = validOwned(input, m);
    const mine = new Set(result[m.id] ?? []);
    kept += owned.filter((p) => mine.has(p)).length;
    expected += Math.min(owned.length, minQuota);
    if (owned.length >= maxQuota && maxQuota > minQuota) atMax++;
  }
  expected += Math.min(total % c, atMax);
  expect(kept).toBe(expected);
}

/** Kafka's isSticky: no topic has one partition moving A -> B and another B -> A in a round. */
function expectNoReverseMoves(input: AssignorInput, result: Assignment): void {
  const owner = new Map<string, string>();
  for (const [member, list] of Object.entries(result)) for (const p of list) owner.set(p, member);
  const moves = new Set<string>();
  for (const m of input.members) {
    for (const p of m.owned ?? []) {
      const to = owner.get(p);
      if (to !== undefined && to !== m.id) moves.add(`${topicOf(p)}|${m.id}|${to}`);
    }
  }
  for (const move of moves) {
    const [topic, from, to] = move.split('|');
    expect(moves.has(`${topic}|${to}|${from}`)).toBe(false);
  }
}

/** Runs `strategy` over the rounds, checking each round with `check`. */
function play(strategy: 'sticky' | 'cooperative-sticky' | 'uniform', script: Round[], check: (input: AssignorInput, result: Assignment) => Assignment): void {
  let previous: Assignment = {};
  script.forEach((r, i) => {
    const input = inputFor(r, previous, i);
    previous = check(input, assign(strategy, input));
  });
}

describe('sticky (eager) over random rounds', () => {
  it('assigns every subscribed partition once, to a subscriber, balanced, moving only what balance needs', () => {
    fc.assert(
      fc.property(rounds, (script) => {
        play('sticky', script, (input, result) => {
          expectValid(input, result);
          expectComplete(input, result);
          expectBalanced(result);
          expectNoReverseMoves(input, result);
          if (allEqual(input)) {
            expectFullyBalanced(result);
            expectKeptAsBalanceAllows(input, result);
          }
          return result;
        });
      }),
    );
  });
});

/** No partition owned by one member goes to another in the same round. */
function expectNoHandOff(input: AssignorInput, result: Assignment): void {
  const owner = new Map<string, string>();
  for (const [member, list] of Object.entries(result)) for (const p of list) owner.set(p, member);
  for (const m of input.members) {
    for (const p of m.owned ?? []) {
      const to = owner.get(p);
      if (to !== undefined) expect(to).toBe(m.id);
    }
  }
}

describe('cooperative-sticky over random rounds', () => {
  // Kafka's general builder may move other partitions again in a follow-up, so it can take
  // more than one follow-up rebalance to settle; each holds back what changes owner.
  const MAX_FOLLOW_UPS = 6;

  it('never hands a partition straight from one owner to another; follow-ups complete it', () => {
    fc.assert(
      fc.property(rounds, (script) => {
        play('cooperative-sticky', script, (input, first) => {
          expectValid(input, first);
          expectNoHandOff(input, first);
          if (allEqual(input)) expectKeptAsBalanceAllows(input, first);

          let current = input;
          let result = first;
          for (let i = 0; i < MAX_FOLLOW_UPS && Object.values(result).flat().length < subscribedPartitions(input).length; i++) {
            // The follow-up rebalance: members own what they were given, one generation on.
            current = {
              ...current,
              members: current.members.map((m) => ({ ...m, owned: result[m.id] ?? [], generation: (m.generation ?? 0) + 1 })),
            };
            result = assign('cooperative-sticky', current);
            expectValid(current, result);
            expectNoHandOff(current, result);
          }
          expectComplete(input, result);
          expectBalanced(result);
          if (allEqual(input)) expectFullyBalanced(result);
          return result;
        });
      }),
    );
  });
});

describe('uniform (broker, KIP-848) over random rounds', () => {
  it('assigns every subscribed partition once, to a subscriber, balanced; keeps current partitions up to the quota', () => {
    fc.assert(
      fc.property(rounds, (script) => {
        play('uniform', script, (input, result) => {
          expectValid(input, result);
          expectComplete(input, result);
          if (allEqual(input)) {
            expectFullyBalanced(result);
            const total = subscribedPartitions(input).length;
            const minQuota = Math.floor(total / input.members.length);
            for (const m of input.members) {
              const kept = validOwned(input, m).filter((p) => (result[m.id] ?? []).includes(p));
              expect(kept.length).toBeGreaterThanOrEqual(Math.min(validOwned(input, m).length, minQuota));
            }
          } else {
            expectBalanced(result);
          }
          return result;
        });
      }),
    );
  });
});
