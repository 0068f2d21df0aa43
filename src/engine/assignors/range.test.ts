import { describe, expect, it } from 'vitest';
import { assignRange } from './range';

describe('assignRange', () => {
  it('gives the first n mod c members one more partition', () => {
    const result = assignRange({
      topics: { t: 7 },
      members: [{ id: 'c3', topics: ['t'] }, { id: 'c1', topics: ['t'] }, { id: 'c2', topics: ['t'] }],
    });
    expect(result).toEqual({ c1: ['t-0', 't-1', 't-2'], c2: ['t-3', 't-4'], c3: ['t-5', 't-6'] });
  });

  it('leaves the last members empty when partitions are fewer than members', () => {
    const result = assignRange({
      topics: { t: 2 },
      members: ['a', 'b', 'c', 'd'].map((id) => ({ id, topics: ['t'] })),
    });
    expect(result).toEqual({ a: ['t-0'], b: ['t-1'], c: [], d: [] });
  });

  it('splits each topic among its own subscribers only', () => {
    const result = assignRange({
      topics: { x: 4, y: 3 },
      members: [{ id: 'a', topics: ['x', 'y'] }, { id: 'b', topics: ['x'] }, { id: 'c', topics: ['y'] }],
    });
    expect(result).toEqual({ a: ['x-0', 'x-1', 'y-0', 'y-1'], b: ['x-2', 'x-3'], c: ['y-2'] });
  });

  it('gives members with no subscription an empty entry without shifting the others', () => {
    const result = assignRange({
      topics: { t: 2 },
      members: [{ id: 'a', topics: [] }, { id: 'b', topics: ['t'] }, { id: 'c', topics: ['t'] }],
    });
    expect(result).toEqual({ a: [], b: ['t-0'], c: ['t-1'] });
  });

  it('sorts members in UTF-16 order: uppercase ids first', () => {
    const result = assignRange({
      topics: { t: 3 },
      members: [{ id: 'a', topics: ['t'] }, { id: 'B', topics: ['t'] }],
    });
    expect(result).toEqual({ B: ['t-0', 't-1'], a: ['t-2'] });
  });

  it('ranks static members before dynamic ones whatever their ids', () => {
    const result = assignRange({
      topics: { t: 3 },
      members: [{ id: 'a', topics: ['t'] }, { id: 'z', instanceId: 'i', topics: ['t'] }],
    });
    expect(result).toEqual({ z: ['t-0', 't-1'], a: ['t-2'] });
  });

  it('lists topic by topic in UTF-16 topic order', () => {
    const result = assignRange({
      topics: { beta: 1, Zeta: 1, alpha: 1 },
      members: [{ id: 'm', topics: ['beta', 'alpha', 'Zeta'] }],
    });
    expect(result.m).toEqual(['Zeta-0', 'alpha-0', 'beta-0']);
  });

  it('drops topics without metadata or partitions, including Object.prototype names', () => {
    const result = assignRange({
      topics: { empty: 0, t: 1 },
      members: [{ id: 'm', topics: ['empty', 'missing', 'constructor', 't'] }],
    });
    expect(result).toEqual({ m: ['t-0'] });
  });

  it('returns an empty assignment for no members', () => {
    expect(assignRange({ topics: { t: 3 }, members: [] })).toEqual({});
  });
});
