import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation, restoreSimulation } from '../simulation';
import { groupScript, play, type Step } from '../testing/play';
import type { Command } from '../types';

const config = { 'session.timeout.ms': 6_000, 'heartbeat.interval.ms': 1_000 };
const story: Step[] = [
  ...groupScript(2, { config }),
  [7_000, { type: 'addConsumer', id: 'c3', groupId: 'g', subscribe: ['orders'], config }],
  [7_000, { type: 'stallConsumer', id: 'c1', ms: 2_000 }],
  [15_000, { type: 'crashConsumer', id: 'c2' }],
  [21_500, { type: 'addPartitions', topic: 'orders', partitions: 6 }],
  [30_000, { type: 'restartConsumer', id: 'c2' }],
];
/** The story as far as `t`: play() applies every step of a script, so cut it first. */
const until = (t: number): Step[] => story.filter(([at]) => at <= t);

describe('checkpoint and restore', () => {
  it('a restored checkpoint has the hash, snapshot and events it was taken with', () => {
    const sim = play(3, until(18_000), 18_000);
    const cp = sim.checkpoint();
    const hash = sim.hash();
    const snapshot = sim.snapshot();
    const lastSeq = sim.events().at(-1)!.seq;
    sim.advance(20_000);
    sim.dispatch({ type: 'crashConsumer', id: 'c3' });
    expect(sim.hash()).not.toBe(hash);
    sim.restore(cp);
    expect(sim.now).toBe(18_000);
    expect(sim.hash()).toBe(hash);
    expect(sim.snapshot()).toEqual(snapshot);
    expect(sim.events().at(-1)!.seq).toBe(lastSeq);
  });

  it('goes on exactly as the original would have, also after a JSON round trip', () => {
    const original = play(3, until(18_000), 18_000);
    const cp = JSON.parse(JSON.stringify(original.checkpoint()));
    const copy = restoreSimulation(cp);
    for (const sim of [original, copy]) {
      sim.advance(9_000);
      sim.dispatch({ type: 'closeConsumer', id: 'c3' });
      sim.advance(12_000);
    }
    expect(copy.hash()).toBe(original.hash());
    expect(copy.events().slice(-50)).toEqual(original.events().slice(-50));
  });

  it('keeps the command log inside the checkpoint', () => {
    const sim = play(3, until(18_000), 18_000);
    const copy = restoreSimulation(sim.checkpoint());
    expect(copy.commandLog()).toEqual(sim.commandLog());
    expect(copy.commandLog().map((c) => c.command.type)).toContain('crashConsumer');
  });

  it('refuses what is not a checkpoint with a clear message and changes nothing', () => {
    const sim = play(3, until(10_000), 10_000);
    const hash = sim.hash();
    const cp = sim.checkpoint();
    const bad: unknown[] = [null, 42, {}, { ...cp, format: 'other' }, { ...cp, version: 2 }, { ...cp, world: null }, { ...cp, now: 1 }];
    for (const value of bad) {
      expect(() => sim.restore(value as never)).toThrow(/checkpoint/);
      expect(sim.hash()).toBe(hash);
    }
  });
});

describe('fork', () => {
  it('is an independent copy: what it is told does not reach the original', () => {
    const sim = play(3, until(12_000), 12_000);
    const fork = sim.fork();
    expect(fork.hash()).toBe(sim.hash());
    fork.dispatch({ type: 'crashConsumer', id: 'c1' });
    fork.advance(5_000);
    sim.advance(5_000);
    expect(fork.hash()).not.toBe(sim.hash());
    expect(sim.snapshot().consumers.c1!.status).toBe('running');
    expect(fork.snapshot().consumers.c1!.status).toBe('crashed');
  });

  it('can rewind to before the fork point, like the original', () => {
    const sim = play(3, until(25_000), 25_000);
    const fork = sim.fork();
    sim.rewindTo(9_000);
    fork.rewindTo(9_000);
    expect(fork.hash()).toBe(sim.hash());
  });
});

