import { describe, expect, it } from 'vitest';
import { groupScript, ofType, play, type Step } from '../testing/play';
import type { Simulation } from '../types';
import { seriesPoints } from './view';
import type { RebalanceRecord } from './types';
import { MAX_REBALANCES } from './rebalance-history';
import { PARTITION_TIERS, TOTALS_TIERS } from './tracking';

const SESSION = { 'session.timeout.ms': 10_000, 'heartbeat.interval.ms': 3_000 };

function rebalances(sim: Simulation, groupId = 'g'): RebalanceRecord[] {
  return sim.metrics().rebalances.filter((r) => r.groupId === groupId);
}

function ownedAt(sim: Simulation, consumerId: string): string[] {
  return [...sim.snapshot().consumers[consumerId]!.owned].sort();
}

describe('metrics: lag and committed over time', () => {
  const script = groupScript(2, { partitions: 4, rate: 100, config: SESSION });

  it('samples every partition of the group; committed moves and lag stays bounded', () => {
    const sim = play(7, script, 60_000);
    const g = sim.metrics().groups.g!;
    expect(Object.keys(g.partitions).sort()).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3']);
    for (const series of Object.values(g.partitions)) {
      // 10 s buckets from 10 s to 60 s.
      expect(series.t).toEqual([10_000, 20_000, 30_000, 40_000, 50_000, 60_000]);
      const committed = series.committed.filter((c): c is number => c !== null);
      expect(committed.length).toBeGreaterThan(3);
      expect(committed.at(-1)!).toBeGreaterThan(committed[0]!);
      // Committed never moves back here, and never passes the log end.
      committed.forEach((c, i) => i > 0 && expect(c).toBeGreaterThanOrEqual(committed[i - 1]!));
      series.committed.forEach((c, i) => c !== null && expect(c).toBeLessThanOrEqual(series.logEnd[i]!));
    }
    // The log end matches the snapshot (a formula of time: exact at a boundary).
    const snap = sim.snapshot().groups.g!.offsets;
    for (const [p, series] of Object.entries(g.partitions)) expect(series.logEnd.at(-1)).toBe(snap[p]!.logEnd);
  });

  it('keeps 1 s totals where lag = logEnd - committed and rates match the producer', () => {
    const sim = play(7, script, 60_000);
    const totals = sim.metrics().groups.g!.totals;
    expect(totals.t.length).toBe(60);
    expect(totals.stepMs.every((s) => s === 1_000)).toBe(true);
    const points = seriesPoints(totals);
    for (const p of points) expect(p.lag).toBe(p.logEnd! - p.committed!);
    // 100 records/s over the topic: every 1 s bucket gets 100.
    expect(points.slice(1).map((p) => p.produceRate)).toEqual(new Array(59).fill(100));
    // Once settled the group keeps up: it consumes about what is produced.
    const late = points.filter((p) => p.t > 30_000);
    const consumed = late.reduce((a, p) => a + p.consumed!, 0);
    const produced = late.reduce((a, p) => a + p.produced!, 0);
    expect(Math.abs(consumed - produced)).toBeLessThan(produced * 0.1);
    // Lag in time: 100 rec/s, so a lag of L records is about L * 10 ms old.
    const last = points.at(-1)!;
    expect(last.lagMs).toBeGreaterThan(0);
    expect(last.lagMs!).toBeLessThan(6_000); // auto commit every 5 s bounds it
  });

  it('topics carry their produce rate and per-partition log ends', () => {
    const sim = play(7, script, 60_000);
    const topic = sim.metrics().topics.orders!;
    expect(topic.totals.produceRate.slice(1).every((r) => r === 100)).toBe(true);
    expect(topic.totals.logEnd.at(-1)).toBe(6_000);
    expect(Object.keys(topic.partitions)).toHaveLength(4);
    expect(topic.partitions['orders-0']!.logEnd.at(-1)).toBe(1_500);
  });

  it('dates the record at the committed offset: lag in time grows while nobody consumes', () => {
    // One consumer that crashes at 20 s: its group stops committing, lag in time climbs 1 s per s.
    const steps: Step[] = [...groupScript(1, { partitions: 2, rate: 10, config: SESSION }), [20_000, { type: 'crashConsumer', id: 'c1' }]];
    const sim = play(3, steps, 60_000);
    const points = seriesPoints(sim.metrics().groups.g!.totals).filter((p) => p.t >= 30_000);
    for (let i = 1; i < points.length; i++) expect(points[i]!.lagMs! - points[i - 1]!.lagMs!).toBe(1_000);
  });

  it('can leave out per-partition series or other groups', () => {
    const sim = play(7, script, 20_000);
    expect(sim.metrics({ partitions: 'none' }).groups.g!.partitions).toEqual({});
    expect(Object.keys(sim.metrics({ partitions: ['orders-1'] }).groups.g!.partitions)).toEqual(['orders-1']);
    expect(sim.metrics({ groups: ['other'] }).groups).toEqual({});
  });
});

