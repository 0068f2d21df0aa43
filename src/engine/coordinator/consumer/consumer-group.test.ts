/** Story tests of the consumer protocol (KIP-848), client and coordinator together. */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../simulation';
import { ofType, ownership, play, type Step } from '../../testing/play';
import type { Command, Simulation } from '../../types';

const CONSUMER = { 'group.protocol': 'consumer' } as const;
/** The fidelity broker's settings: 10 s session, 1 s heartbeat interval. */
const BROKER = { consumerSessionTimeoutMs: 10_000, consumerHeartbeatIntervalMs: 1_000 };

function add(id: string, extra: Partial<Extract<Command, { type: 'addConsumer' }>> = {}): Command {
  return { type: 'addConsumer', id, groupId: 'g', subscribe: ['orders'], processingMs: 5, ...extra, config: { ...CONSUMER, ...extra.config } };
}

const base: Step[] = [
  [0, { type: 'createTopic', topic: 'orders', partitions: 4 }],
  [0, { type: 'setProducer', topic: 'orders', rate: 40 }],
  [0, add('c1')],
];

/** Runs the script in 5 ms steps, checking at each that no partition is owned by two live members. */
function playChecked(script: Step[], untilMs: number): { sim: Simulation; doubles: string[] } {
  const sim = createSimulation({ seed: 3, broker: BROKER });
  const steps = [...script].sort((a, b) => a[0] - b[0]);
  const doubles: string[] = [];
  let i = 0;
  for (let t = 0; t <= untilMs; t += 5) {
    if (t > sim.now) sim.advance(t - sim.now);
    while (i < steps.length && steps[i]![0] <= t) sim.dispatch(steps[i++]![1]);
    const owners = new Map<string, string>();
    for (const [id, c] of Object.entries(sim.snapshot().consumers)) {
      if (c.status === 'crashed' || c.status === 'closed') continue;
      for (const p of c.owned) {
        if (owners.has(p)) doubles.push(`${t}: ${p} owned by ${owners.get(p)} and ${id}`);
        owners.set(p, id);
      }
    }
  }
  return { sim, doubles };
}

describe('consumer protocol: a second member joins', () => {
  const script: Step[] = [...base, [4_000, add('c2')]];
  const { sim, doubles } = playChecked(script, 12_000);

  it('no partition is owned by two members at any 5 ms step, and the broker splits the topic', () => {
    expect(doubles).toEqual([]);
    expect(ownership(sim)).toEqual({ c1: ['orders-0', 'orders-1'], c2: ['orders-2', 'orders-3'] });
    const group = sim.snapshot().groups.g!;
    expect(group).toMatchObject({ protocol: 'consumer', state: 'Stable', leader: null, assignor: 'uniform', generation: 2, assignmentEpoch: 2 });
    expect(group.members.map((m) => [m.consumerId, m.memberEpoch, m.memberState, m.assigned, m.target])).toEqual([
      ['c1', 2, 'STABLE', ['orders-0', 'orders-1'], ['orders-0', 'orders-1']],
      ['c2', 2, 'STABLE', ['orders-2', 'orders-3'], ['orders-2', 'orders-3']],
    ]);
  });

  it('the first member keeps consuming what it keeps: never revoked, processed in every second', () => {
    const revoked = ofType(sim.events(), 'PartitionsRevoked').flatMap((e) => e.partitions);
    expect(revoked).toEqual(['orders-2', 'orders-3']);
    const processed = ofType(sim.events(), 'RecordsProcessed').filter((e) => e.consumerId === 'c1' && e.ranges.some((r) => r.partition === 'orders-0'));
    for (let second = 2; second < 12; second++) {
      expect(processed.some((e) => e.time >= second * 1_000 && e.time < (second + 1) * 1_000), `c1 processed orders-0 in second ${second}`).toBe(true);
    }
  });

  it('revokes first: c2 gets its partitions only after c1 released them, in the order Kafka reconciles', () => {
    const events = sim.events().filter((e) => e.time >= 4_000);
    const story = events
      .filter((e) => ['PartitionsRevoked', 'PartitionsAssigned', 'GroupEpochBumped', 'TargetAssignmentComputed', 'RebalanceCompleted'].includes(e.type))
      .map((e) => ('consumerId' in e ? `${e.type}:${e.consumerId}` : e.type));
    expect(story).toEqual([
      'GroupEpochBumped',
      'TargetAssignmentComputed',
      'PartitionsAssigned:c2', // its first answer: nothing yet, orders-2 and -3 are unreleased
      'PartitionsRevoked:c1',
      'PartitionsAssigned:c1', // onPartitionsAssigned after every reconciliation, here with nothing new
      'RebalanceCompleted',
      'PartitionsAssigned:c2',
    ]);
    expect(ofType(events, 'PartitionsAssigned').map((e) => [e.consumerId, e.partitions])).toEqual([
      ['c2', []],
      ['c1', []],
      ['c2', ['orders-2', 'orders-3']],
    ]);
    expect(ofType(sim.events(), 'JoinGroupSent')).toEqual([]);
  });

  it('counts one rebalance per epoch, with paused time only on the partitions that moved', () => {
    const rebalances = sim.metrics().rebalances;
    expect(rebalances.map((r) => [r.cause, r.generation, r.outcome])).toEqual([
      ['join', 1, 'completed'],
      ['join', 2, 'completed'],
    ]);
    expect(Object.keys(rebalances[1]!.partitions).sort()).toEqual(['orders-2', 'orders-3']);
  });

  it('replays bit for bit', () => {
    expect(playChecked(script, 12_000).sim.hash()).toBe(sim.hash());
  });
});

