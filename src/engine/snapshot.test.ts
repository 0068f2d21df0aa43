/** The snapshot's caches (what a group shows lag for, kept between snapshots) never show a stale picture. */
import { describe, expect, it } from 'vitest';
import { createSimulation } from './simulation';
import type { Simulation } from './types';

/** What a group's offsets must list, from the public picture alone: the topic's partitions, sorted, with lag from the log. */
function expectOffsetsExact(sim: Simulation, groupId: string, topic: string): void {
  const snap = sim.snapshot();
  const offsets = snap.groups[groupId]!.offsets;
  const partitions = snap.topics[topic]!.partitions;
  const names = partitions.map((_, i) => `${topic}-${i}`).sort();
  expect(Object.keys(offsets)).toEqual(names);
  for (const [i, p] of partitions.entries()) {
    const o = offsets[`${topic}-${i}`]!;
    expect(o.logEnd).toBe(p.logEnd);
    expect(o.lag).toBe(Math.max(0, p.logEnd - (o.committed ?? p.logStart)));
  }
}

describe('snapshot caching', () => {
  for (const protocol of ['classic', 'consumer'] as const) {
    it(`a ${protocol}-protocol group's offsets follow new commits and added partitions`, () => {
      const sim = createSimulation({ seed: 5, broker: { consumerSessionTimeoutMs: 10_000, consumerHeartbeatIntervalMs: 1_000 } });
      sim.dispatch({ type: 'createTopic', topic: 'orders', partitions: 3 });
      sim.dispatch({ type: 'setProducer', topic: 'orders', rate: 60 });
      sim.dispatch({
        type: 'addConsumer',
        id: 'c1',
        groupId: 'g',
        subscribe: ['orders'],
        processingMs: 1,
        config: { 'group.protocol': protocol, 'metadata.max.age.ms': 1_000 },
      });
      sim.advance(8_000);
      expectOffsetsExact(sim, 'g', 'orders');
      const before = sim.snapshot().groups.g!.offsets;
      sim.advance(6_000);
      const after = sim.snapshot().groups.g!.offsets;
      // Commits moved on: the cached names did not freeze the values.
      expect(after['orders-0']!.committed).toBeGreaterThan(before['orders-0']!.committed ?? -1);
      expectOffsetsExact(sim, 'g', 'orders');
      // Ten partitions now: "orders-10" sorts before "orders-2", as before the cache.
      sim.dispatch({ type: 'addPartitions', topic: 'orders', partitions: 11 });
      sim.advance(12_000);
      expectOffsetsExact(sim, 'g', 'orders');
      expect(Object.keys(sim.snapshot().groups.g!.offsets)).toContain('orders-10');
    });
  }
});
