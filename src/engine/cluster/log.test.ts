import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newWorld } from '../new-world';
import type { ProducerState, World } from '../world';
import { logEnd, logStart, parsePartition, partitionId, settleProducer, timeWhenLogReaches } from './log';

/** An empty World at `now` with the given topics (name -> partition count) and producers. */
function world(now: number, topics: Record<string, number>, producers: Record<string, ProducerState> = {}): World {
  return {
    ...newWorld(0),
    now,
    topics: Object.fromEntries(
      Object.entries(topics).map(([name, count]) => [
        name,
        { partitions: Array.from({ length: count }, () => ({ logStart: 0, base: 0 })), retentionMs: -1, history: [] },
      ]),
    ),
    producers,
  };
}

function ends(w: World, topic: string): number[] {
  return w.topics[topic]!.partitions.map((_, i) => logEnd(w, topic, i));
}

/** floor(rate * t / 1000) in exact integer arithmetic (rate and t are integers here). */
function expectedTotal(rate: number, t: number): number {
  const product = rate * t;
  return (product - (product % 1000)) / 1000;
}

/**
 * Round-robin from `cursor`: every partition gets floor(total / count) records, and the
 * total % count partitions starting at the cursor get one more.
 */
function modelEnds(total: number, count: number, cursor = 0): number[] {
  const q = Math.floor(total / count);
  const r = total % count;
  return Array.from({ length: count }, (_, i) => q + (((i - cursor + count) % count) < r ? 1 : 0));
}

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

describe('parsePartition / partitionId', () => {
  it('splits "topic-N" at the last dash', () => {
    expect(parsePartition('orders-12')).toEqual({ topic: 'orders', index: 12 });
    expect(parsePartition('my-topic-3')).toEqual({ topic: 'my-topic', index: 3 });
    expect(parsePartition('a-1-0')).toEqual({ topic: 'a-1', index: 0 });
    expect(parsePartition('x-0')).toEqual({ topic: 'x', index: 0 });
    expect(parsePartition('my.topic_v2-7')).toEqual({ topic: 'my.topic_v2', index: 7 });
  });

  it('returns null for malformed ids', () => {
    for (const id of ['orders', 'orders-', '-3', '', '12', 'orders-x', 'orders-1a', 'orders- 1', 'orders-1 ', 'orders_1', 'orders-1.5']) {
      expect(parsePartition(id), id).toBeNull();
    }
  });

  it('treats a topic ending in a dash as part of the name ("a--1" is topic "a-", partition 1)', () => {
    expect(parsePartition('a--1')).toEqual({ topic: 'a-', index: 1 });
  });

  it('round-trips partitionId for any valid topic name and index', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9._-]{1,40}$/),
        fc.integer({ min: 0, max: 10_000 }),
        (topic, index) => {
          const id = partitionId(topic, index);
          expect(id).toBe(`${topic}-${index}`);
          expect(parsePartition(id)).toEqual({ topic, index });
        },
      ),
    );
  });

  it('rejects ids that partitionId never produces (leading zeros)', () => {
    expect(parsePartition('orders-01')).toBeNull();
    expect(parsePartition('orders-007')).toBeNull();
  });
});

