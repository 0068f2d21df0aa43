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

  it('a frame never spends more than its engine budget: past the limit virtual time runs slower, and the page says how fast', () => {
    // A slow engine: every reading of the clock is 400 ms later, so a frame's advance "costs" that.
    let wall = 0;
    const store = createSimulationStore(defaultScenario, '', { clock: () => (wall += 400) });
    store.getState().setSlowMotion(false);
    store.getState().setSpeed(100);
    const published = () => {
      // The frame as of now (a playing page publishes big frames less often).
      store.getState().pause();
      store.getState().step(0);
      const now = store.getState().frame.snapshot.now;
      store.getState().play();
      return now;
    };
    store.getState().tick(16); // learns the cost: 1,600 virtual ms in 400 ms, 0.25 ms each
    const before = published();
    // The frame budget (at most 14 ms) now holds a few virtual ms, not 1,600; the mark
    // shows once the moving average of the speed kept falls below 90% of the chosen one.
    for (let i = 0; i < 30; i += 1) store.getState().tick(16);
    const advanced = published() - before;
    expect(advanced).toBeGreaterThan(0);
    expect(advanced).toBeLessThan(30 * 1_600);
    expect(store.getState().reachedSpeed).not.toBeNull();
    expect(store.getState().reachedSpeed!).toBeLessThan(100);
    store.getState().setSpeed(10);
    expect(store.getState().reachedSpeed).toBeNull();
  });

  it('one slow frame does not show the reached speed: it takes a run of them', () => {
    let wall = 0;
    let cost = 0;
    const store = createSimulationStore(defaultScenario, '', { clock: () => (wall += cost) });
    store.getState().setSlowMotion(false);
    store.getState().setSpeed(10);
    for (let i = 0; i < 10; i += 1) store.getState().tick(16);
    cost = 400;
    store.getState().tick(16); // learns the engine is slow
    store.getState().tick(16); // and keeps 1 virtual ms of this frame's 160
    cost = 0;
    expect(store.getState().reachedSpeed).toBeNull();
    store.getState().tick(16);
    expect(store.getState().reachedSpeed).toBeNull();
  });

  it('a paused page shows the world as the engine has it, even after frames that published no picture', () => {
    const store = createSimulationStore(defaultScenario, '', { clock: () => 0 });
    store.getState().setSlowMotion(false);
    // Each frame's page work is 10 ms: a dear picture, published every other frame.
    for (let i = 0; i < 5; i += 1) {
      store.getState().tick(16);
      store.getState().endFrame(10);
    }
    const shown = () => store.getState().frame.snapshot.now;
    let skipped = false;
    for (let i = 0; i < 6 && !skipped; i += 1) {
      const before = shown();
      store.getState().tick(16);
      store.getState().endFrame(10);
      skipped = shown() === before;
    }
    expect(skipped).toBe(true); // the engine ran past the picture
    store.getState().pause();
    const atPause = shown();
    store.getState().step(0); // publishes the engine's world as it is now
    expect(shown()).toBe(atPause);
  });

  it('tick advances virtual time by real time × speed, and not while paused', () => {
    const store = createSimulationStore(defaultScenario, '', { clock: () => 0 });
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
    const store = createSimulationStore(defaultScenario, '', { clock: () => 0 });
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
    expect(store.getState().notice).toEqual({
      kind: 'info',
      text: 'URL configs: session.timeout.ms=6000 (every consumer), heartbeat.interval.ms=1000 (every consumer)',
    });
  });

  it('ignores URL config the engine rejects, says why, and runs the defaults', () => {
    const store = createSimulationStore(defaultScenario, '?heartbeat.interval.ms=45000');
    expect(store.getState().notice?.text).toMatch(/^\?heartbeat.interval.ms: heartbeat.interval.ms \(45000\) must be lower than session.timeout.ms/);
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

  it('a long jump keeps its notable events for the log, however much routine traffic it ran', () => {
    const store = createSimulationStore(defaultScenario, '?session.timeout.ms=6000&heartbeat.interval.ms=1000');
    store.getState().crashConsumer('consumer-1');
    store.getState().step(60_000);
    const { events, notable } = store.getState().frame;
    expect(events.map((e) => e.type)).not.toContain('SessionTimeout');
    expect(notable.map((e) => e.type)).toContain('SessionTimeout');
    expect(notable.every((e) => e.type !== 'HeartbeatSent' && e.type !== 'RecordsFetched')).toBe(true);
  });
});
