import { describe, expect, it } from 'vitest';
import { groupScript, ofType, ownership, play, types, type Step } from '../testing/play';

describe('classic group coordinator, eager rebalance', () => {
  it('joins two consumers after group.initial.rebalance.delay.ms and splits the topic with range', () => {
    const sim = play(6, groupScript(2), 10_000);
    const group = sim.snapshot().groups.g!;
    expect(group.state).toBe('Stable');
    expect(group.generation).toBe(1);
    expect(group.rebalances).toBe(1);
    expect(group.leader).toBe('c1');
    expect(ownership(sim)).toEqual({ c1: ['orders-0', 'orders-1'], c2: ['orders-2', 'orders-3'] });
    expect(group.members.map((m) => m.assigned)).toEqual([
      ['orders-0', 'orders-1'],
      ['orders-2', 'orders-3'],
    ]);
  });

  it('walks Empty -> PreparingRebalance -> CompletingRebalance -> Stable, through MEMBER_ID_REQUIRED', () => {
    const sim = play(6, groupScript(1), 5_000);
    const states = ofType(sim.events(), 'GroupStateChanged').map((e) => `${e.from}>${e.to}`);
    expect(states).toEqual(['Empty>PreparingRebalance', 'PreparingRebalance>CompletingRebalance', 'CompletingRebalance>Stable']);
    const joins = ofType(sim.events(), 'JoinGroupFailed');
    expect(joins.map((e) => e.error)).toEqual(['MEMBER_ID_REQUIRED']);
    const order = types(sim.events()).filter((t) =>
      ['JoinGroupSent', 'JoinGroupCompleted', 'AssignmentComputed', 'SyncGroupSent', 'PartitionsAssigned'].includes(t),
    );
    expect(order).toEqual(['JoinGroupSent', 'JoinGroupSent', 'JoinGroupCompleted', 'AssignmentComputed', 'SyncGroupSent', 'PartitionsAssigned']);
  });

  it('holds the first rebalance for the initial delay, extended once per wave of joiners', () => {
    const early = play(6, groupScript(1), 2_900);
    expect(early.snapshot().groups.g!.state).toBe('PreparingRebalance');
    const single = play(6, groupScript(1), 3_100);
    expect(single.snapshot().groups.g!.state).not.toBe('PreparingRebalance');
    // A second member joining inside the window extends it by another delay.
    const two = play(6, groupScript(2), 3_100);
    expect(two.snapshot().groups.g!.state).toBe('PreparingRebalance');
    expect(play(6, groupScript(2), 6_200).snapshot().groups.g!.state).toBe('Stable');
  });

  it('honours a broker without initial delay', () => {
    // The first generation completes at once, not after the 3 s group.initial.rebalance.delay.ms.
    const sim = play(6, groupScript(2), 1_000, { broker: { initialRebalanceDelayMs: 0 } });
    const stable = ofType(sim.events(), 'GroupStateChanged').find((e) => e.to === 'Stable');
    expect(stable!.time).toBeLessThan(100);
  });

  it('leaves exactly one consumer idle when 5 share 4 partitions', () => {
    const script: Step[] = [...groupScript(4), [8_000, { type: 'addConsumer', id: 'c5', groupId: 'g', subscribe: ['orders'] }]];
    const sim = play(6, script, 12_000);
    const owned = ownership(sim);
    const idle = Object.entries(owned).filter(([, parts]) => parts.length === 0);
    expect(idle).toHaveLength(1);
    expect(Object.values(owned).flat().sort()).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3']);
    expect(sim.snapshot().groups.g!.generation).toBe(2);
  });

  it('eager: on a rebalance every member revokes all its partitions before rejoining', () => {
    const script: Step[] = [...groupScript(2), [8_000, { type: 'addConsumer', id: 'c3', groupId: 'g', subscribe: ['orders'] }]];
    const sim = play(6, script, 12_000);
    const revoked = ofType(sim.events(), 'PartitionsRevoked').filter((e) => e.time >= 8_000);
    expect(revoked.map((e) => [e.consumerId, e.partitions])).toEqual(
      expect.arrayContaining([
        ['c1', ['orders-0', 'orders-1']],
        ['c2', ['orders-2', 'orders-3']],
      ]),
    );
    const rebalance = ofType(sim.events(), 'RebalanceStarted').filter((e) => e.time >= 8_000);
    expect(rebalance.map((e) => e.reason)).toEqual(['member joined']);
  });

  it('expels a crashed member only after session.timeout.ms, then hands its partitions over', () => {
    const config = { 'session.timeout.ms': 10_000, 'heartbeat.interval.ms': 1_000 };
    const script: Step[] = [...groupScript(2, { config }), [8_000, { type: 'crashConsumer', id: 'c1' }]];
    const before = play(6, script, 8_000 + 8_000);
    expect(before.snapshot().groups.g!.members.map((m) => m.consumerId)).toEqual(['c1', 'c2']);
    expect(ownership(before).c2).toEqual(['orders-2', 'orders-3']);

    const after = play(6, script, 8_000 + 11_000);
    expect(ofType(after.events(), 'SessionTimeout').map((e) => e.consumerId)).toEqual(['c1']);
    const timeout = ofType(after.events(), 'SessionTimeout')[0]!;
    // The last heartbeat reached the coordinator within one interval before the crash.
    expect(timeout.time).toBeGreaterThan(8_000 + 10_000 - 1_000);
    expect(timeout.time).toBeLessThanOrEqual(8_000 + 10_000 + 10);
    expect(after.snapshot().groups.g!.members.map((m) => m.consumerId)).toEqual(['c2']);
    expect(ownership(after).c2).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3']);
    expect(after.snapshot().consumers.c1!.status).toBe('crashed');
  });

  it('moves partitions without waiting for the session timeout when a consumer closes (LeaveGroup)', () => {
    const script: Step[] = [...groupScript(2), [8_000, { type: 'closeConsumer', id: 'c2' }]];
    // The group starts rebalancing at once; c1 learns it on its next heartbeat (3 s).
    const early = play(6, script, 8_100);
    expect(early.snapshot().groups.g!.state).toBe('PreparingRebalance');
    const sim = play(6, script, 8_000 + 3_100);
    expect(ofType(sim.events(), 'LeaveGroupSent').map((e) => e.consumerId)).toEqual(['c2']);
    expect(ownership(sim).c1).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3']);
    expect(sim.snapshot().consumers.c2!.status).toBe('closed');
    expect(ofType(sim.events(), 'SessionTimeout')).toEqual([]);
  });

  it('sends heartbeats every heartbeat.interval.ms while Stable', () => {
    const sim = play(6, groupScript(1, { config: { 'heartbeat.interval.ms': 1_000, 'session.timeout.ms': 10_000 } }), 20_000);
    const beats = ofType(sim.events(), 'HeartbeatSent').map((e) => e.time);
    expect(beats.length).toBeGreaterThanOrEqual(15);
    for (let i = 1; i < beats.length; i++) expect(beats[i]! - beats[i - 1]!).toBe(1_000);
  });

  it('moves to Empty when the last member leaves', () => {
    const sim = play(6, [...groupScript(1), [8_000, { type: 'closeConsumer', id: 'c1' }]], 9_000);
    const group = sim.snapshot().groups.g!;
    expect(group.state).toBe('Empty');
    expect(group.members).toEqual([]);
    expect(group.leader).toBeNull();
  });

  it('uses roundrobin when every member prefers it', () => {
    const config = { 'partition.assignment.strategy': 'roundrobin' };
    const script: Step[] = [
      [0, { type: 'createTopic', topic: 'a', partitions: 3 }],
      [0, { type: 'createTopic', topic: 'b', partitions: 3 }],
      [0, { type: 'addConsumer', id: 'c1', groupId: 'g', subscribe: ['a', 'b'], config }],
      [0, { type: 'addConsumer', id: 'c2', groupId: 'g', subscribe: ['a', 'b'], config }],
    ];
    const sim = play(6, script, 8_000);
    expect(sim.snapshot().groups.g!.assignor).toBe('roundrobin');
    expect(ownership(sim)).toEqual({ c1: ['a-0', 'a-2', 'b-1'], c2: ['a-1', 'b-0', 'b-2'] });
  });

  it('rebalances when the leader sees added partitions on its next metadata refresh', () => {
    const script: Step[] = [
      ...groupScript(2),
      [8_000, { type: 'addPartitions', topic: 'orders', partitions: 6 }],
      [20_000, { type: 'refreshMetadata', id: 'c1' }],
    ];
    // Until the leader's metadata says so, nobody knows: no rebalance for 12 s.
    const before = play(6, script.slice(0, -1), 19_900);
    expect(ownership(before)).toEqual({ c1: ['orders-0', 'orders-1'], c2: ['orders-2', 'orders-3'] });
    const sim = play(6, script, 23_500);
    expect(ofType(sim.events(), 'RebalanceStarted').at(-1)!.reason).toBe('leader rejoined');
    expect(ownership(sim)).toEqual({ c1: ['orders-0', 'orders-1', 'orders-2'], c2: ['orders-3', 'orders-4', 'orders-5'] });
  });

  it('picks up a new topic that matches a pattern subscription on the next refresh', () => {
    const script: Step[] = [
      [0, { type: 'createTopic', topic: 'test-a', partitions: 2 }],
      [0, { type: 'addConsumer', id: 'c1', groupId: 'g', pattern: 'test.*' }],
      [8_000, { type: 'createTopic', topic: 'test-b', partitions: 2 }],
      [8_000, { type: 'createTopic', topic: 'other', partitions: 2 }],
      [9_000, { type: 'refreshMetadata', id: 'c1' }],
    ];
    const sim = play(6, script, 10_000);
    expect(ownership(sim).c1).toEqual(['test-a-0', 'test-a-1', 'test-b-0', 'test-b-1']);
    expect(ofType(sim.events(), 'RebalanceStarted').at(-1)!.reason).toBe('subscription changed');
  });
});

