import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildConstrained } from './sticky-constrained';
import { buildStickyModel } from './sticky-model';

// A new group (nobody claims anything) takes a closed form instead of Kafka's round-robin
// loop; it must give the loop's lists, member by member, in order.

const freshGroup = fc.record({
  counts: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 4 }),
  ids: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 15 }),
});

describe('constrained builder on a new group', () => {
  it('gives the lists of Kafka’s round-robin loop', () => {
    fc.assert(
      fc.property(freshGroup, ({ counts, ids }) => {
        const topics = Object.fromEntries(counts.map((n, t) => [`t${t}`, n]));
        const model = buildStickyModel({ topics, members: ids.map((id) => ({ id, topics: Object.keys(topics) })) });
        const closed = buildConstrained(model);
        const loop = buildConstrained(model, false);
        expect(closed.lists.map((list) => [...list])).toEqual(loop.lists.map((list) => [...list]));
        expect([...(loop.transferring ?? [])].every((m) => m === 0)).toBe(true);
        expect(closed.transferring?.length).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it('is not taken once a member claims something', () => {
    const model = buildStickyModel({
      topics: { t: 3 },
      members: [
        { id: 'a', topics: ['t'], owned: ['t-2'], generation: 1 },
        { id: 'b', topics: ['t'] },
      ],
    });
    // The closed form would give a [0, 2] and b [1]; Kafka's loop lets a keep t-2.
    expect(buildConstrained(model).lists.map((list) => [...list])).toEqual([[2, 1], [0]]);
    expect(buildConstrained(model, false).lists.map((list) => [...list])).toEqual([[2, 1], [0]]);
  });
});