describe('consumer protocol: members leave', () => {
  it('close: onPartitionsRevoked, a heartbeat with epoch -1, and the survivor takes over within a heartbeat', () => {
    const { sim, doubles } = playChecked([...base, [4_000, add('c2')], [9_000, { type: 'closeConsumer', id: 'c2' }]], 11_000);
    expect(doubles).toEqual([]);
    expect(ofType(sim.events(), 'ConsumerGroupHeartbeatSent').filter((e) => e.consumerId === 'c2').at(-1)!.memberEpoch).toBe(-1);
    expect(ownership(sim).c1).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3']);
    const taken = ofType(sim.events(), 'PartitionsAssigned').filter((e) => e.consumerId === 'c1' && e.partitions.includes('orders-2'));
    expect(taken.at(-1)!.time - 9_000).toBeLessThanOrEqual(1_100);
    expect(ofType(sim.events(), 'GroupEpochBumped').at(-1)!.reason).toBe('member left');
  });

  it('crash: nothing until group.consumer.session.timeout.ms, then the partitions move', () => {
    const script: Step[] = [...base, [0, add('c2')], [5_000, { type: 'crashConsumer', id: 'c2' }]];
    const before = play(3, script, 14_000, { broker: BROKER });
    expect(ofType(before.events(), 'SessionTimeout')).toEqual([]);
    expect(ownership(before).c1).toHaveLength(2);
    const after = play(3, script, 17_000, { broker: BROKER });
    const timeout = ofType(after.events(), 'SessionTimeout');
    expect(timeout.map((e) => e.consumerId)).toEqual(['c2']);
    expect(timeout[0]!.time).toBeGreaterThan(5_000 + 10_000 - 1_000);
    expect(timeout[0]!.time).toBeLessThanOrEqual(5_000 + 10_000);
    expect(ownership(after).c1).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3']);
    expect(after.metrics().rebalances.at(-1)!.cause).toBe('session timeout');
  });

  it('uses the broker default session timeout of 45 s', () => {
    const script: Step[] = [...base, [0, add('c2')], [5_000, { type: 'crashConsumer', id: 'c2' }]];
    const sim = play(3, script, 60_000);
    const timeout = ofType(sim.events(), 'SessionTimeout')[0]!;
    expect(timeout.time).toBeGreaterThan(5_000 + 45_000 - 5_000);
    expect(timeout.time).toBeLessThanOrEqual(5_000 + 45_000);
  });
});