describe('logEnd and logStart', () => {
  it('is 0 for unknown topics and partitions, base without a producer', () => {
    const w = world(5_000, { t: 2 });
    w.topics.t!.partitions[1]!.base = 7;
    w.topics.t!.partitions[1]!.logStart = 3;
    expect(logEnd(w, 'nope', 0)).toBe(0);
    expect(logEnd(w, 't', 2)).toBe(0);
    expect(logEnd(w, 't', 0)).toBe(0);
    expect(logEnd(w, 't', 1)).toBe(7);
    expect(logStart(w, 't', 1)).toBe(3);
    expect(logStart(w, 't', 0)).toBe(0);
    expect(logStart(w, 'nope', 0)).toBe(0);
  });

  it('treats a topic named like an Object.prototype member as unknown', () => {
    const w = world(1_000, { t: 1 });
    expect(logEnd(w, 'toString', 0)).toBe(0);
    expect(logStart(w, 'constructor', 0)).toBe(0);
    expect(timeWhenLogReaches(w, 'toString', 0, 0)).toBeNull();
  });

  it('writes round-robin from partition 0: 10 records/s over 3 partitions', () => {
    const w = world(0, { t: 3 }, { t: { rate: 10, since: 0, cursor: 0 } });
    const at = (t: number) => {
      w.now = t;
      return ends(w, 't');
    };
    expect(at(0)).toEqual([0, 0, 0]);
    expect(at(99)).toEqual([0, 0, 0]);
    expect(at(100)).toEqual([1, 0, 0]);
    expect(at(250)).toEqual([1, 1, 0]);
    expect(at(300)).toEqual([1, 1, 1]);
    expect(at(400)).toEqual([2, 1, 1]);
    expect(at(1_000)).toEqual([4, 3, 3]);
  });

  it('starts at the cursor partition and adds the base', () => {
    const w = world(500, { t: 4 }, { t: { rate: 10, since: 0, cursor: 2 } });
    w.topics.t!.partitions.forEach((p, i) => (p.base = 100 * i));
    // 5 records: partitions 2, 3, 0, 1, 2
    expect(ends(w, 't')).toEqual([1, 101, 202, 301]);
  });

  it('is the base while the rate is 0', () => {
    const w = world(10_000, { t: 2 }, { t: { rate: 0, since: 0, cursor: 1 } });
    w.topics.t!.partitions[0]!.base = 4;
    expect(ends(w, 't')).toEqual([4, 0]);
  });

  it('produces floor(rate * t / 1000) records in total, partitions within 1 of each other', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (rate, count, t) => {
          const w = world(t, { t: count }, { t: { rate, since: 0, cursor: 0 } });
          const e = ends(w, 't');
          const total = expectedTotal(rate, t);
          expect(sum(e)).toBe(total);
          expect(Math.max(...e) - Math.min(...e)).toBeLessThanOrEqual(1);
          expect(e).toEqual(modelEnds(total, count));
        },
      ),
    );
  });

  it('gives the extra records to the partitions from the cursor on', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 32 }),
        fc.nat(),
        fc.integer({ min: 0, max: 1_000_000 }),
        (rate, count, cursor0, t) => {
          const cursor = cursor0 % count;
          const w = world(t, { t: count }, { t: { rate, since: 0, cursor } });
          expect(ends(w, 't')).toEqual(modelEnds(expectedTotal(rate, t), count, cursor));
        },
      ),
    );
  });

  it('never decreases as time goes on', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000 }),
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 2, maxLength: 20 }),
        (rate, count, times) => {
          const w = world(0, { t: count }, { t: { rate, since: 0, cursor: 0 } });
          let previous = ends(w, 't');
          for (const t of [...times].sort((a, b) => a - b)) {
            w.now = t;
            const next = ends(w, 't');
            next.forEach((v, i) => expect(v).toBeGreaterThanOrEqual(previous[i]!));
            previous = next;
          }
        },
      ),
    );
  });
});

describe('settleProducer', () => {
  it('folds the segment into bases and moves cursor and since', () => {
    const w = world(1_000, { t: 3 }, { t: { rate: 4, since: 0, cursor: 1 } });
    // 4 records: partitions 1, 2, 0, 1
    expect(ends(w, 't')).toEqual([1, 2, 1]);
    settleProducer(w, 't');
    expect(w.topics.t!.partitions.map((p) => p.base)).toEqual([1, 2, 1]);
    expect(w.producers.t).toEqual({ rate: 4, since: 1_000, cursor: 2 });
    expect(ends(w, 't')).toEqual([1, 2, 1]);
  });

  it('keeps the fraction of a record under way (since does not jump to now)', () => {
    const w = world(1_100, { t: 2 }, { t: { rate: 3, since: 0, cursor: 0 } });
    settleProducer(w, 't'); // 3 records by 1000, the 4th due at 1333.3
    expect(w.producers.t!.since).toBe(1_000);
    expect(w.producers.t!.cursor).toBe(1);
    w.now = 1_333;
    expect(ends(w, 't')).toEqual([2, 1]);
    w.now = 1_334;
    expect(ends(w, 't')).toEqual([2, 2]);
  });

  it('moves since to now when the rate is 0', () => {
    const w = world(2_500, { t: 2 }, { t: { rate: 0, since: 100, cursor: 1 } });
    settleProducer(w, 't');
    expect(w.producers.t).toEqual({ rate: 0, since: 2_500, cursor: 1 });
    expect(w.topics.t!.partitions.map((p) => p.base)).toEqual([0, 0]);
  });

  it('does nothing for a topic without producer or a producer without topic', () => {
    const w = world(1_000, { t: 2 }, { ghost: { rate: 5, since: 0, cursor: 0 } });
    const before = structuredClone(w);
    settleProducer(w, 't');
    settleProducer(w, 'ghost');
    settleProducer(w, 'nope');
    expect(w).toEqual(before);
  });

  it('never changes a logEnd at the instant it settles, and later logEnds match an unsettled producer', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: 20_000 }),
          fc.integer({ min: 1, max: 200_000 }).map((r) => r / 100), // fractional rates
        ),
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 0, max: 15 }),
        fc.array(fc.integer({ min: 0, max: 600_000 }), { maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 600_000 }), { minLength: 1, maxLength: 12 }),
        (rate, count, cursor0, settleTimes, queryTimes) => {
          const cursor = cursor0 % count;
          const settled = world(0, { t: count }, { t: { rate, since: 0, cursor } });
          const plain = world(0, { t: count }, { t: { rate, since: 0, cursor } });
          const events = [
            ...settleTimes.map((t) => ({ t, settle: true })),
            ...queryTimes.map((t) => ({ t, settle: false })),
          ].sort((a, b) => a.t - b.t || Number(a.settle) - Number(b.settle));
          for (const { t, settle } of events) {
            settled.now = t;
            plain.now = t;
            if (settle) {
              const before = ends(settled, 't');
              settleProducer(settled, 't');
              expect(ends(settled, 't')).toEqual(before);
            }
            expect(ends(settled, 't')).toEqual(ends(plain, 't'));
          }
        },
      ),
    );
  });

  it('settling twice at the same instant is the same as once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 100_000 }), (rate, count, t) => {
        const once = world(t, { t: count }, { t: { rate, since: 0, cursor: 0 } });
        const twice = structuredClone(once);
        settleProducer(once, 't');
        settleProducer(twice, 't');
        settleProducer(twice, 't');
        expect(twice).toEqual(once);
      }),
    );
  });
});

