import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assign, assignOnBroker } from './index';
import type { Assignment, AssignorInput, AssignorStrategy } from './types';

// partition-names.ts remembers the lists it hands out (frozen), so that one coming back as a
// member's owned partitions is read by its ids instead of its text. These tests hold it to
// its promise: the answer never depends on the memo. The same input with every list rebuilt
// from fresh strings (as after JSON) must give the same answer, whether the lists handed out
// come back as they were or as edited copies (reordered, grown, shortened, shared between
// members, fed to another assignor, or read against topics that changed).

const STRATEGIES: AssignorStrategy[] = ['sticky', 'cooperative-sticky', 'uniform', 'range', 'roundrobin'];
const TOPICS = ['t0', 't1', 't2', 't3'];
const MEMBERS = ['a', 'b', 'c', 'd', 'e'];

/** A deep copy made of new strings: nothing in it was handed out by an assignor. */
const copied = (input: AssignorInput): AssignorInput => JSON.parse(JSON.stringify(input)) as AssignorInput;

function run(strategy: AssignorStrategy | 'broker-range', input: AssignorInput): Assignment {
  return strategy === 'broker-range' ? assignOnBroker('range', input) : assign(strategy, input);
}

type Edit =
  | { kind: 'none' }
  | { kind: 'replace'; at: number; with: string }
  | { kind: 'push'; name: string }
  | { kind: 'reverse' }
  | { kind: 'pop' }
  | { kind: 'swapWithNext' };

const partitionName = fc
  .tuple(fc.constantFrom(...TOPICS, 'gone'), fc.integer({ min: 0, max: 9 }), fc.boolean())
  .map(([topic, p, padded]) => `${topic}-${padded ? `0${p}` : p}`);

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.constant<Edit>({ kind: 'none' }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(20), with: partitionName }),
  fc.record({ kind: fc.constant('push' as const), name: partitionName }),
  fc.constant<Edit>({ kind: 'reverse' }),
  fc.constant<Edit>({ kind: 'pop' }),
  fc.constant<Edit>({ kind: 'swapWithNext' }),
);

function applyEdit(list: string[], e: Edit): void {
  if (e.kind === 'replace' && list.length > 0) list[e.at % list.length] = e.with;
  else if (e.kind === 'push') list.push(e.name);
  else if (e.kind === 'reverse') list.reverse();
  else if (e.kind === 'pop') list.pop();
  else if (e.kind === 'swapWithNext' && list.length > 1) [list[0], list[1]] = [list[1] ?? '', list[0] ?? ''];
}

const counts = fc.tuple(...TOPICS.map(() => fc.integer({ min: 0, max: 8 })));
const subscriptions = fc.tuple(...MEMBERS.map(() => fc.subarray(TOPICS, { minLength: 1 })));

const scenario = fc.record({
  first: fc.constantFrom(...STRATEGIES, 'broker-range' as const),
  second: fc.constantFrom(...STRATEGIES, 'broker-range' as const),
  counts1: counts,
  counts2: counts,
  subs1: subscriptions,
  subs2: subscriptions,
  equal: fc.boolean(),
  edits: fc.tuple(...MEMBERS.map(() => edit)),
  // Member i owns the list handed to member ownerOf[i] (or its own): lists shared or swapped.
  ownerOf: fc.tuple(...MEMBERS.map(() => fc.nat(MEMBERS.length - 1))),
  generation: fc.integer({ min: 1, max: 3 }),
});