describe('consumer protocol: static members (group.instance.id)', () => {
  const statics: Step[] = [
    [0, { type: 'createTopic', topic: 'orders', partitions: 4 }],
    [0, { type: 'setProducer', topic: 'orders', rate: 40 }],
    [0, add('c1', { config: { 'group.instance.id': 'i1' } })],
    [0, add('c2', { config: { 'group.instance.id': 'i2' } })],
  ];

  it('close leaves with epoch -2: the assignment waits, and a restart within the session timeout takes it back with no new epoch', () => {
    const script: Step[] = [...statics, [5_000, { type: 'closeConsumer', id: 'c2' }], [9_000, { type: 'restartConsumer', id: 'c2' }]];
    const away = play(3, script.slice(0, -1), 8_000, { broker: BROKER });
    expect(ofType(away.events(), 'ConsumerGroupHeartbeatSent').filter((e) => e.consumerId === 'c2').at(-1)!.memberEpoch).toBe(-2);
    const waiting = away.snapshot().groups.g!;
    const c2 = waiting.members.find((m) => m.consumerId === 'c2')!;
    expect(c2.memberEpoch).toBe(-2);
    expect(c2.assigned).toHaveLength(2);
    expect(ownership(away).c1).toHaveLength(2);
    const epoch = waiting.generation;

    const back = play(3, script, 12_000, { broker: BROKER });
    expect(back.snapshot().groups.g!.generation).toBe(epoch);
    expect(ownership(back).c2).toEqual(c2.assigned);
    expect(ofType(back.events(), 'SessionTimeout')).toEqual([]);
  });

  it('a static member away longer than the session timeout is removed and its partitions move', () => {
    const sim = play(3, [...statics, [5_000, { type: 'closeConsumer', id: 'c2' }]], 17_000, { broker: BROKER });
    expect(ofType(sim.events(), 'SessionTimeout').map((e) => e.consumerId)).toEqual(['c2']);
    expect(ownership(sim).c1).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3']);
  });
});

describe('consumer protocol: the poll loop stops polling', () => {
  it('max.poll.interval.ms: leave with -1, onPartitionsLost at the next poll, then join again with epoch 0', () => {
    const script: Step[] = [
      ...base,
      [0, add('c2', { config: { 'max.poll.interval.ms': 3_000 } })],
      [4_000, { type: 'stallConsumer', id: 'c2', ms: 5_000 }],
    ];
    const { sim, doubles } = playChecked(script, 14_000);
    expect(doubles).toEqual([]);
    const c2 = sim.events().filter((e) => 'consumerId' in e && e.consumerId === 'c2');
    expect(ofType(c2, 'PollTimeout')).toHaveLength(1);
    const sent = ofType(c2, 'ConsumerGroupHeartbeatSent').map((e) => e.memberEpoch);
    expect(sent).toContain(-1);
    expect(sent.slice(sent.indexOf(-1) + 1)[0]).toBe(0);
    const lost = ofType(c2, 'PartitionsLost');
    expect(lost).toHaveLength(1);
    expect(lost[0]!.time).toBeGreaterThanOrEqual(9_000);
    expect(ownership(sim).c2).toHaveLength(2);
    expect(ofType(sim.events(), 'GroupEpochBumped').map((e) => e.reason)).toEqual(['member joined', 'member joined', 'member left', 'member joined']);
  });
});

