/** The snapshot's caches (what a group shows lag for, kept between snapshots) never show a stale picture. */
import { describe, expect, it } from 'vitest';
import { createSimulation } from './simulation';
import type { Command, Simulation } from './types';

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

/**
 * A snapshot shares its unchanged rows and lists with the one before it (snapshot-sharing.ts).
 * A fork's world is a copy, so the fork's snapshot is built from nothing kept: at every step
 * both must show the same world.
 */
describe('snapshot sharing', () => {
  const script: [number, Command][] = [
    [0, { type: 'createTopic', topic: 'orders', partitions: 4 }],
    [0, { type: 'createTopic', topic: 'audit', partitions: 2 }],
    [0, { type: 'setProducer', topic: 'orders', rate: 40 }],
    [0, { type: 'setProducer', topic: 'audit', rate: 10 }],
    [0, { type: 'addConsumer', id: 'e1', groupId: 'eager', subscribe: ['orders'], processingMs: 20 }],
    [0, { type: 'addConsumer', id: 'e2', groupId: 'eager', subscribe: ['orders', 'audit'], processingMs: 5, config: { 'group.instance.id': 'static-2' } }],
    [0, { type: 'addConsumer', id: 'k1', groupId: 'kip848', subscribe: ['orders'], processingMs: 2, config: { 'group.protocol': 'consumer' } }],
    [0, { type: 'addConsumer', id: 'r1', groupId: 'regex', pattern: 'a.*', processingMs: 1 }],
    [0, { type: 'addConsumer', id: 's1', assign: ['orders-0'], processingMs: 1 }],
    [4_000, { type: 'addConsumer', id: 'e3', groupId: 'eager', subscribe: ['orders'], processingMs: 1, config: { 'partition.assignment.strategy': 'cooperative-sticky' } }],
    [4_000, { type: 'addConsumer', id: 'k2', groupId: 'kip848', subscribe: ['orders'], processingMs: 1, config: { 'group.protocol': 'consumer' } }],
    [7_000, { type: 'stallConsumer', id: 'e1', ms: 2_000 }],
    [9_000, { type: 'crashConsumer', id: 'e2' }],
    [10_000, { type: 'addPartitions', topic: 'orders', partitions: 6 }],
    [11_000, { type: 'closeConsumer', id: 'k1' }],
    [13_000, { type: 'restartConsumer', id: 'e2' }],
    [14_000, { type: 'setProducer', topic: 'orders', rate: 0 }],
    [15_000, { type: 'crashBroker', broker: 1 }],
    [17_000, { type: 'restartBroker', broker: 1 }],
  ];

  for (const model of ['discrete', 'analytic'] as const) {
    it(`every ${model} snapshot equals one built afresh, through joins, crashes, stalls, new partitions and a broker failover`, () => {
      const sim = createSimulation({ seed: 3 });
      if (model === 'analytic') sim.dispatch({ type: 'setConsumptionModel', model });
      let next = 0;
      let compared = 0;
      for (let t = 0; t <= 20_000; t += 50) {
        if (t > 0) sim.advance(50);
        while (next < script.length && script[next]![0] <= t) sim.dispatch(script[next++]![1]);
        const snap = sim.snapshot();
        expect(snap).toEqual(sim.fork().snapshot());
        compared++;
      }
      expect(next).toBe(script.length);
      expect(compared).toBe(401);
    });
  }

  it('an unchanged row is the same frozen object again; a write to it throws and changes no later snapshot', () => {
    const sim = createSimulation({ seed: 1 });
    sim.dispatch({ type: 'createTopic', topic: 'orders', partitions: 4 });
    sim.dispatch({ type: 'addConsumer', id: 'c1', groupId: 'g', subscribe: ['orders'] });
    sim.dispatch({ type: 'addConsumer', id: 'c2', groupId: 'g', subscribe: ['orders'] });
    sim.advance(10_000);
    const first = sim.snapshot();
    const second = sim.snapshot();
    const members = first.groups.g!.members;
    expect(members).toHaveLength(2);
    expect(second.groups.g!.members).toBe(members);
    expect(second.groups.g!.offsets['orders-1']).toBe(first.groups.g!.offsets['orders-1']);
    expect(second.consumers.c1!.owned).toBe(first.consumers.c1!.owned);
    expect(second.consumers.c1!.owned.length).toBeGreaterThan(0);
    expect(() => members[0]!.assigned.push('orders-9')).toThrow(TypeError);
    expect(() => {
      first.consumers.c1!.config.maxPollRecords = 1;
    }).toThrow(TypeError);
    expect(() => {
      first.topics.orders!.partitions[0]!.logEnd = 99;
    }).toThrow(TypeError);
    expect(sim.snapshot()).toEqual(sim.fork().snapshot());
    // A copy is the caller's to change.
    const copy = structuredClone(first);
    copy.consumers.c1!.owned.push('orders-9');
    expect(copy.consumers.c1!.owned).toContain('orders-9');
  });
});
