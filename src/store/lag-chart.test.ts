import { describe, expect, it } from 'vitest';
import { createSimulation } from '../engine';
import { buildLagChart } from './lag-chart';

function world() {
  const sim = createSimulation({ seed: 42 });
  sim.dispatch({ type: 'createTopic', topic: 'orders', partitions: 4 });
  sim.dispatch({ type: 'setProducer', topic: 'orders', rate: 50 });
  for (const id of ['c1', 'c2']) {
    sim.dispatch({ type: 'addConsumer', id, groupId: 'g', subscribe: ['orders'], config: { 'session.timeout.ms': 10_000 }, processingMs: 10 });
  }
  sim.advance(12_500);
  sim.dispatch({ type: 'crashConsumer', id: 'c1' });
  sim.advance(27_500);
  return sim;
}

describe('buildLagChart', () => {
  it('plots the group lag in records and seconds, the rates, and each rebalance with its cause', () => {
    const sim = world();
    const metrics = sim.metrics();
    const records = buildLagChart(metrics, 'g', { kind: 'group' }, 'records');
    const seconds = buildLagChart(metrics, 'g', { kind: 'group' }, 'seconds');
    expect(records.lag.length).toBeGreaterThan(30);
    expect(records.lag.length).toBe(seconds.lag.length);
    const raw = metrics.groups.g!.totals;
    const i = raw.t.indexOf(records.lag.at(-1)!.t);
    expect(records.lag.at(-1)!.value).toBe(raw.lag[i]);
    expect(seconds.lag.at(-1)!.value).toBe(raw.lagMs[i]! / 1000);
    expect(records.produce.length).toBeGreaterThan(0);
    expect(records.produce.some((p) => p.value > 0)).toBe(true);
    expect(records.consume.some((p) => p.value > 0)).toBe(true);
    expect(records.bands.map((b) => b.cause)).toEqual(['join', 'session timeout']);
    const timeout = records.bands[1]!;
    expect(timeout.open).toBe(false);
    expect(timeout.stopped).toBeGreaterThan(0);
    expect(timeout.maxPausedMs).toBeGreaterThan(0);
    expect(records.to).toBe(sim.now);
    expect(records.from).toBeLessThan(records.lag[0]!.t);
  });

  it('plots one partition, with its own pause in each rebalance', () => {
    const metrics = world().metrics();
    const chart = buildLagChart(metrics, 'g', { kind: 'partition', partition: 'orders-0' }, 'records');
    expect(chart.lag.length).toBeGreaterThan(0);
    expect(chart.produce).toEqual([]);
    const timeout = chart.bands.find((b) => b.cause === 'session timeout')!;
    const expected = metrics.rebalances.find((r) => r.cause === 'session timeout')!.partitions['orders-0'];
    expect(timeout.pausedMs).toBe(expected?.pausedMs ?? null);
  });

  it('follows a rewind: the chart at 10 s has no later points and no later rebalance', () => {
    const sim = world();
    sim.rewindTo(10_000);
    const chart = buildLagChart(sim.metrics(), 'g', { kind: 'group' }, 'records');
    expect(chart.to).toBe(10_000);
    expect(chart.lag.length).toBeGreaterThan(0);
    expect(chart.lag.every((p) => p.t <= 10_000)).toBe(true);
    expect(chart.bands.map((b) => b.cause)).toEqual(['join']);
  });

  it('is empty for a group the metrics do not have', () => {
    const chart = buildLagChart(world().metrics(), 'nope', { kind: 'group' }, 'records');
    expect(chart.lag).toEqual([]);
    expect(chart.bands).toEqual([]);
  });
});