describe('consumer protocol: the broker watches metadata', () => {
  it('added partitions: a new epoch at the next heartbeat, no metadata.max.age.ms wait', () => {
    const sim = play(3, [...base, [0, add('c2')], [5_000, { type: 'addPartitions', topic: 'orders', partitions: 6 }]], 7_000, { broker: BROKER });
    const bump = ofType(sim.events(), 'GroupEpochBumped').at(-1)!;
    expect(bump.reason).toBe('metadata changed');
    expect(bump.time - 5_000).toBeLessThanOrEqual(1_000);
    expect(Object.values(ownership(sim)).flat().sort()).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3', 'orders-4', 'orders-5']);
  });

  it('a pattern (java.util.regex.Pattern) is resolved by the client: a new matching topic comes with its next metadata refresh and heartbeat', () => {
    const sim = play(
      3,
      [
        [0, { type: 'createTopic', topic: 'test-a', partitions: 2 }],
        [0, { type: 'addConsumer', id: 'c1', groupId: 'g', pattern: 'test.*', config: CONSUMER }],
        [5_000, { type: 'createTopic', topic: 'test-b', partitions: 2 }],
        [5_000, { type: 'createTopic', topic: 'other', partitions: 2 }],
        [8_000, { type: 'refreshMetadata', id: 'c1' }],
      ],
      10_000,
      { broker: BROKER },
    );
    expect(ownership(sim).c1).toEqual(['test-a-0', 'test-a-1', 'test-b-0', 'test-b-1']);
    const bump = ofType(sim.events(), 'GroupEpochBumped').at(-1)!;
    expect(bump.reason).toBe('subscription changed');
    expect(bump.time).toBeGreaterThan(8_000);
    expect(bump.time).toBeLessThanOrEqual(9_010);
    // Until its metadata says so, the client does not know the topic: no new epoch for 3 s.
    expect(ofType(sim.events(), 'GroupEpochBumped').filter((e) => e.time > 5_000 && e.time < 8_000)).toEqual([]);
  });

  it('a pattern member joins subscribed to nothing (subscribe() matched the bootstrap metadata); the topics go with its next heartbeat', () => {
    const pattern = (id: string): Command => ({ type: 'addConsumer', id, groupId: 'g', pattern: 'test.*', processingMs: 5, config: CONSUMER });
    const sim = play(3, [[0, { type: 'createTopic', topic: 'test-a', partitions: 2 }], [0, pattern('c1')], [2_000, pattern('c2')]], 6_000, { broker: BROKER });
    const assigned = (id: string) => ofType(sim.events(), 'PartitionsAssigned').filter((e) => e.consumerId === id).map((e) => e.partitions);
    // onPartitionsAssigned with nothing first, as Kafka 4.4's client does, then what the pattern matched.
    expect(assigned('c1').slice(0, 2)).toEqual([[], ['test-a-0', 'test-a-1']]);
    expect(assigned('c2')[0]).toEqual([]);
    const bumps = ofType(sim.events(), 'GroupEpochBumped');
    // A new group leaves epoch 0 for c1's join; c2's empty join bumps nothing; each member's topics do.
    expect(bumps.map((e) => [e.epoch, e.reason])).toEqual([
      [1, 'member joined'],
      [2, 'subscription changed'],
      [3, 'subscription changed'],
    ]);
    const c2First = ofType(sim.events(), 'ConsumerGroupHeartbeatAnswered').find((e) => e.consumerId === 'c2')!;
    expect(c2First).toMatchObject({ memberEpoch: 2, assigned: [] });
    expect(bumps[2]!.time).toBeGreaterThanOrEqual(c2First.time);
    expect(bumps[2]!.time - 2_000).toBeLessThan(100);
    expect(ownership(sim)).toEqual({ c1: ['test-a-0'], c2: ['test-a-1'] });
    expect(sim.snapshot().consumers.c2!.pattern).toBe('test.*');
  });

  it('group.remote.assignor=range: the broker runs its range assignor', () => {
    const config = { 'group.remote.assignor': 'range' };
    const sim = play(3, [
      [0, { type: 'createTopic', topic: 'a', partitions: 3 }],
      [0, { type: 'addConsumer', id: 'c1', groupId: 'g', subscribe: ['a'], config: { ...CONSUMER, ...config } }],
      [0, { type: 'addConsumer', id: 'c2', groupId: 'g', subscribe: ['a'], config: { ...CONSUMER, ...config } }],
    ], 4_000, { broker: BROKER });
    expect(sim.snapshot().groups.g!.assignor).toBe('range');
    expect(Object.values(ownership(sim)).map((p) => p.length).sort()).toEqual([1, 2]);
  });
});

