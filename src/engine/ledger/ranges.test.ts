import { describe, expect, it } from 'vitest';
import { createSimulation } from '../simulation';
import type { Command } from '../types';

const consumer = (id: string, extra: Partial<Extract<Command, { type: 'addConsumer' }>> = {}): Command => ({
  type: 'addConsumer',
  id,
  groupId: 'g',
  subscribe: ['orders'],
  config: { 'session.timeout.ms': 10_000 },
  processingMs: 10,
  ...extra,
});

function world(commit: 'auto' | 'before-processing') {
  const sim = createSimulation({ seed: 42 });
  sim.dispatch({ type: 'createTopic', topic: 'orders', partitions: 4 });
  sim.dispatch({ type: 'setProducer', topic: 'orders', rate: 50 });
  // Slower than the producer, so the crash lands inside a batch (at-most-once loses its rest).
  const slow = commit === 'auto' ? {} : { processingMs: 50, config: { 'session.timeout.ms': 10_000, 'enable.auto.commit': false, 'max.poll.records': 20 } };
  sim.dispatch(consumer('c1', { commit, ...slow }));
  sim.dispatch(consumer('c2', { commit, ...slow }));
  sim.advance(12_500);
  sim.dispatch({ type: 'crashConsumer', id: 'c1' });
  sim.advance(20_000);
  return sim;
}

const length = (ranges: { from: number; to: number; times?: number }[]) =>
  ranges.reduce((n, r) => n + (r.to - r.from) * ((r.times ?? 2) - 1), 0);

describe('ledgerRanges', () => {
  it('gives the ranges processed twice after a crash, summing to the snapshot count', () => {
    const sim = world('auto');
    const processed = sim.snapshot().groups.g!.processed;
    const ranges = sim.ledgerRanges('g');
    const dup = Object.values(ranges).flatMap((r) => r.duplicated);
    expect(processed.duplicates).toBeGreaterThan(0);
    expect(dup.length).toBeGreaterThan(0);
    expect(length(dup)).toBe(processed.duplicates);
    for (const r of dup) expect(r.to).toBeGreaterThan(r.from);
  });

  it('gives the lost ranges of a commit before processing, summing to the snapshot count', () => {
    const sim = world('before-processing');
    const processed = sim.snapshot().groups.g!.processed;
    const lost = Object.values(sim.ledgerRanges('g')).flatMap((r) => r.lost);
    expect(processed.lost).toBeGreaterThan(0);
    expect(length(lost.map((r) => ({ ...r, times: 2 })))).toBe(processed.lost);
  });

  it('is empty for an unknown group and changes nothing', () => {
    const sim = world('auto');
    const before = sim.hash();
    expect(sim.ledgerRanges('nope')).toEqual({});
    sim.ledgerRanges('g');
    expect(sim.hash()).toBe(before);
  });
});
