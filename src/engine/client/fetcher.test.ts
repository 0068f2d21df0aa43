import { describe, expect, it } from 'vitest';
import { ofType, play, type Step } from '../testing/play';
import { createSimulation } from '../simulation';

const base = (rate: number, recordBytes: number, config: Record<string, number | string>, partitions = 2): Step[] => [
  [0, { type: 'createTopic', topic: 'orders', partitions }],
  [0, { type: 'setProducer', topic: 'orders', rate, recordBytes }],
  [0, { type: 'addConsumer', id: 'c1', groupId: 'g', subscribe: ['orders'], processingMs: 0, config: { 'auto.offset.reset': 'earliest', ...config } }],
];

const fetchesAfter = (sim: ReturnType<typeof play>, t: number) => ofType(sim.events(), 'RecordsFetched').filter((e) => e.time > t);

describe('fetching, shaped by the fetch.* configs', () => {
  it('fetch.min.bytes: the broker holds the fetch until enough bytes are there, or fetch.max.wait.ms', () => {
    // 10 records/s of 100 bytes: 5,000 bytes take 5 s, more than fetch.max.wait.ms (2 s).
    const slow = play(7, base(10, 100, { 'fetch.min.bytes': 5_000, 'fetch.max.wait.ms': 2_000 }), 30_000);
    const slowFetches = fetchesAfter(slow, 6_000);
    expect(slowFetches.length).toBeGreaterThan(5);
    for (let i = 1; i < slowFetches.length; i++) expect(slowFetches[i]!.time - slowFetches[i - 1]!.time).toBeGreaterThanOrEqual(1_990);
    // 1,000 records/s: the 50 records are there in 50 ms, long before the wait runs out.
    const fast = play(7, base(1_000, 100, { 'fetch.min.bytes': 5_000, 'fetch.max.wait.ms': 2_000 }), 12_000);
    const fastFetches = fetchesAfter(fast, 6_000);
    expect(fastFetches.every((e) => e.count >= 50)).toBe(true);
    expect(fastFetches.length).toBeGreaterThan(50);
  });

  it('with the defaults (1 byte, 500 ms) a fetch answers as soon as one record lands', () => {
    const sim = play(7, base(4, 1_024, {}), 20_000);
    const fetches = fetchesAfter(sim, 6_000);
    expect(fetches.length).toBeGreaterThan(40);
    expect(fetches.every((e) => e.count === 1)).toBe(true);
  });

  it('max.partition.fetch.bytes caps what one fetch brings per partition, but never below one record', () => {
    const capped = play(7, base(400, 1_000, { 'max.partition.fetch.bytes': 10_000 }), 9_000);
    for (const f of fetchesAfter(capped, 3_000)) {
      for (const r of f.ranges) expect(r.to - r.from).toBeLessThanOrEqual(10);
    }
    const huge = play(7, base(400, 2_000, { 'max.partition.fetch.bytes': 1_000 }), 9_000);
    const hugeFetches = fetchesAfter(huge, 3_000);
    expect(hugeFetches.length).toBeGreaterThan(0);
    for (const f of hugeFetches) for (const r of f.ranges) expect(r.to - r.from).toBe(1);
  });

  it('fetch.max.bytes caps one fetch over all partitions (the first record always comes)', () => {
    const sim = play(7, base(400, 1_000, { 'fetch.max.bytes': 5_000 }, 4), 9_000);
    const fetches = fetchesAfter(sim, 3_000);
    expect(fetches.length).toBeGreaterThan(0);
    expect(fetches.every((f) => f.count <= 5)).toBe(true);
    expect(fetches.some((f) => f.count === 5)).toBe(true);
  });

  it('a fetch takes network time: data already in the log arrives a round trip after the assignment', () => {
    const sim = play(7, base(100, 100, {}), 6_000);
    const assigned = ofType(sim.events(), 'PartitionsAssigned')[0]!;
    const first = ofType(sim.events(), 'RecordsFetched')[0]!;
    expect(first.time - assigned.time).toBeGreaterThanOrEqual(2);
  });

  it('refuses a record size outside 1 byte .. 10 MiB', () => {
    const sim = createSimulation();
    sim.dispatch({ type: 'createTopic', topic: 't', partitions: 1 });
    expect(() => sim.dispatch({ type: 'setProducer', topic: 't', rate: 1, recordBytes: 0 })).toThrow(/recordBytes must be an integer from 1 to 10485760/);
  });
});