describe('rewindTo', () => {
  /** The hash of the original run at each time, as it passes them. */
  function hashesAlongTheWay(seed: number, script: Step[], times: number[]): Map<number, string> {
    const sim = createSimulation({ seed });
    const steps = [...script].sort((a, b) => a[0] - b[0]);
    const hashes = new Map<number, string>();
    const marks = [...times].sort((a, b) => a - b);
    let i = 0;
    const markUntil = (t: number) => {
      for (; i < marks.length && marks[i]! < t; i++) {
        sim.advance(marks[i]! - sim.now);
        hashes.set(marks[i]!, sim.hash());
      }
    };
    for (const [at, command] of steps) {
      markUntil(at);
      if (at > sim.now) sim.advance(at - sim.now);
      sim.dispatch(command);
    }
    markUntil(Infinity);
    return hashes;
  }

  it('lands on the hash the original run had at that time', () => {
    const times = [0, 500, 3_100, 7_000, 9_999, 15_000, 20_000, 33_333, 40_000];
    const expected = hashesAlongTheWay(3, story, times);
    const sim = play(3, story, 40_000);
    for (const t of [...times].reverse()) {
      sim.rewindTo(t);
      expect(sim.now).toBe(t);
      expect(sim.hash(), `at ${t} ms`).toBe(expected.get(t));
    }
  });

  it('forgets the commands after the rewind point; a new command writes a new future', () => {
    const sim = play(3, story, 40_000);
    sim.rewindTo(14_000);
    expect(sim.commandLog().every((c) => c.time <= 14_000)).toBe(true);
    expect(sim.commandLog().length).toBeGreaterThan(0);
    sim.dispatch({ type: 'closeConsumer', id: 'c2' });
    sim.advance(10_000);
    expect(sim.snapshot().consumers.c2!.status).toBe('closed');
  });

  it('refuses a time outside 0..now and changes nothing', () => {
    const sim = play(3, until(10_000), 10_000);
    const hash = sim.hash();
    for (const t of [-1, 10_001, Number.NaN, Infinity]) {
      expect(() => sim.rewindTo(t)).toThrow(/rewindTo\(time\) needs a time from 0 to now/);
      expect(sim.hash()).toBe(hash);
    }
  });

  it('works with no checkpoints but the start', () => {
    const times = [4_000, 16_000];
    const expected = hashesAlongTheWay(5, until(20_000), times);
    for (const t of times) {
      const sim = play(5, until(20_000), 20_000, { checkpointEveryMs: 0 });
      sim.rewindTo(t);
      expect(sim.hash()).toBe(expected.get(t));
    }
  });

  for (const model of ['discrete', 'analytic'] as const) {
  it(`property (${model} model): random scripts, commands at the same instant and zero-length advances replay to the same hash`, () => {
    // The analytic model takes over consumers that process in no time, and their quiet groups.
    const processingMs = model === 'analytic' ? 0 : 3;
    const ids = ['c1', 'c2', 'c3'];
    const action = fc.record({
      at: fc.integer({ min: 0, max: 30_000 }),
      kind: fc.constantFrom('add', 'crash', 'close', 'restart', 'stall', 'partitions', 'rate'),
      id: fc.constantFrom(...ids),
      n: fc.integer({ min: 1, max: 5_000 }),
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000 }), fc.array(action, { maxLength: 14 }), fc.integer({ min: 0, max: 35_000 }), (seed, actions, target) => {
        const sim = createSimulation({ seed, checkpointEveryMs: 4_000 });
        if (model === 'analytic') sim.dispatch({ type: 'setConsumptionModel', model });
        sim.dispatch({ type: 'createTopic', topic: 'orders', partitions: 3 });
        sim.dispatch({ type: 'setProducer', topic: 'orders', rate: 200 });
        let partitions = 3;
        let targetHash: string | null = target === 0 ? sim.hash() : null;
        for (const a of [...actions].sort((x, y) => x.at - y.at)) {
          if (targetHash === null && target < a.at) {
            sim.advance(target - sim.now);
            targetHash = sim.hash();
          }
          if (a.at > sim.now) sim.advance(a.at - sim.now);
          else sim.advance(0);
          const command: Command =
            a.kind === 'add' ? { type: 'addConsumer', id: a.id, groupId: 'g', subscribe: ['orders'], config, processingMs }
            : a.kind === 'stall' ? { type: 'stallConsumer', id: a.id, ms: a.n }
            : a.kind === 'partitions' ? { type: 'addPartitions', topic: 'orders', partitions: partitions + 1 }
            : a.kind === 'rate' ? { type: 'setProducer', topic: 'orders', rate: a.n }
            : ({ type: `${a.kind}Consumer`, id: a.id } as Command);
          try {
            sim.dispatch(command);
            if (command.type === 'addPartitions') partitions += 1;
          } catch {
            // not applicable now, like a disabled button
          }
        }
        if (targetHash === null) {
          sim.advance(Math.max(0, target - sim.now));
          targetHash = sim.hash();
        }
        sim.advance(Math.max(0, 36_000 - sim.now));
        sim.rewindTo(target);
        expect(sim.hash()).toBe(targetHash);
      }),
      { numRuns: 25 },
    );
  });
  }
});

describe('events as a window', () => {
  it('reads a bounded page after a sequence number', () => {
    const sim = play(3, until(20_000), 20_000);
    const all = sim.events();
    const page = sim.events(all[10]!.seq, 5);
    expect(page.map((e) => e.seq)).toEqual(all.slice(11, 16).map((e) => e.seq));
    expect(sim.events(all.at(-1)!.seq, 5)).toEqual([]);
  });
});
