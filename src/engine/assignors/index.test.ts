import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assign, assignors, isSupportedAssignor } from './index';
import type { AssignorInput, AssignorStrategy } from './types';

const valid: AssignorInput = {
  topics: { t: 3 },
  members: [{ id: 'a', topics: ['t'] }, { id: 'b', topics: ['t'] }],
};

/** Feeds deliberately mistyped input past the compiler. */
const bad = (input: unknown) => input as AssignorInput;

describe('assign', () => {
  it('dispatches to the registry', () => {
    expect(assign('range', valid)).toEqual({ a: ['t-0', 't-1'], b: ['t-2'] });
    expect(assign('roundrobin', valid)).toEqual({ a: ['t-0', 't-2'], b: ['t-1'] });
    expect(assignors.range.name).toBe('range');
    expect(assignors.roundrobin.name).toBe('roundrobin');
  });

  it('throws on an unknown strategy', () => {
    expect(() => assign('fair' as AssignorStrategy, valid)).toThrow(/unknown assignor 'fair'/);
  });

  it.each([
    ['a negative partition count', { topics: { t: -1 }, members: [] }, /topic 't'.*non-negative integer.*-1/],
    ['a fractional partition count', { topics: { t: 1.5 }, members: [] }, /topic 't'.*1\.5/],
    ['a NaN partition count', { topics: { t: Number.NaN }, members: [] }, /topic 't'.*NaN/],
    ['a string partition count', { topics: { t: '3' }, members: [] }, /topic 't'.*"3"/],
    ['topics not an object', { topics: [], members: [] }, /'topics' must be an object/],
    ['members not an array', { topics: {}, members: { a: {} } }, /'members' must be an array/],
    ['duplicate member ids', { topics: {}, members: [{ id: 'a', topics: [] }, { id: 'a', topics: [] }] }, /duplicate member id 'a'/],
    ['an empty member id', { topics: {}, members: [{ id: '', topics: [] }] }, /members\[0\]\.id/],
    ['member topics not a string array', { topics: {}, members: [{ id: 'a', topics: 't' }] }, /member 'a': topics/],
    ['a non-string instanceId', { topics: {}, members: [{ id: 'a', instanceId: 1, topics: [] }] }, /member 'a': instanceId/],
    ['no input at all', undefined, /assignor input must be an object/],
  ])('throws on %s', (_label, input, message) => {
    for (const strategy of ['range', 'roundrobin', 'sticky', 'cooperative-sticky', 'uniform'] as const) {
      expect(() => assign(strategy, bad(input))).toThrow(message);
      expect(() => assignors[strategy].assign(bad(input))).toThrow(message);
    }
  });

  it('does not mutate its input', () => {
    const input = structuredClone(valid);
    Object.freeze(input.topics);
    input.members.forEach((m) => Object.freeze(m.topics));
    assign('range', input);
    assign('roundrobin', input);
    expect(input).toEqual(valid);
  });
});

describe('isSupportedAssignor', () => {
  it('accepts the implemented assignors only', () => {
    const names = ['range', 'roundrobin', 'sticky', 'cooperative-sticky', 'uniform', 'RANGE', '', 'toString', '__proto__'];
    expect(names.filter(isSupportedAssignor)).toEqual(['range', 'roundrobin', 'sticky', 'cooperative-sticky', 'uniform']);
  });
});

describe('range and roundrobin invariants', () => {
  const topicNames = ['a', 'B', 'c'];
  const inputs = fc
    .record({
      counts: fc.tuple(fc.nat(6), fc.nat(6), fc.nat(6)),
      members: fc.uniqueArray(
        fc.record({
          id: fc.string({ minLength: 1, maxLength: 3 }),
          instanceId: fc.option(fc.string({ maxLength: 2 }), { nil: undefined }),
          topics: fc.subarray(topicNames),
        }),
        { selector: (m) => m.id, maxLength: 5 },
      ),
    })
    .map(({ counts, members }): AssignorInput => ({
      topics: Object.fromEntries(topicNames.map((t, i) => [t, counts[i] ?? 0])),
      members: members.map(({ instanceId, ...m }) => (instanceId === undefined ? m : { ...m, instanceId })),
    }));

  it.each(['range', 'roundrobin'] as const)('%s assigns each subscribed partition once, to a subscriber, whatever the input order', (strategy) => {
    fc.assert(
      fc.property(inputs, (input) => {
        const result = assign(strategy, input);
        expect(Object.keys(result).sort()).toEqual(input.members.map((m) => m.id).sort());

        const expected = Object.entries(input.topics)
          .filter(([topic]) => input.members.some((m) => m.topics.includes(topic)))
          .flatMap(([topic, n]) => Array.from({ length: n }, (_, p) => `${topic}-${p}`));
        expect(Object.values(result).flat().sort()).toEqual(expected.sort());

        for (const member of input.members) {
          for (const partition of result[member.id] ?? []) {
            expect(member.topics).toContain(partition.slice(0, partition.lastIndexOf('-')));
          }
        }
        expect(assign(strategy, { ...input, members: [...input.members].reverse() })).toEqual(result);
      }),
    );
  });
});
