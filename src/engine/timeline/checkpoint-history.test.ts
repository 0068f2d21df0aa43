import { describe, expect, it } from 'vitest';
import { createSimulation } from '../simulation';
import { CheckpointHistory, checkpointWeightKb, type Checkpoint } from './checkpoint';

function cpAt(now: number): Checkpoint {
  return { format: 'kafka-viz-checkpoint', version: 1, now, seed: 1, world: {}, events: [] };
}

function times(h: CheckpointHistory, upTo: number): number[] {
  const out: number[] = [];
  for (let t = 0; t <= upTo; t++) {
    const cp = h.nearestAtOrBefore(t);
    if (cp && out.at(-1) !== cp.now) out.push(cp.now);
  }
  return out;
}

describe('the checkpoint history', () => {
  it('thins the older half when it holds more than its capacity', () => {
    const h = new CheckpointHistory(8, Infinity);
    h.reset(cpAt(0));
    for (let t = 1; t <= 8; t++) h.add(cpAt(t));
    expect(h.size).toBe(7);
    expect(times(h, 8)).toEqual([0, 2, 4, 5, 6, 7, 8]);
  });

  it('thins as well when the checkpoints together outweigh its budget, keeping the first and the newest', () => {
    const h = new CheckpointHistory(96, 1_000);
    h.reset(cpAt(0), 100);
    for (let t = 1; t <= 50; t++) h.add(cpAt(t), 100);
    expect(h.size).toBeLessThanOrEqual(10);
    expect(h.size).toBeGreaterThan(2);
    const kept = times(h, 50);
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(50);
  });

  it('weighs a big world more than a small one', () => {
    const small = createSimulation({ seed: 1 });
    small.dispatch({ type: 'createTopic', topic: 'orders', partitions: 4 });
    small.dispatch({ type: 'addConsumer', id: 'a', groupId: 'g', subscribe: ['orders'] });
    const big = createSimulation({ seed: 1 });
    big.dispatch({ type: 'createTopic', topic: 'orders', partitions: 400 });
    for (const id of ['a', 'b', 'c', 'd']) big.dispatch({ type: 'addConsumer', id, groupId: 'g', subscribe: ['orders'] });
    small.advance(10_000);
    big.advance(10_000);
    const weight = (sim: ReturnType<typeof createSimulation>) => checkpointWeightKb(sim.checkpoint().world as Parameters<typeof checkpointWeightKb>[0]);
    expect(weight(big)).toBeGreaterThan(weight(small) * 10);
  });
});
