import { describe, expect, it } from 'vitest';
import { assignRoundRobin } from './roundrobin';

describe('assignRoundRobin', () => {
  it('deals uneven counts one by one', () => {
    const result = assignRoundRobin({
      topics: { t: 5 },
      members: [{ id: 'b', topics: ['t'] }, { id: 'a', topics: ['t'] }],
    });
    expect(result).toEqual({ b: ['t-1', 't-3'], a: ['t-0', 't-2', 't-4'] });
  });

  it('keeps one iterator across topics instead of restarting per topic', () => {
    const result = assignRoundRobin({
      topics: { x: 1, y: 1, z: 1 },
      members: [{ id: 'a', topics: ['x', 'y', 'z'] }, { id: 'b', topics: ['x', 'y', 'z'] }],
    });
    expect(result).toEqual({ a: ['x-0', 'z-0'], b: ['y-0'] });
  });

  it('skips members not subscribed to the topic, then carries on after the taker', () => {
    // x-0 -> a; x-1 -> b; y-0: c is next and takes it; y-1: a is skipped, c again.
    const result = assignRoundRobin({
      topics: { x: 2, y: 2 },
      members: [{ id: 'a', topics: ['x'] }, { id: 'b', topics: ['x'] }, { id: 'c', topics: ['y'] }],
    });
    expect(result).toEqual({ a: ['x-0'], b: ['x-1'], c: ['y-0', 'y-1'] });
  });

  it('ranks static members first and sorts ids in UTF-16 order', () => {
    const result = assignRoundRobin({
      topics: { t: 4 },
      members: [
        { id: 'a', topics: ['t'] },
        { id: 'B', topics: ['t'] },
        { id: 'zz', instanceId: 'i1', topics: ['t'] },
      ],
    });
    expect(result).toEqual({ zz: ['t-0', 't-3'], B: ['t-1'], a: ['t-2'] });
  });

  it('gives members with an empty subscription an empty entry', () => {
    const result = assignRoundRobin({
      topics: { t: 2 },
      members: [{ id: 'a', topics: [] }, { id: 'b', topics: ['t'] }],
    });
    expect(result).toEqual({ a: [], b: ['t-0', 't-1'] });
  });

  it('drops topics without metadata or partitions, including Object.prototype names', () => {
    const result = assignRoundRobin({
      topics: { empty: 0, t: 1 },
      members: [{ id: 'm', topics: ['toString', 'empty', 'missing', 't'] }],
    });
    expect(result).toEqual({ m: ['t-0'] });
  });
});