describe('metrics: rebalance history', () => {
  it('a crash: cause session timeout; the crashed member\'s partitions pause from the crash', () => {
    const script: Step[] = [...groupScript(2, { partitions: 4, rate: 100, config: SESSION })];
    const before = play(11, script, 12_500);
    const crashedOwned = ownedAt(before, 'c1');
    expect(crashedOwned.length).toBe(2);
    const sim = play(11, [...script, [12_500, { type: 'crashConsumer', id: 'c1' }]], 40_000);

    const history = rebalances(sim);
    expect(history.map((r) => r.cause)).toEqual(['join', 'session timeout']);
    const r = history[1]!;
    const timeout = ofType(sim.events(), 'SessionTimeout')[0]!;
    expect(r).toMatchObject({ consumerId: 'c1', outcome: 'completed', startMs: timeout.time });
    expect(r.generation).toBe(sim.snapshot().groups.g!.generation);
    expect(r.endMs!).toBeGreaterThan(r.startMs);
    expect(Object.keys(r.partitions).sort()).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3']);
    for (const [p, { pausedMs, unownedMs }] of Object.entries(r.partitions)) {
      expect(unownedMs).toBeLessThanOrEqual(pausedMs);
      if (crashedOwned.includes(p)) {
        // Paused from the crash at 12.5 s; owned (in the group's view) until the timeout.
        expect(pausedMs).toBeGreaterThanOrEqual(r.startMs - 12_500);
        expect(unownedMs).toBeLessThan(pausedMs - 5_000);
      } else {
        // c2 only paused from its own revoke to its new assignment.
        expect(pausedMs).toBeLessThan(r.endMs! - r.startMs + 1_000);
      }
    }
    const paused = (owned: boolean) => Object.entries(r.partitions).filter(([p]) => crashedOwned.includes(p) === owned).map(([, x]) => x.pausedMs);
    expect(Math.min(...paused(true))).toBeGreaterThan(Math.max(...paused(false)));
  });

  it('a new consumer: cause join, and under eager every partition pauses', () => {
    const script: Step[] = [
      ...groupScript(2, { partitions: 4, rate: 100, config: SESSION }),
      [30_000, { type: 'addConsumer', id: 'c3', groupId: 'g', subscribe: ['orders'], config: SESSION }],
    ];
    const sim = play(5, script, 60_000);
    const r = rebalances(sim).at(-1)!;
    expect(r).toMatchObject({ cause: 'join', reason: 'member joined', consumerId: 'c3', outcome: 'completed', generation: 2 });
    expect(r.startMs).toBeGreaterThanOrEqual(30_000);
    expect(Object.keys(r.partitions)).toHaveLength(4);
    for (const x of Object.values(r.partitions)) {
      expect(x.pausedMs).toBeGreaterThan(0);
      expect(x.unownedMs).toBeGreaterThan(0);
    }
  });

  it('the first rebalance counts from its start for partitions the group never owned', () => {
    const sim = play(5, groupScript(2, { partitions: 4, rate: 100 }), 20_000);
    const r = rebalances(sim)[0]!;
    expect(r.cause).toBe('join');
    const assigned = ofType(sim.events(), 'PartitionsAssigned');
    for (const x of Object.values(r.partitions)) {
      expect(x.unownedMs).toBe(x.pausedMs);
      expect(x.pausedMs).toBeGreaterThanOrEqual(3_000); // group.initial.rebalance.delay.ms
      expect(x.pausedMs).toBeLessThanOrEqual(assigned.at(-1)!.time - r.startMs);
    }
  });

  it('close(): cause leave', () => {
    const script: Step[] = [...groupScript(2, { partitions: 4, config: SESSION }), [20_000, { type: 'closeConsumer', id: 'c2' }]];
    const r = rebalances(play(5, script, 40_000)).at(-1)!;
    expect(r).toMatchObject({ cause: 'leave', consumerId: 'c2', outcome: 'completed' });
  });

  it('a stall past max.poll.interval.ms: cause poll timeout', () => {
    const config = { ...SESSION, 'max.poll.interval.ms': 10_000 };
    const script: Step[] = [...groupScript(2, { partitions: 4, config }), [20_000, { type: 'stallConsumer', id: 'c1', ms: 30_000 }]];
    const sim = play(5, script, 40_000);
    expect(ofType(sim.events(), 'PollTimeout')).toHaveLength(1);
    const r = rebalances(sim).find((x) => x.startMs > 20_000)!;
    expect(r).toMatchObject({ cause: 'poll timeout', reason: 'member left', consumerId: 'c1' });
    // c1's partitions stopped when it stalled, 10 s before it left.
    const stalled = Object.values(r.partitions).map((x) => x.pausedMs);
    expect(Math.max(...stalled)).toBeGreaterThanOrEqual(10_000);
  });

  it('added partitions: cause metadata', () => {
    // The leader sees the new partitions at its next metadata refresh, then rejoins.
    const config = { ...SESSION, 'metadata.max.age.ms': 5_000 };
    const script: Step[] = [...groupScript(2, { partitions: 2, config }), [20_000, { type: 'addPartitions', topic: 'orders', partitions: 4 }]];
    const sim = play(5, script, 40_000);
    const r = rebalances(sim).at(-1)!;
    expect(r).toMatchObject({ cause: 'metadata', reason: 'leader rejoined' });
    expect(r.startMs).toBeGreaterThanOrEqual(25_000);
    expect(Object.keys(sim.metrics().groups.g!.partitions).sort()).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3']);
    expect(Object.keys(r.partitions).sort()).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3']);
  });

  it('the whole group leaving ends the open rebalance as emptied', () => {
    const script: Step[] = [
      ...groupScript(1, { partitions: 2, config: SESSION }),
      [20_000, { type: 'crashConsumer', id: 'c1' }],
    ];
    const r = rebalances(play(5, script, 60_000)).at(-1)!;
    expect(r).toMatchObject({ cause: 'session timeout', outcome: 'emptied' });
    expect(r.endMs).toBe(r.startMs);
  });
});

