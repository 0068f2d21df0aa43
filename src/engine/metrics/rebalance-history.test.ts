import { describe, expect, it } from 'vitest';
import { MAX_REBALANCES, causeOf, onAssigned, onRebalanceEnded, onRebalanceStarted, onReleased } from './rebalance-history';
import { createMetricsState, groupMetrics, trackPartition } from './tracking';

function setup() {
  const m = createMetricsState();
  const group = groupMetrics(m, 'g');
  ['t-0', 't-1'].forEach((p) => trackPartition(m, group, p));
  return { m, group };
}

describe('rebalance history', () => {
  it('maps every engine reason to a cause, with hints for what the coordinator cannot tell', () => {
    const none = { pollTimedOut: false, metadataChanged: false };
    expect(causeOf('member joined', none)).toBe('join');
    expect(causeOf('leader rejoined', none)).toBe('join');
    expect(causeOf('leader rejoined', { ...none, metadataChanged: true })).toBe('metadata');
    expect(causeOf('member left', none)).toBe('leave');
    expect(causeOf('member left', { ...none, pollTimedOut: true })).toBe('poll timeout');
    expect(causeOf('session timeout', none)).toBe('session timeout');
    expect(causeOf('poll timeout', none)).toBe('poll timeout');
    expect(causeOf('metadata changed', none)).toBe('metadata');
    expect(causeOf('subscription changed', none)).toBe('metadata');
    expect(causeOf('sync timeout', none)).toBe('rebalance timeout');
  });

  it('a trigger while a rebalance is under way restarts it: one record, causes in order', () => {
    const { m } = setup();
    onRebalanceStarted(m, 100, 'g', 'member joined', 'a');
    onRebalanceStarted(m, 200, 'g', 'member left', 'b');
    onRebalanceEnded(m, 300, 'g', 4, 'completed');
    expect(m.rebalances).toHaveLength(1);
    expect(m.rebalances[0]).toMatchObject({ cause: 'join', restartedBy: ['leave'], startMs: 100, endMs: 300, generation: 4 });
    onRebalanceEnded(m, 400, 'g', 5, 'completed'); // nothing open: ignored
    expect(m.rebalances[0]!.endMs).toBe(300);
  });

  it('counts a stretch that began before the rebalance, but not one that began after it ended', () => {
    const { m, group } = setup();
    onRebalanceStarted(m, 0, 'g', 'member joined', 'a');
    onRebalanceEnded(m, 50, 'g', 1, 'completed');
    onAssigned(m, 60, group, 'a', ['t-0', 't-1']);
    onReleased(1_000, group, 'a', ['t-0']); // revoked at 1 s
    onRebalanceStarted(m, 1_500, 'g', 'member left', 'a');
    onRebalanceEnded(m, 1_800, 'g', 2, 'completed');
    onAssigned(m, 1_900, group, 'b', ['t-0']);
    const second = m.rebalances[1]!;
    expect(second.partitions).toEqual({ 't-0': { unownedMs: 900, pausedMs: 900 } });
    // t-1's holder stops long after that rebalance and gets it back without one (static member).
    onReleased(5_000, group, 'a', ['t-1']);
    onAssigned(m, 5_100, group, 'a', ['t-1']);
    expect(second.partitions['t-1']).toBeUndefined();
  });

  it('keeps the newest MAX_REBALANCES records and counts the dropped ones', () => {
    const { m, group } = setup();
    for (let i = 0; i < MAX_REBALANCES + 7; i++) {
      onRebalanceStarted(m, i * 10, 'g', 'member joined', 'a');
      onRebalanceEnded(m, i * 10 + 5, 'g', i + 1, 'completed');
    }
    expect(m.rebalances).toHaveLength(MAX_REBALANCES);
    expect(m.droppedRebalances).toBe(7);
    expect(m.rebalances[0]!.id).toBe(8);
    // Assignments after the newest record still land in it.
    onAssigned(m, MAX_REBALANCES * 10 + 100, group, 'a', ['t-0']);
    expect(Object.keys(m.rebalances.at(-1)!.partitions)).toEqual(['t-0']);
  });
});
