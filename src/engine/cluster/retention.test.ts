import { describe, expect, it } from 'vitest';
import { createSimulation } from '../simulation';
import { ofType, play, type Step } from '../testing/play';
import type { Command } from '../types';

const topic = (retentionMs: number, rate = 100): Step[] => [
  [0, { type: 'createTopic', topic: 'orders', partitions: 4, retentionMs }],
  [0, { type: 'setProducer', topic: 'orders', rate }],
];

describe('retention.ms moves the log start', () => {
  it('deletes what is older than retention: log start = what the log held retention.ms ago', () => {
    const sim = play(7, topic(10_000), 30_000);
    // 100 records/s round-robin over 4 partitions: 25 per partition per second.
    expect(sim.snapshot().topics.orders!.partitions).toEqual(Array.from({ length: 4 }, () => ({ logStart: 500, logEnd: 750 })));
  });

  it('remembers the producer’s earlier rates as long as retention needs them', () => {
    const sim = play(7, [...topic(10_000), [20_000, { type: 'setProducer', topic: 'orders', rate: 400 }]], 25_000);
    const [p0] = sim.snapshot().topics.orders!.partitions;
    expect(p0).toEqual({ logStart: 375, logEnd: 500 + 500 });
  });

  it('keeps everything with retention -1, and refuses a retention under a second', () => {
    expect(play(7, topic(-1), 30_000).snapshot().topics.orders!.partitions[0]!.logStart).toBe(0);
    const sim = createSimulation();
    expect(() => sim.dispatch({ type: 'createTopic', topic: 't', partitions: 1, retentionMs: 10 })).toThrow(/retentionMs \(retention\.ms; -1 keeps records for ever\) must be an integer from 1000/);
  });
});

describe('a committed offset retention deleted is out of range: auto.offset.reset', () => {
  const config = { 'session.timeout.ms': 6_000, 'heartbeat.interval.ms': 1_000, 'auto.offset.reset': 'earliest' };
  const script = (reset: string): Step[] => [
    ...topic(10_000),
    [0, { type: 'addConsumer', id: 'c1', groupId: 'g', subscribe: ['orders'], config: { ...config, 'auto.offset.reset': reset } }],
    [8_000, { type: 'closeConsumer', id: 'c1' }],
    [40_000, { type: 'restartConsumer', id: 'c1' }],
  ];

  it('earliest jumps to the log start; what it jumps over is skipped, not lost', () => {
    const before = play(7, script('earliest').slice(0, -1), 39_000);
    const committed = before.snapshot().groups.g!.offsets['orders-0']!.committed!;
    const sim = play(7, script('earliest'), 48_000);
    const reset = ofType(sim.events(), 'OffsetReset').filter((e) => e.time >= 40_000 && e.partition === 'orders-0');
    expect(reset).toHaveLength(1);
    expect(reset[0]!.offset).toBeGreaterThan(committed);
    const processed = sim.snapshot().groups.g!.processed;
    expect(processed.skipped).toBeGreaterThanOrEqual(4 * (reset[0]!.offset - committed) - 8);
    expect(processed.lost).toBe(0);
  });

  it('none fails the consumer with OffsetOutOfRangeException', () => {
    const noneScript = script('none');
    // It needs a committed offset first: start it with earliest, come back with none.
    const first = noneScript.slice(0, 4).map(([at, c]): Step => [at, c.type === 'addConsumer' ? { ...c, config: { ...config } } : c]);
    const sim = play(7, first, 39_000);
    sim.dispatch({ type: 'addConsumer', id: 'c2', groupId: 'g', subscribe: ['orders'], config: { ...config, 'auto.offset.reset': 'none' } });
    sim.advance(5_000);
    expect(sim.snapshot().consumers.c2!.status).toBe('failed');
    expect(ofType(sim.events(), 'ConsumerFailed')[0]!.exception).toBe('OffsetOutOfRangeException');
  });

  it('a consumer that falls behind retention is reset while it reads', () => {
    const slow: Step[] = [
      ...topic(5_000, 400),
      [0, { type: 'addConsumer', id: 'c1', groupId: 'g', subscribe: ['orders'], config, processingMs: 20 }],
    ];
    const sim = play(7, slow, 60_000);
    expect(ofType(sim.events(), 'OffsetReset').filter((e) => e.time > 5_000).length).toBeGreaterThan(0);
    expect(sim.snapshot().groups.g!.processed.skipped).toBeGreaterThan(0);
  });
});

describe('counters a person sees never go back down', () => {
  it('records, duplicates, lost and skipped only grow, through crashes and at-most-once commits', () => {
    const config = { 'session.timeout.ms': 6_000, 'heartbeat.interval.ms': 1_000, 'max.poll.records': 40 };
    const add = (id: string, commit: Extract<Command, { type: 'addConsumer' }>['commit']): Command => ({
      type: 'addConsumer', id, groupId: 'g', subscribe: ['orders'], config, processingMs: 25, commit,
    });
    const base: Step[] = [...topic(20_000, 30), [0, add('c1', 'before-processing')], [0, add('c2', 'auto')]];
    // Crash c1 in the middle of a batch it already committed (at-most-once): those records are lost.
    const dry = play(5, base, 12_000);
    const fetched = ofType(dry.events(), 'RecordsFetched').find((e) => e.consumerId === 'c1' && e.time >= 8_000)!;
    const crashAt = fetched.time + 10;
    const script: Step[] = [
      ...base,
      [crashAt, { type: 'crashConsumer', id: 'c1' }],
      [crashAt + 3_000, { type: 'restartConsumer', id: 'c1' }],
      [20_000, { type: 'crashConsumer', id: 'c2' }],
      [26_000, { type: 'stallConsumer', id: 'c1', ms: 4_000 }],
    ];
    const sim = createSimulation({ seed: 5 });
    let previous = { records: 0, duplicates: 0, lost: 0, skipped: 0 };
    let checks = 0;
    const grid = Array.from({ length: 241 }, (_, i) => i * 250);
    const times = [...new Set([...grid, ...script.map(([at]) => at)])].sort((x, y) => x - y);
    for (const t of times) {
      sim.advance(t - sim.now);
      for (const [at, command] of script) if (at === t) sim.dispatch(command);
      const now = sim.snapshot().groups.g?.processed;
      if (now) {
        for (const key of ['records', 'duplicates', 'lost', 'skipped'] as const) {
          expect(now[key], `${key} at ${t} ms`).toBeGreaterThanOrEqual(previous[key]);
        }
        previous = now;
        checks += 1;
      }
    }
    expect(checks).toBeGreaterThan(200);
    expect(previous.lost).toBeGreaterThan(0);
    expect(previous.duplicates).toBeGreaterThan(0);
  });
});