describe('static membership (group.instance.id)', () => {
  const config = (id: string) => ({ 'group.instance.id': id, 'session.timeout.ms': 20_000 });
  const script: Step[] = [
    [0, { type: 'createTopic', topic: 'orders', partitions: 4 }],
    [0, { type: 'addConsumer', id: 'c1', groupId: 'g', subscribe: ['orders'], config: config('i1') }],
    [0, { type: 'addConsumer', id: 'c2', groupId: 'g', subscribe: ['orders'], config: config('i2') }],
  ];

  it('a restart within the session timeout gets its partitions back with no rebalance', () => {
    const sim = play(6, [...script, [8_000, { type: 'closeConsumer', id: 'c2' }], [12_000, { type: 'restartConsumer', id: 'c2' }]], 14_000);
    expect(ofType(sim.events(), 'LeaveGroupSent')).toEqual([]);
    expect(sim.snapshot().groups.g!.rebalances).toBe(1);
    expect(ownership(sim)).toEqual({ c1: ['orders-0', 'orders-1'], c2: ['orders-2', 'orders-3'] });
  });

  it('is expelled when it stays away longer than session.timeout.ms', () => {
    const sim = play(6, [...script, [8_000, { type: 'closeConsumer', id: 'c2' }]], 33_000);
    expect(ofType(sim.events(), 'SessionTimeout').map((e) => e.consumerId)).toEqual(['c2']);
    expect(ownership(sim).c1).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3']);
  });
});

