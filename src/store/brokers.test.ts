import { describe, expect, it } from 'vitest';
import { createSimulation } from '../engine';
import { selectBrokers, selectOrphanGroups, selectRecentMoves } from './brokers';

function world() {
  const sim = createSimulation({ seed: 7 });
  sim.dispatch({ type: 'createTopic', topic: 'orders', partitions: 2 });
  for (const g of ['a', 'b', 'c', 'd']) sim.dispatch({ type: 'addConsumer', id: `c-${g}`, groupId: g, subscribe: ['orders'] });
  sim.advance(5_000);
  return sim;
}

describe('brokers', () => {
  it('lists every broker with the groups it coordinates', () => {
    const snap = world().snapshot();
    const brokers = selectBrokers(snap);
    expect(brokers.map((b) => b.id)).toEqual(snap.brokers.map((b) => b.id));
    const all = brokers.flatMap((b) => b.coordinates).sort();
    expect(all).toEqual(['a', 'b', 'c', 'd']);
    for (const b of brokers) for (const g of b.coordinates) expect(snap.groups[g]!.coordinator).toBe(b.id);
  });

  it('a crashed broker is down, coordinates nothing, and the move is marked for a while', () => {
    const sim = world();
    const victim = sim.snapshot().groups.a!.coordinator!;
    sim.dispatch({ type: 'crashBroker', broker: victim });
    sim.advance(100);
    const snap = sim.snapshot();
    const view = selectBrokers(snap).find((b) => b.id === victim)!;
    expect(view.status).toBe('down');
    expect(view.coordinates).toEqual([]);
    const moves = selectRecentMoves(sim.events(), snap.now);
    const moveOfA = moves.find((m) => m.groupId === 'a');
    expect(moveOfA).toMatchObject({ from: victim });
    expect(moveOfA!.to).not.toBe(victim);
    expect(selectRecentMoves(sim.events(), snap.now + 60_000)).toEqual([]);
    expect(selectOrphanGroups(snap)).toEqual([]);
  });

  it('with every broker down, the groups have no coordinator', () => {
    const sim = world();
    for (const b of sim.snapshot().brokers) sim.dispatch({ type: 'crashBroker', broker: b.id });
    sim.advance(100);
    expect(selectOrphanGroups(sim.snapshot())).toEqual(['a', 'b', 'c', 'd']);
  });
});