describe('timeWhenLogReaches', () => {
  it('answers the example by hand: 10 records/s over 3 partitions', () => {
    const w = world(0, { t: 3 }, { t: { rate: 10, since: 0, cursor: 0 } });
    // Partition 1 gets records 1, 4, 7, ... of the segment, i.e. at 200, 500, 800 ms.
    expect(timeWhenLogReaches(w, 't', 1, 0)).toBe(200);
    expect(timeWhenLogReaches(w, 't', 1, 1)).toBe(500);
    expect(timeWhenLogReaches(w, 't', 1, 2)).toBe(800);
    expect(timeWhenLogReaches(w, 't', 0, 0)).toBe(100);
  });

  it('is now when the log already holds the offset', () => {
    const w = world(1_000, { t: 2 }, { t: { rate: 10, since: 0, cursor: 0 } });
    expect(ends(w, 't')).toEqual([5, 5]);
    expect(timeWhenLogReaches(w, 't', 0, 4)).toBe(1_000);
    expect(timeWhenLogReaches(w, 't', 0, 0)).toBe(1_000);
    expect(timeWhenLogReaches(w, 't', 0, 5)).toBe(1_100);
  });

  it('is null when the rate is 0, there is no producer, or the partition does not exist', () => {
    const stopped = world(1_000, { t: 2 }, { t: { rate: 0, since: 0, cursor: 0 } });
    expect(timeWhenLogReaches(stopped, 't', 0, 0)).toBeNull();
    const none = world(1_000, { t: 2 });
    expect(timeWhenLogReaches(none, 't', 1, 0)).toBeNull();
    const live = world(1_000, { t: 2 }, { t: { rate: 10, since: 0, cursor: 0 } });
    expect(timeWhenLogReaches(live, 't', 2, 0)).toBeNull();
    expect(timeWhenLogReaches(live, 'nope', 0, 0)).toBeNull();
  });

  it('is now for an offset below the base even when the producer is stopped', () => {
    const w = world(1_000, { t: 1 }, { t: { rate: 0, since: 0, cursor: 0 } });
    w.topics.t!.partitions[0]!.base = 3;
    expect(timeWhenLogReaches(w, 't', 0, 2)).toBe(1_000);
    expect(timeWhenLogReaches(w, 't', 0, 3)).toBeNull();
  });

  it('returns the first ms at which logEnd > offset, also after a settle left a fractional since', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 0, max: 15 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 2_000 }),
        fc.integer({ min: 0, max: 15 }),
        (rate, count, cursor0, settleAt, gap, ahead, index0) => {
          const index = index0 % count;
          const w = world(settleAt, { t: count }, { t: { rate, since: 0, cursor: cursor0 % count } });
          settleProducer(w, 't');
          w.now = settleAt + gap;
          const offset = logEnd(w, 't', index) + ahead;
          const t = timeWhenLogReaches(w, 't', index, offset);
          expect(t).not.toBeNull();
          expect(Number.isInteger(t)).toBe(true);
          expect(t!).toBeGreaterThanOrEqual(w.now);
          const probe = structuredClone(w);
          probe.now = t!;
          expect(logEnd(probe, 't', index)).toBeGreaterThan(offset);
          if (t! > w.now) {
            probe.now = t! - 1;
            expect(logEnd(probe, 't', index)).toBeLessThanOrEqual(offset);
          }
        },
      ),
    );
  });

  it('is now exactly when the offset is already below logEnd', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.nat(),
        (rate, count, now, pick) => {
          const w = world(now, { t: count }, { t: { rate, since: 0, cursor: 0 } });
          const index = pick % count;
          const end = logEnd(w, 't', index);
          fc.pre(end > 0);
          expect(timeWhenLogReaches(w, 't', index, pick % end)).toBe(now);
        },
      ),
    );
  });
});
