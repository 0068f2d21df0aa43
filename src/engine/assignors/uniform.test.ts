import { describe, expect, it } from 'vitest';
import { assign, assignOnBroker } from './index';
import type { AssignorInput } from './types';

describe('uniform (broker, KIP-848)', () => {
  const homogeneous: AssignorInput = {
    topics: { a: 7, b: 3 },
    members: [{ id: 'x', topics: ['a', 'b'] }, { id: 'y', topics: ['a', 'b'] }, { id: 'z', topics: ['a', 'b'] }],
  };

  it('deals a fresh homogeneous group evenly: 10 partitions over 3 members is 4, 3, 3', () => {
    const result = assign('uniform', homogeneous);
    expect(Object.values(result).map((l) => l.length).sort()).toEqual([3, 3, 4]);
    expect(Object.values(result).flat().sort()).toEqual(['a-0', 'a-1', 'a-2', 'a-3', 'a-4', 'a-5', 'a-6', 'b-0', 'b-1', 'b-2']);
  });

  it('keeps current targets up to the quota when a member joins', () => {
    const first = assign('uniform', homogeneous);
    const next = assign('uniform', {
      ...homogeneous,
      members: [...homogeneous.members.map((m) => ({ ...m, owned: first[m.id] ?? [] })), { id: 'w', topics: ['a', 'b'] }],
    });
    for (const m of homogeneous.members) {
      const kept = (next[m.id] ?? []).filter((p) => first[m.id]?.includes(p));
      expect(kept.length).toBe(next[m.id]?.length);
    }
    expect(next.w).toHaveLength(10 - Object.entries(next).filter(([id]) => id !== 'w').flatMap(([, l]) => l).length);
    expect(Object.values(next).map((l) => l.length).sort()).toEqual([2, 2, 3, 3]);
  });

  it('heterogeneous: only subscribers get a topic, and a leaving member frees its partitions', () => {
    const input: AssignorInput = {
      topics: { a: 6, b: 6, c: 2 },
      members: [{ id: 'x', topics: ['a'] }, { id: 'y', topics: ['a', 'b'] }, { id: 'z', topics: ['b', 'c'] }],
    };
    const result = assign('uniform', input);
    expect(result.x?.every((p) => p.startsWith('a-'))).toBe(true);
    expect(result.z?.every((p) => !p.startsWith('a-'))).toBe(true);
    expect(Object.values(result).flat()).toHaveLength(14);
    const sizes = Object.values(result).map((l) => l.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);

    const without = assign('uniform', { ...input, members: input.members.slice(1).map((m) => ({ ...m, owned: result[m.id] ?? [] })) });
    expect(Object.values(without).flat().sort()).toEqual(Object.values(result).flat().sort());
    // z keeps all it had; y takes x's partitions of a and hands b partitions to z for balance.
    expect(without.z).toEqual(expect.arrayContaining(result.z ?? []));
    expect(without.y).toEqual(expect.arrayContaining((result.y ?? []).filter((p) => p.startsWith('a-'))));
    expect(Object.values(without).map((l) => l.length)).toEqual([7, 7]);
  });

  it('gives every member an entry, even with nothing to assign', () => {
    expect(assign('uniform', { topics: {}, members: [{ id: 'x', topics: ['missing'] }] })).toEqual({ x: [] });
    expect(assign('uniform', { topics: { a: 1 }, members: [] })).toEqual({});
  });
});

describe('the broker range assignor (assignOnBroker)', () => {
  it('ranges per topic over its subscribers, static members first, ignoring the current assignment', () => {
    const input: AssignorInput = {
      topics: { t: 5 },
      members: [
        { id: 'a', topics: ['t'], owned: ['t-4'] },
        { id: 'b', topics: ['t'], instanceId: 'z' },
        { id: 'c', topics: ['t'] },
      ],
    };
    expect(assignOnBroker('range', input)).toEqual({ a: ['t-2', 't-3'], b: ['t-0', 't-1'], c: ['t-4'] });
  });

  it('validates its input and refuses an unknown assignor', () => {
    expect(() => assignOnBroker('range', { topics: { t: -1 }, members: [] })).toThrow(/non-negative integer/);
    expect(() => assignOnBroker('sticky' as 'range', { topics: {}, members: [] })).toThrow(/unknown broker assignor 'sticky'/);
  });
});
