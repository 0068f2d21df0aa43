import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../scenarios/default';
import { selectConsumers, selectGroup, selectPartitions } from './selectors';
import { createSimulationStore } from './simulation-store';

const view = (store: ReturnType<typeof createSimulationStore>) => {
  const { snapshot } = store.getState().frame;
  return {
    group: selectGroup(snapshot, 'order-processors'),
    consumers: selectConsumers(snapshot, 'order-processors'),
    partitions: selectPartitions(snapshot, 'orders', 'order-processors'),
  };
};

describe('simulation store', () => {
  it('opens on the default scenario already Stable, two consumers owning the four partitions', () => {
    const store = createSimulationStore(defaultScenario);
    const { group, consumers, partitions } = view(store);
    expect(group.state).toBe('Stable');
    expect(consumers.map((c) => [c.id, c.owned])).toEqual([
      ['consumer-1', ['orders-0', 'orders-1']],
      ['consumer-2', ['orders-2', 'orders-3']],
    ]);
    expect(partitions.map((p) => p.owner)).toEqual(['consumer-1', 'consumer-1', 'consumer-2', 'consumer-2']);
    expect(store.getState().playing).toBe(true);
  });

  it('tick advances virtual time by real time × speed, and not while paused', () => {
    const store = createSimulationStore(defaultScenario);
    const start = store.getState().frame.snapshot.now;
    store.getState().setSpeed(10);
    store.getState().tick(100);
    expect(store.getState().frame.snapshot.now).toBe(start + 1_000);
    store.getState().pause();
    store.getState().tick(100);
    expect(store.getState().frame.snapshot.now).toBe(start + 1_000);
    store.getState().step(500);
    expect(store.getState().frame.snapshot.now).toBe(start + 1_500);
  });

  it('caps one long frame so a background tab does not jump minutes ahead', () => {
    const store = createSimulationStore(defaultScenario);
    const start = store.getState().frame.snapshot.now;
    store.getState().tick(60_000);
    expect(store.getState().frame.snapshot.now - start).toBe(250);
  });

  it('adds consumers with fresh ids and rebalances them in', () => {
    const store = createSimulationStore(defaultScenario);
    store.getState().addConsumer();
    store.getState().addConsumer();
    store.getState().step(10_000);
    const { consumers } = view(store);
    expect(consumers.map((c) => c.id)).toEqual(['consumer-1', 'consumer-2', 'consumer-3', 'consumer-4']);
    expect(consumers.every((c) => c.owned.length === 1)).toBe(true);
  });

  it('a rejected command shows its message and changes nothing', () => {
    const store = createSimulationStore(defaultScenario);
    const before = store.getState().frame;
    store.getState().restartConsumer('consumer-1');
    expect(store.getState().notice).toEqual({ kind: 'error', text: "consumer 'consumer-1' is running; crash or close it before a restart" });
    expect(store.getState().frame).toBe(before);
    store.getState().dismissNotice();
    expect(store.getState().notice).toBeNull();
  });

  it('applies URL config to every consumer of the scenario', () => {
    const store = createSimulationStore(defaultScenario, '?session.timeout.ms=6000&heartbeat.interval.ms=1000&speed=5');
    const { consumers } = view(store);
    expect(consumers.map((c) => c.sessionTimeoutMs)).toEqual([6_000, 6_000]);
    expect(store.getState().speed).toBe(5);
    expect(store.getState().notice).toBeNull();
  });

  it('ignores URL config the engine rejects, says why, and runs the defaults', () => {
    const store = createSimulationStore(defaultScenario, '?heartbeat.interval.ms=45000');
    expect(store.getState().notice?.text).toMatch(/URL config ignored: heartbeat.interval.ms \(45000\) must be lower than session.timeout.ms/);
    expect(view(store).consumers.map((c) => c.sessionTimeoutMs)).toEqual([45_000, 45_000]);
    expect(view(store).consumers.map((c) => c.heartbeatIntervalMs)).toEqual([3_000, 3_000]);
  });

  it('a crashed owner stays in the group with a session countdown, then its partitions move', () => {
    const store = createSimulationStore(defaultScenario, '?session.timeout.ms=6000&heartbeat.interval.ms=1000');
    store.getState().crashConsumer('consumer-1');
    const crashed = view(store).consumers.find((c) => c.id === 'consumer-1')!;
    expect(crashed.status).toBe('crashed');
    expect(crashed.isMember).toBe(true);
    expect(crashed.sessionExpiresInMs).toBeGreaterThan(5_000);
    expect(crashed.sessionExpiresInMs).toBeLessThanOrEqual(6_000);
    store.getState().step(10_000);
    expect(view(store).partitions.map((p) => p.owner)).toEqual(['consumer-2', 'consumer-2', 'consumer-2', 'consumer-2']);
  });

  it('reset starts the scenario again from its beginning', () => {
    const store = createSimulationStore(defaultScenario);
    store.getState().addConsumer();
    store.getState().step(20_000);
    store.getState().reset();
    expect(store.getState().frame.snapshot.now).toBe(defaultScenario.prerollMs);
    expect(view(store).consumers).toHaveLength(2);
  });
});
