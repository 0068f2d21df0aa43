import { describe, expect, it } from 'vitest';
import { assign } from './index';
import { javaHashMapOrder, javaStringHash } from './java-hash';
import type { AssignorInput } from './types';

// Expected values below were checked against Kafka 3.9's StickyAssignor and
// CooperativeStickyAssignor run on the same input.

const fourConsumersSixPartitions: AssignorInput = {
  topics: { topic: 6 },
  members: [
    { id: 'consumer1', topics: ['topic'], owned: ['topic-0', 'topic-1'], generation: 1 },
    { id: 'consumer2', topics: ['topic'], owned: ['topic-2', 'topic-3'], generation: 1 },
    { id: 'consumer3', topics: ['topic'], owned: ['topic-4', 'topic-5'], generation: 1 },
    { id: 'consumer4', topics: ['topic'] },
  ],
};

describe('Java hashing', () => {
  it("matches String.hashCode and HashMap's visiting order", () => {
    expect(javaStringHash('hello')).toBe(99162322);
    expect(javaStringHash('consumer1')).toBe(-421004549);
    const ids = ['consumer1', 'consumer2', 'consumer3', 'consumer4'];
    expect([...javaHashMapOrder(ids)].map((i) => ids[i])).toEqual(['consumer4', 'consumer3', 'consumer2', 'consumer1']);
    // computeIfAbsent links a new key at the head of its bucket: t10 (bucket 2) before t6.
    const topics = ['t3', 't5', 't6', 't8', 't10'];
    expect([...javaHashMapOrder(topics, 'put')].map((i) => topics[i])).toEqual(['t5', 't6', 't10', 't8', 't3']);
    expect([...javaHashMapOrder(topics, 'computeIfAbsent')].map((i) => topics[i])).toEqual(['t5', 't10', 't6', 't8', 't3']);
  });
});

describe('sticky: who keeps maxQuota follows HashMap order, not id order', () => {
  it('eager: consumer3 and consumer2 (visited first) keep two; consumer1 gives one up', () => {
    expect(assign('sticky', fourConsumersSixPartitions)).toEqual({
      consumer1: ['topic-0'],
      consumer2: ['topic-2', 'topic-3'],
      consumer3: ['topic-4', 'topic-5'],
      consumer4: ['topic-1'],
    });
  });

  it('cooperative: topic-1 is only revoked this round; consumer4 gets it in the follow-up', () => {
    const first = assign('cooperative-sticky', fourConsumersSixPartitions);
    expect(first).toEqual({ consumer1: ['topic-0'], consumer2: ['topic-2', 'topic-3'], consumer3: ['topic-4', 'topic-5'], consumer4: [] });
    const followUp = assign('cooperative-sticky', {
      ...fourConsumersSixPartitions,
      members: fourConsumersSixPartitions.members.map((m) => ({ ...m, owned: first[m.id] ?? [], generation: 2 })),
    });
    expect(followUp.consumer4).toEqual(['topic-1']);
  });
});

describe('sticky: generation conflicts', () => {
  it('the higher generation keeps a partition claimed twice', () => {
    const input: AssignorInput = {
      topics: { t: 2 },
      members: [
        { id: 'c1', topics: ['t'], owned: ['t-0'], generation: 2 },
        { id: 'c2', topics: ['t'], owned: ['t-0', 't-1'], generation: 1 },
      ],
    };
    expect(assign('sticky', input)).toEqual({ c1: ['t-0'], c2: ['t-1'] });
    expect(assign('cooperative-sticky', input)).toEqual({ c1: ['t-0'], c2: ['t-1'] });
  });

  it('in the same generation nobody keeps it, and cooperative holds it back a round', () => {
    const input: AssignorInput = {
      topics: { t: 2 },
      members: [
        { id: 'c1', topics: ['t'], owned: ['t-0'], generation: 1 },
        { id: 'c2', topics: ['t'], owned: ['t-0', 't-1'], generation: 1 },
      ],
    };
    // c2 keeps t-1; t-0 is re-dealt like an unowned partition.
    expect(assign('sticky', input)).toEqual({ c1: ['t-0'], c2: ['t-1'] });
    expect(assign('cooperative-sticky', input)).toEqual({ c1: [], c2: ['t-1'] });
  });
});

describe('sticky: stale input', () => {
  // Kafka would keep t-5 (its topic exists) and then fail with IllegalStateException; a
  // partition count never shrinks in Kafka, so we drop partitions past the count instead.
  it('drops owned partitions of deleted topics and of partitions past the count', () => {
    const input: AssignorInput = {
      topics: { t: 2 },
      members: [{ id: 'c', topics: ['t'], owned: ['gone-0', 't-5', 't-1', 'no-dash'], generation: 3 }],
    };
    expect(assign('sticky', input)).toEqual({ c: ['t-1', 't-0'] });
  });

  it('writes partition names canonically and never returns the input arrays', () => {
    const owned = ['t-01', 't-0'];
    const input: AssignorInput = { topics: { t: 2 }, members: [{ id: 'c', topics: ['t'], owned, generation: 1 }] };
    for (const strategy of ['sticky', 'cooperative-sticky', 'uniform'] as const) {
      const result = assign(strategy, input);
      expect([...(result.c ?? [])].sort()).toEqual(['t-0', 't-1']);
    }
    const same = { topics: { t: 2 }, members: [{ id: 'c', topics: ['t'], owned: ['t-0', 't-1'], generation: 1 }] };
    const result = assign('uniform', same);
    expect(result.c).toEqual(['t-0', 't-1']);
    expect(result.c).not.toBe(same.members[0]?.owned);
  });

  it('treats ids like __proto__ and topics like toString as plain names', () => {
    const input: AssignorInput = {
      topics: { toString: 2 },
      members: [
        { id: '__proto__', topics: ['toString', 'constructor'] },
        { id: 'b', topics: ['toString'] },
      ],
    };
    const result = assign('sticky', input);
    expect(Object.keys(result).sort()).toEqual(['__proto__', 'b']);
    expect(Object.values(result).flat().sort()).toEqual(['toString-0', 'toString-1']);
  });
});

describe("sticky: Kafka's empty-subscription quirk (kept)", () => {
  // allSubscriptionsEqual() takes the first NON-EMPTY subscription as the reference, so a
  // member subscribed to nothing (a pattern matching no topic) visited first counts as equal
  // and the constrained builder deals it partitions of a topic it never subscribed to.
  it('gives a member with no topics partitions when it is visited first', () => {
    const input: AssignorInput = { topics: { t: 3 }, members: [{ id: 'a', topics: [] }, { id: 'b', topics: ['t'] }] };
    expect(assign('cooperative-sticky', input)).toEqual({ a: ['t-0', 't-2'], b: ['t-1'] });
  });
});

describe('sticky: general path (subscriptions differ)', () => {
  it('keeps owned partitions, fills the least loaded, and balances', () => {
    const input: AssignorInput = {
      topics: { t1: 3, t2: 3 },
      members: [
        { id: 'a', topics: ['t1', 't2'], owned: ['t1-0', 't1-1', 't1-2', 't2-0', 't2-1', 't2-2'], generation: 1 },
        { id: 'b', topics: ['t1'] },
      ],
    };
    expect(assign('sticky', input)).toEqual({ a: ['t2-0', 't2-1', 't2-2'], b: ['t1-0', 't1-1', 't1-2'] });
    // Cooperative: a keeps t2, revokes t1 this round; b gets nothing until the follow-up.
    expect(assign('cooperative-sticky', input)).toEqual({ a: ['t2-0', 't2-1', 't2-2'], b: [] });
  });
});
