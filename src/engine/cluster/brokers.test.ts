import { describe, expect, it } from 'vitest';
import { javaStringHashCode, kafkaAbs } from '../core/java';
import { createSimulation } from '../simulation';
import { groupScript, ofType, ownership, play, type Step } from '../testing/play';
import { OFFSETS_TOPIC_PARTITIONS, offsetsPartitionOf } from './brokers';

const fast = { 'session.timeout.ms': 10_000, 'heartbeat.interval.ms': 1_000 };

describe('where a group’s coordinator lives', () => {
  it('is the leader of __consumer_offsets partition abs(hashCode(group.id)) % 50', () => {
    expect(javaStringHashCode('')).toBe(0);
    expect(javaStringHashCode('hello')).toBe(99_162_322);
    // The famous string whose hashCode is Integer.MIN_VALUE: Kafka's Utils.abs maps it to 0.
    expect(javaStringHashCode('polygenelubricants')).toBe(-2_147_483_648);
    expect(kafkaAbs(-2_147_483_648)).toBe(0);
    expect(offsetsPartitionOf('polygenelubricants')).toBe(0);
    expect(offsetsPartitionOf('hello')).toBe(99_162_322 % OFFSETS_TOPIC_PARTITIONS);
  });

  it('spreads the 50 partitions over 3 brokers by default, and the snapshot names the coordinator', () => {
    const sim = play(7, groupScript(1), 5_000);
    const snap = sim.snapshot();
    expect(snap.brokers).toEqual([
      { id: 1, status: 'up' },
      { id: 2, status: 'up' },
      { id: 3, status: 'up' },
    ]);
    const expected = (offsetsPartitionOf('g') % 3) + 1;
    expect(snap.groups.g!.coordinator).toBe(expected);
    expect(snap.consumers.c1!.coordinator).toBe(expected);
  });

  it('takes a broker count from 1 to 9 and refuses others', () => {
    expect(createSimulation({ brokers: 1 }).snapshot().brokers).toHaveLength(1);
    for (const bad of [0, 10, 2.5]) expect(() => createSimulation({ brokers: bad })).toThrow(/brokers must be an integer from 1 to 9/);
  });
});

describe('crashBroker and restartBroker', () => {
  const coordinatorOfG = () => play(7, groupScript(2, { config: fast }), 8_000).snapshot().groups.g!.coordinator!;

  it('a stable group survives its coordinator’s crash without a rebalance', () => {
    const broker = coordinatorOfG();
    const script: Step[] = [...groupScript(2, { config: fast }), [8_000, { type: 'crashBroker', broker }]];
    const sim = play(7, script, 20_000);
    const snap = sim.snapshot();
    const to = snap.groups.g!.coordinator;
    expect(to).not.toBeNull();
    expect(to).not.toBe(broker);
    expect(ofType(sim.events(), 'CoordinatorMoved')).toEqual([expect.objectContaining({ groupId: 'g', from: broker, to })]);
    // Each member noticed on its next heartbeat and found the new coordinator.
    for (const id of ['c1', 'c2']) {
      expect(ofType(sim.events(), 'CoordinatorLost').some((e) => e.consumerId === id && e.broker === broker)).toBe(true);
      expect(snap.consumers[id]!.coordinator).toBe(to);
    }
    expect(snap.groups.g!.generation).toBe(1);
    expect(snap.groups.g!.state).toBe('Stable');
    expect(ofType(sim.events(), 'SessionTimeout')).toEqual([]);
    expect(ownership(sim)).toEqual({ c1: ['orders-0', 'orders-1'], c2: ['orders-2', 'orders-3'] });
    // Commits reach the new coordinator: committed offsets keep moving.
    const committedAt = (t: number) => {
      const s = play(7, script, t).snapshot().groups.g!.offsets;
      return Object.values(s).reduce((sum, o) => sum + (o.committed ?? 0), 0);
    };
    expect(committedAt(20_000)).toBeGreaterThan(committedAt(10_000));
  });

  it('a rebalance under way when the coordinator dies is lost, and the group still settles', () => {
    const broker = coordinatorOfG();
    const script: Step[] = [
      ...groupScript(2, { config: fast }),
      [8_000, { type: 'addConsumer', id: 'c3', groupId: 'g', subscribe: ['orders'], config: fast }],
      [8_002, { type: 'crashBroker', broker }],
    ];
    const sim = play(7, script, 30_000);
    const group = sim.snapshot().groups.g!;
    expect(group.state).toBe('Stable');
    expect(group.members.map((m) => m.consumerId).sort()).toEqual(['c1', 'c2', 'c3']);
    const owned = Object.values(ownership(sim)).flat().sort();
    expect(owned).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3']);
  });

  it('with every broker down nobody coordinates; a restart brings the group back without expulsions', () => {
    const script: Step[] = [
      ...groupScript(2, { config: fast }),
      [8_000, { type: 'crashBroker', broker: 1 }],
      [8_000, { type: 'crashBroker', broker: 2 }],
      [8_000, { type: 'crashBroker', broker: 3 }],
    ];
    const down = play(7, script, 30_000);
    expect(down.snapshot().groups.g!.coordinator).toBeNull();
    expect(down.snapshot().consumers.c1!.coordinator).toBeNull();
    // FindCoordinator backs off to retry.backoff.max.ms: a bounded number of attempts.
    const attempts = down.events().filter((e) => e.type === 'CoordinatorFound').length;
    expect(attempts).toBe(2); // the first lookups at start, none while all are down
    const back = play(7, [...script, [30_000, { type: 'restartBroker', broker: 2 }]], 40_000);
    const snap = back.snapshot();
    expect(snap.groups.g!.coordinator).toBe(2);
    expect(snap.consumers.c1!.coordinator).toBe(2);
    expect(ofType(back.events(), 'SessionTimeout')).toEqual([]);
    expect(snap.groups.g!.state).toBe('Stable');
    expect(snap.groups.g!.generation).toBe(1);
  });

  it('refuses unknown brokers, crashing a down one and restarting an up one, changing nothing', () => {
    const sim = play(7, groupScript(1), 1_000);
    const hash = sim.hash();
    expect(() => sim.dispatch({ type: 'crashBroker', broker: 4 })).toThrow('unknown broker 4: the brokers are 1, 2, 3');
    expect(() => sim.dispatch({ type: 'restartBroker', broker: 1 })).toThrow('broker 1 is up; crash it before a restart');
    expect(() => sim.dispatch({ type: 'crashBroker', broker: '1' as unknown as number })).toThrow(/unknown broker "1"/);
    expect(sim.hash()).toBe(hash);
    sim.dispatch({ type: 'crashBroker', broker: 1 });
    expect(() => sim.dispatch({ type: 'crashBroker', broker: 1 })).toThrow('broker 1 is already down');
  });

  it('replays bit for bit through crashes and restarts', () => {
    const script: Step[] = [
      ...groupScript(3, { config: fast }),
      [7_000, { type: 'crashBroker', broker: 2 }],
      [9_000, { type: 'crashBroker', broker: 1 }],
      [15_000, { type: 'restartBroker', broker: 2 }],
    ];
    expect(play(11, script, 30_000).hash()).toBe(play(11, script, 30_000).hash());
  });
});