describe('owned lists an assignor handed out', () => {
  it('give the same answer as the same names in fresh strings, whatever happened to them', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const topicsOf = (counts: number[]) => Object.fromEntries(TOPICS.map((t, i) => [t, counts[i] ?? 0]));
        const subs = (all: string[][]) => (s.equal ? MEMBERS.map(() => all[0] ?? ['t0']) : all);
        const firstInput: AssignorInput = {
          topics: topicsOf(s.counts1),
          members: MEMBERS.map((id, i) => ({ id, topics: subs(s.subs1)[i] ?? ['t0'] })),
        };
        const handedOut = run(s.first, firstInput);
        // Handed-out lists are frozen: an application edits a copy.
        const first: Assignment = {};
        MEMBERS.forEach((id, i) => {
          const e = s.edits[i] ?? { kind: 'none' };
          const list = handedOut[id] ?? [];
          if (e.kind === 'none') {
            first[id] = list;
          } else {
            const copy = [...list];
            applyEdit(copy, e);
            first[id] = copy;
          }
        });
        const secondInput: AssignorInput = {
          topics: topicsOf(s.counts2),
          members: MEMBERS.map((id, i) => ({
            id,
            topics: subs(s.subs2)[i] ?? ['t0'],
            owned: first[MEMBERS[s.ownerOf[i] ?? i] ?? id] ?? [],
            generation: s.generation,
          })),
        };
        const fresh = copied(secondInput);
        let expected: Assignment | Error;
        try {
          expected = run(s.second, fresh);
        } catch (error) {
          expected = error as Error;
        }
        if (expected instanceof Error) {
          expect(() => run(s.second, secondInput)).toThrow(expected.message);
        } else {
          expect(run(s.second, secondInput)).toEqual(expected);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('are frozen: a write throws, and a member whose result is the list it gave gets that list back', () => {
    const input: AssignorInput = {
      topics: { t0: 4, t1: 2 },
      members: [
        { id: 'a', topics: ['t0', 't1'] },
        { id: 'b', topics: ['t0', 't1'] },
      ],
    };
    const first = assign('uniform', input);
    expect(Object.isFrozen(first.a)).toBe(true);
    expect(() => first.a?.push('t0-3')).toThrow(TypeError);
    const again = { topics: input.topics, members: input.members.map((m) => ({ ...m, owned: first[m.id] ?? [] })) };
    const second = assign('uniform', again);
    expect(second).toEqual(first);
    expect(second.a).toBe(again.members[0]?.owned);
    // A member's own list that is not frozen is copied, never handed back to be changed under it.
    const mine = [...(first.a ?? [])];
    const third = assign('uniform', { topics: input.topics, members: [{ ...input.members[0]!, owned: mine }, { ...input.members[1]!, owned: first.b ?? [] }] });
    expect(third.a).toEqual(mine);
    expect(third.a).not.toBe(mine);
    expect(Object.isFrozen(third.a)).toBe(true);
  });

  it('refuses an edited copy that holds something else than strings, with the usual message', () => {
    const input: AssignorInput = { topics: { t0: 2 }, members: [{ id: 'a', topics: ['t0'] }] };
    const first = assign('sticky', input);
    const owned = [...(first.a ?? [])] as unknown[];
    owned[0] = 7;
    expect(() =>
      assign('sticky', { topics: input.topics, members: [{ id: 'a', topics: ['t0'], owned: owned as string[] }] }),
    ).toThrow(`member 'a': owned must be an array of "topic-N" names, got an array`);
  });

  it('are read against the topics of the call that reads them', () => {
    // t1 appears between the rounds and sorts before t2: every id shifts.
    const first = assign('roundrobin', {
      topics: { t0: 2, t2: 2 },
      members: [{ id: 'a', topics: ['t0', 't2'] }],
    });
    expect(first.a).toEqual(['t0-0', 't0-1', 't2-0', 't2-1']);
    const second = assign('cooperative-sticky', {
      topics: { t0: 1, t1: 3, t2: 2 },
      members: [
        { id: 'a', topics: ['t0', 't1', 't2'], owned: first.a ?? [], generation: 1 },
        { id: 'b', topics: ['t1'] },
      ],
    });
    // t0-1 is gone (the topic shrank in this metadata); a keeps the rest; t1 goes to b.
    expect(second).toEqual({ a: ['t0-0', 't2-0', 't2-1'], b: ['t1-0', 't1-1', 't1-2'] });
  });
});
