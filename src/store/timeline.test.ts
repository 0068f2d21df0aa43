import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../scenarios/default';
import { createSimulationStore } from './simulation-store';

const at = (store: ReturnType<typeof createSimulationStore>) => store.getState().frame.snapshot.now;

describe('seek by replay', () => {
  it('rewinds to an earlier time exactly: same hash as the original run had there', () => {
    const store = createSimulationStore(defaultScenario);
    store.getState().step(3_000);
    const t = at(store);
    const hashAtT = store.getState().hash();
    store.getState().crashConsumer('consumer-1');
    store.getState().step(60_000);
    const hashAtEnd = store.getState().hash();
    const end = at(store);

    store.getState().seekTo(t);
    expect(at(store)).toBe(t);
    expect(store.getState().hash()).toBe(hashAtT);
    expect(store.getState().frame.snapshot.consumers['consumer-1']!.status).toBe('running');

    // Playing on replays the recorded crash at its time: the same end state.
    store.getState().step(end - t);
    expect(store.getState().hash()).toBe(hashAtEnd);
    expect(store.getState().frame.horizon).toBe(end);
  });

  it('through the engine checkpoints: seeks back past several of them, forward again and to 0 land on the run\'s own hashes', () => {
    const store = createSimulationStore(defaultScenario);
    const hashes = new Map<number, string>();
    const mark = () => hashes.set(at(store), store.getState().hash());
    mark();
    store.getState().step(50_000);
    mark();
    store.getState().crashConsumer('consumer-1');
    store.getState().step(45_000);
    mark();
    store.getState().restartConsumer('consumer-1');
    store.getState().step(35_000);
    mark();
    const times = [...hashes.keys()];
    const end = times.at(-1)!;
    const bands = store.getState().frame.bands.map((b) => [b.groupId, b.start, b.end]);
    expect(bands.length).toBeGreaterThanOrEqual(2);
    // Back to the middle (the crash's instant: before it), forward, back, and to the end.
    store.getState().seekTo(times[1]!);
    expect(store.getState().hash()).toBe(hashes.get(times[1]!));
    expect(store.getState().frame.snapshot.consumers['consumer-1']!.status).toBe('running');
    store.getState().seekTo(times[2]!);
    expect(store.getState().hash()).toBe(hashes.get(times[2]!));
    store.getState().seekTo(times[0]!);
    expect(store.getState().hash()).toBe(hashes.get(times[0]!));
    store.getState().seekTo(end);
    expect(store.getState().hash()).toBe(hashes.get(end));
    expect(store.getState().frame.bands.map((b) => [b.groupId, b.start, b.end])).toEqual(bands);
    // A rewind starts from a checkpoint whose event tail is short: the first rebalance is
    // older than it, and still a band (the engine's rebalance history keeps it).
    store.getState().seekTo(end - 1_000);
    expect(store.getState().engineEvents()[0]!.time).toBeGreaterThan(bands[0]![1] as number);
    expect(store.getState().frame.bands.map((b) => [b.groupId, b.start, b.end])).toEqual(bands);
    expect(store.getState().frame.horizon).toBe(end);
    // About 3 s of replays on an idle machine: more than the default 5 s on a shared, loaded one.
  }, 30_000);

  it('a new action after a rewind drops the recorded future and its rebalance bands', () => {
    const store = createSimulationStore(defaultScenario, '?session.timeout.ms=6000&heartbeat.interval.ms=1000');
    const t = at(store);
    store.getState().crashConsumer('consumer-1');
    store.getState().step(20_000);
    expect(store.getState().frame.bands.filter((b) => b.start > t)).toHaveLength(1);
    store.getState().seekTo(t);
    expect(store.getState().frame.bands.filter((b) => b.start > t)).toHaveLength(1);
    store.getState().closeConsumer('consumer-2');
    expect(store.getState().frame.bands.filter((b) => b.start > t + 1)).toHaveLength(0);
    store.getState().step(20_000);
    expect(store.getState().frame.snapshot.consumers['consumer-1']!.status).toBe('running');
  });

  it('seeking past the horizon stops at the horizon', () => {
    const store = createSimulationStore(defaultScenario);
    store.getState().step(1_000);
    const h = store.getState().frame.horizon;
    store.getState().seekTo(h + 50_000);
    expect(at(store)).toBe(h);
  });
});

describe('rebalance slow motion', () => {
  /** Frames of 16 ms at 1× until the group is Stable again; returns the phases seen in order. */
  function watchRebalance(slowMotion: boolean) {
    // A clock that stands still: the frame budget never cuts a tick short.
    const store = createSimulationStore(defaultScenario, '', { clock: () => 0 });
    store.getState().setSlowMotion(slowMotion);
    store.getState().addConsumer();
    const phases: string[] = [];
    let reached: readonly string[] = [];
    let frames = 0;
    let held = 0;
    for (; frames < 20_000; frames += 1) {
      const before = at(store);
      store.getState().tick(16);
      if (at(store) === before) held += 1;
      const mark = store.getState().frame.slowMo;
      if (mark && phases.at(-1) !== mark.phase) phases.push(mark.phase);
      if (mark) reached = mark.reached;
      const g = store.getState().frame.snapshot.groups['order-processors']!;
      if (g.state === 'Stable' && g.generation === 2 && store.getState().frame.slowMo === null) break;
    }
    return { phases, reached, frames, held };
  }

  it('holds the clock on each phase, in order, about a second each at 1×', () => {
    const slow = watchRebalance(true);
    // The joiner's JoinGroup starts it; revoke+JoinGroup happen in the same virtual ms, so
    // the mark shows them together; the leader's plan and its hand-out are phases of their own.
    expect(slow.phases).toEqual(['join', 'learn', 'join', 'assign', 'sync', 'resume']);
    expect(slow.reached).toEqual(['learn', 'revoke', 'join', 'assign', 'sync', 'resume']);
    // At least one second (62 frames of 16 ms) of held clock per phase shown.
    expect(slow.held).toBeGreaterThanOrEqual(6 * 62);
    const fast = watchRebalance(false);
    expect(fast.reached).toEqual([]);
    expect(slow.frames).toBeGreaterThan(fast.frames + 6 * 60);
  });

  it('step to the next phase walks a rebalance one phase at a time', () => {
    const store = createSimulationStore(defaultScenario);
    store.getState().pause();
    store.getState().addConsumer();
    const seen: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      store.getState().stepPhase();
      seen.push(store.getState().frame.slowMo?.phase ?? 'none');
    }
    expect(seen).toEqual(['join', 'learn', 'join', 'assign', 'sync', 'resume']);
    expect(store.getState().frame.slowMo?.reached).toEqual(['learn', 'revoke', 'join', 'assign', 'sync', 'resume']);
    expect(store.getState().frame.snapshot.groups['order-processors']!.generation).toBe(2);
  });

  it('skip jumps a quiet wait to the moment the crashed member is expelled', () => {
    const store = createSimulationStore(defaultScenario);
    store.getState().crashConsumer('consumer-1');
    const crashedAt = at(store);
    store.getState().skipQuiet();
    const events = store.getState().frame.events;
    const lastTime = events.at(-1)!.time;
    expect(events.filter((e) => e.time === lastTime).map((e) => e.type)).toContain('SessionTimeout');
    expect(at(store) - crashedAt).toBeGreaterThan(40_000);
  });
});