describe('consumer protocol: configs and commits', () => {
  it("refuses session.timeout.ms with Kafka's message and changes nothing", () => {
    const sim = createSimulation({ seed: 3 });
    const before = sim.hash();
    expect(() => sim.dispatch(add('c1', { config: { 'session.timeout.ms': 10_000 } }))).toThrow(
      'session.timeout.ms cannot be set when group.protocol=CONSUMER',
    );
    expect(sim.hash()).toBe(before);
  });

  it('commits carry the member epoch: a commitSync member commits in every epoch it reaches', () => {
    const sim = play(3, [...base.slice(0, 2), [0, add('c1', { commit: 'sync' })], [3_000, add('c2', { commit: 'sync' })]], 8_000, { broker: BROKER });
    expect(ofType(sim.events(), 'OffsetCommitFailed')).toEqual([]);
    expect(ofType(sim.events(), 'OffsetCommitted').length).toBeGreaterThan(10);
    const offsets = sim.snapshot().groups.g!.offsets;
    expect(Object.values(offsets).every((o) => o.committed !== null && o.committed > 0)).toBe(true);
  });
});

describe('consumer protocol: the coordinator fails over (crashBroker)', () => {
  it('the new coordinator has the epoch and assignment; members find it and go on heartbeating', () => {
    const probe = play(3, [...base, [0, add('c2')]], 3_000, { broker: BROKER });
    const coordinator = probe.snapshot().groups.g!.coordinator!;
    const script: Step[] = [...base, [0, add('c2')], [3_000, { type: 'crashBroker', broker: coordinator }]];
    const sim = play(3, script, 20_000, { broker: BROKER });
    const group = sim.snapshot().groups.g!;
    expect(group.coordinator).not.toBe(coordinator);
    expect(group.state).toBe('Stable');
    expect(group.generation).toBe(probe.snapshot().groups.g!.generation);
    expect(ofType(sim.events(), 'SessionTimeout')).toEqual([]);
    expect(ownership(sim)).toEqual(ownership(probe));
    const found = ofType(sim.events(), 'CoordinatorFound').filter((e) => e.time > 3_000);
    expect(found.map((e) => e.consumerId).sort()).toEqual(['c1', 'c2']);
    const beats = ofType(sim.events(), 'ConsumerGroupHeartbeatAnswered').filter((e) => e.time > 15_000);
    expect(beats.length).toBeGreaterThan(4);
  });
});