describe('metrics: bounded and deterministic', () => {
  it('stays within its stated bound after 3 hours of virtual time', () => {
    const sim = play(1, groupScript(2, { partitions: 4, rate: 20, config: SESSION }), 3 * 3_600_000);
    const m = sim.metrics();
    const maxTotals = TOTALS_TIERS.reduce((a, t) => a + t.capacity, 0);
    const maxPartition = PARTITION_TIERS.reduce((a, t) => a + t.capacity, 0);
    const totals = m.groups.g!.totals;
    expect(totals.t.length).toBeLessThanOrEqual(maxTotals);
    // 10 min at 1 s, then 10 s back to 2 h, then 1 min back to the start.
    expect(totals.stepMs.filter((s) => s === 1_000).length).toBeLessThanOrEqual(600);
    expect(totals.stepMs.filter((s) => s === 1_000).length).toBeGreaterThan(590);
    expect(totals.stepMs.filter((s) => s === 10_000).length).toBeLessThanOrEqual(720);
    expect(totals.stepMs.filter((s) => s === 60_000).length).toBeGreaterThan(50);
    expect(totals.t[0]).toBe(60_000); // the whole history is still there, coarsely
    for (const series of Object.values(m.groups.g!.partitions)) expect(series.t.length).toBeLessThanOrEqual(maxPartition);
  }, 60_000);

  it('bounds the rebalance history and counts what it dropped', () => {
    const steps: Step[] = [...groupScript(1, { partitions: 2, config: SESSION })];
    // Every 20 s a second consumer comes and goes: two rebalances each time.
    for (let i = 0; i < 60; i++) {
      steps.push([20_000 + i * 20_000, { type: 'addConsumer', id: `x${i}`, groupId: 'g', subscribe: ['orders'], config: SESSION }]);
      steps.push([30_000 + i * 20_000, { type: 'closeConsumer', id: `x${i}` }]);
    }
    const m = play(2, steps, 20_000 + 60 * 20_000 + 20_000).metrics();
    expect(m.rebalances.every((r) => r.outcome === 'completed')).toBe(true);
    expect(m.rebalances).toHaveLength(MAX_REBALANCES);
    expect(m.droppedRebalances).toBeGreaterThan(0);
    expect(m.rebalances.at(-1)!.id).toBe(MAX_REBALANCES + m.droppedRebalances);
  }, 60_000);

  it('same seed and script: same hash, metrics included; metrics() changes nothing', () => {
    const script: Step[] = [...groupScript(2, { partitions: 4, config: SESSION }), [15_000, { type: 'crashConsumer', id: 'c1' }]];
    const a = play(9, script, 90_000);
    const b = play(9, script, 90_000);
    expect(a.hash()).toBe(b.hash());
    expect(a.metrics()).toEqual(b.metrics());
    const before = a.hash();
    const view = a.metrics();
    view.rebalances[0]!.cause = 'broker';
    view.groups.g!.totals.lag.push(1);
    expect(a.hash()).toBe(before);
    expect(a.metrics().rebalances[0]!.cause).toBe('join');
  });

  it('does not depend on how advance() is chunked', () => {
    const script = groupScript(2, { partitions: 4, config: SESSION });
    const whole = play(4, script, 45_000);
    const chunked = play(4, script, 0);
    for (const ms of [1, 999, 1_000, 3_333, 7, 10_000, 29_660]) chunked.advance(ms);
    expect(chunked.now).toBe(45_000);
    expect(chunked.hash()).toBe(whole.hash());
    expect(chunked.metrics()).toEqual(whole.metrics());
  });

  it('rewinds with the world: rewindTo(T) gives the metrics and hash a fresh run has at T', () => {
    const script: Step[] = [
      ...groupScript(2, { partitions: 4, config: SESSION }),
      [12_345, { type: 'crashConsumer', id: 'c1' }],
      [31_007, { type: 'addConsumer', id: 'c3', groupId: 'g', subscribe: ['orders'], config: SESSION }],
    ];
    const sim = play(6, script, 70_000);
    for (const t of [45_500, 31_007, 20_000]) {
      sim.rewindTo(t);
      const fresh = play(6, script.filter(([at]) => at <= t), t);
      fresh.advance(0); // rewindTo(t) also runs what a command at t scheduled for t
      expect(sim.hash()).toBe(fresh.hash());
      expect(sim.metrics()).toEqual(fresh.metrics());
    }
  });

  it('samples less often when it tracks many partitions; rates still count real time', () => {
    // 3,000 topic-partitions exceed the per-second budget: one sample every 10 s.
    const sim = play(4, [[0, { type: 'createTopic', topic: 'big', partitions: 3_000 }], [0, { type: 'setProducer', topic: 'big', rate: 3_000 }]], 60_000);
    const m = sim.metrics();
    expect(m.sampleMs).toBe(10_000);
    const totals = m.topics.big!.totals;
    // The first boundary (1 s) was due before the topic existed; from then on every 10 s.
    expect(totals.t).toEqual([1_000, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000]);
    expect(totals.stepMs).toEqual([1_000, 9_000, 10_000, 10_000, 10_000, 10_000, 10_000]);
    expect(totals.produceRate).toEqual([3_000, 3_000, 3_000, 3_000, 3_000, 3_000, 3_000]);
    expect(totals.logEnd.at(-1)).toBe(180_000);
  });

  it('samples at every boundary even when nothing else happens', () => {
    const sim = play(4, [[0, { type: 'createTopic', topic: 't', partitions: 1 }]], 3_500);
    expect(sim.metrics().topics.t!.totals.t).toEqual([1_000, 2_000, 3_000]);
    expect(sim.metrics().sampledUntil).toBe(3_000);
  });
});