describe('members that die in the middle of a rebalance', () => {
  it('a consumer that crashes while joining is expelled after its session timeout, not the rebalance timeout', () => {
    const config = { 'session.timeout.ms': 10_000, 'heartbeat.interval.ms': 1_000 };
    const script: Step[] = [...groupScript(2, { config }), [1_000, { type: 'crashConsumer', id: 'c2' }]];
    const sim = play(6, script, 25_000);
    expect(ofType(sim.events(), 'SessionTimeout').map((e) => e.consumerId)).toEqual(['c2']);
    expect(ownership(sim).c1).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3']);
    expect(sim.snapshot().groups.g!.state).toBe('Stable');
  });
});

describe('the story of an eager rebalance after a crash, event by event', () => {
  it('session timeout, heartbeat says rebalance, commit, revoke, rejoin, assign', () => {
    const config = { 'session.timeout.ms': 10_000, 'heartbeat.interval.ms': 1_000 };
    const script: Step[] = [...groupScript(2, { config }), [8_000, { type: 'crashConsumer', id: 'c1' }]];
    const sim = play(6, script, 25_000);
    const story = sim
      .events()
      .filter((e) => e.time > 8_000)
      .filter((e) => !['HeartbeatSent', 'RecordsFetched', 'RecordsProcessed', 'OffsetCommitted', 'OffsetReset'].includes(e.type))
      .filter((e) => !(e.type === 'OffsetCommitSent' && e.mode !== 'sync'))
      .map((e) => ('consumerId' in e && e.consumerId ? `${e.type}:${e.consumerId}` : e.type));
    expect(story).toEqual([
      'SessionTimeout:c1',
      'MemberRemoved:c1',
      'RebalanceStarted:c1',
      'GroupStateChanged',
      'HeartbeatFailed:c2', // REBALANCE_IN_PROGRESS: how a member learns of the rebalance
      'OffsetCommitSent:c2', // onJoinPrepare: auto commit, synchronously
      'PartitionsRevoked:c2', // eager: everything goes
      'JoinGroupSent:c2',
      'GroupStateChanged',
      'JoinGroupCompleted:c2',
      'AssignmentComputed:c2',
      'SyncGroupSent:c2',
      'GroupStateChanged',
      'RebalanceCompleted',
      'PartitionsAssigned:c2',
    ]);
  });
});