describe('consumer protocol: groups change protocol (KIP-848 upgrade)', () => {
  it('an Empty classic group becomes a consumer group, committed offsets kept', () => {
    const classic: Step[] = [
      [0, { type: 'createTopic', topic: 'orders', partitions: 4 }],
      [0, { type: 'setProducer', topic: 'orders', rate: 40 }],
      [0, { type: 'addConsumer', id: 'old', groupId: 'g', subscribe: ['orders'], processingMs: 5 }],
      [10_000, { type: 'closeConsumer', id: 'old' }],
      [12_000, add('c1')],
    ];
    const before = play(3, classic.slice(0, -1), 12_000, { broker: BROKER });
    expect(before.snapshot().groups.g!.protocol).toBe('eager');
    const committed = before.snapshot().groups.g!.offsets['orders-0']!.committed!;
    expect(committed).toBeGreaterThan(0);
    const sim = play(3, classic, 16_000, { broker: BROKER });
    const group = sim.snapshot().groups.g!;
    expect(group.protocol).toBe('consumer');
    expect(ownership(sim).c1).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3']);
    expect(ofType(sim.events(), 'OffsetReset').filter((e) => e.consumerId === 'c1')).toEqual([]);
    expect(sim.snapshot().groups.g!.processed.lost).toBe(0);
  });

  it('upgrade online: a consumer-protocol member converts a Stable classic group; classic members keep working through JoinGroup/SyncGroup', () => {
    const script: Step[] = [...groupOfClassic(), [0, classicAdd('old2')], [8_000, add('c1')]];
    const { sim, doubles } = playChecked(script, 20_000);
    expect(doubles).toEqual([]);
    const converted = ofType(sim.events(), 'GroupConverted');
    expect(converted.map((e) => [e.to, e.members])).toEqual([['consumer', 2]]);
    const group = sim.snapshot().groups.g!;
    expect(group).toMatchObject({ protocol: 'consumer', state: 'Stable', leader: null });
    expect(group.members.map((m) => m.consumerId).sort()).toEqual(['c1', 'old', 'old2']);
    const owned = ownership(sim);
    expect([owned.c1!.length, owned.old!.length, owned.old2!.length].sort()).toEqual([1, 1, 2]);
    expect([...owned.c1!, ...owned.old!, ...owned.old2!].sort()).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3']);
    expect(ofType(sim.events(), 'ConsumerFailed')).toEqual([]);
    expect(ofType(sim.events(), 'OffsetCommitFailed').filter((e) => e.error !== 'REBALANCE_IN_PROGRESS')).toEqual([]);
    expect(sim.snapshot().groups.g!.processed.lost).toBe(0);
  });

  it('downgrade: when the last consumer-protocol member leaves, the group is classic again and rebalances', () => {
    const script: Step[] = [...groupOfClassic(), [0, classicAdd('old2')], [8_000, add('c1')], [20_000, { type: 'closeConsumer', id: 'c1' }]];
    const { sim, doubles } = playChecked(script, 30_000);
    expect(doubles).toEqual([]);
    expect(ofType(sim.events(), 'GroupConverted').map((e) => e.to)).toEqual(['consumer', 'classic']);
    const group = sim.snapshot().groups.g!;
    expect(group).toMatchObject({ protocol: 'eager', state: 'Stable' });
    expect(Object.values(ownership(sim)).flat().sort()).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3']);
    expect(ownership(sim).c1).toEqual([]);
  });

  it('a classic member joins a consumer group with members: it is one of them, assigned by the broker', () => {
    const { sim, doubles } = playChecked([...base, [3_000, classicAdd('old')]], 12_000);
    expect(doubles).toEqual([]);
    expect(sim.snapshot().groups.g!.protocol).toBe('consumer');
    expect(ownership(sim)).toEqual({ c1: ['orders-0', 'orders-1'], old: ['orders-2', 'orders-3'] });
  });

  it('a classic group with static members is not converted yet: the consumer-protocol member fails, saying so', () => {
    const sim = play(3, [...groupOfClassic(), [0, classicAdd('old2', { 'group.instance.id': 'i2' })], [8_000, add('c1')]], 10_000, { broker: BROKER });
    const failed = ofType(sim.events(), 'ConsumerFailed');
    expect(failed.map((e) => [e.consumerId, e.exception])).toEqual([['c1', 'GroupIdNotFoundException']]);
    expect(failed[0]!.message).toMatch(/not supported yet/);
    expect(sim.snapshot().groups.g!.protocol).toBe('eager');
  });
});

function classicAdd(id: string, config: Record<string, string | number> = {}): Command {
  return { type: 'addConsumer', id, groupId: 'g', subscribe: ['orders'], processingMs: 5, config: { 'session.timeout.ms': 10_000, 'heartbeat.interval.ms': 1_000, ...config } };
}

function groupOfClassic(): Step[] {
  return [
    [0, { type: 'createTopic', topic: 'orders', partitions: 4 }],
    [0, { type: 'setProducer', topic: 'orders', rate: 40 }],
    [0, classicAdd('old')],
  ];
}

describe('consumer protocol: rewind', () => {
  it('rewindTo lands on the hash the original run had at that time', () => {
    const script: Step[] = [...base, [4_000, add('c2')], [9_000, { type: 'closeConsumer', id: 'c2' }]];
    const original = play(3, script, 14_000, { broker: BROKER, checkpointEveryMs: 3_000 });
    const at7 = play(3, script.filter(([at]) => at <= 7_000), 7_000, { broker: BROKER, checkpointEveryMs: 3_000 }).hash();
    original.rewindTo(7_000);
    expect(original.hash()).toBe(at7);
  });
});
