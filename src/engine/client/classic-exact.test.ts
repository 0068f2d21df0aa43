/**
 * The classic protocol as Kafka's ConsumerCoordinator and GroupMetadataManager run it, told
 * as the seed's stories: metadata that arrives late, changes that arrive mid-join, commits
 * outside a generation, fatal errors, the zombie batch, static members.
 */
import { describe, expect, it } from 'vitest';
import { groupScript, ofType, ownership, play, type Step } from '../testing/play';
import { commitGeneration } from './membership/generation';
import { resolveConsumerConfig } from './config';
import { newClassicMembership } from './membership/classic';

const fast = { 'session.timeout.ms': 10_000, 'heartbeat.interval.ms': 1_000 };

describe('metadata reaches clients on refresh, not at once', () => {
  const grow: Step[] = [...groupScript(2), [8_000, { type: 'addPartitions', topic: 'orders', partitions: 6 }]];

  it('with the default metadata.max.age.ms (5 min) new partitions wait for the leader’s next refresh', () => {
    const minute = play(6, grow, 60_000);
    expect(minute.snapshot().groups.g!.generation).toBe(1);
    expect(Object.values(ownership(minute)).flat()).toHaveLength(4);
    const later = play(6, grow, 300_000 + 4_000);
    expect(later.snapshot().groups.g!.generation).toBe(2);
    expect(Object.values(ownership(later)).flat()).toHaveLength(6);
  }, 60_000);

  it('a shorter metadata.max.age.ms brings them sooner', () => {
    const sim = play(6, [...groupScript(2, { config: { 'metadata.max.age.ms': 10_000 } }), grow.at(-1)!], 14_000);
    expect(sim.snapshot().groups.g!.generation).toBe(2);
    const refreshed = ofType(sim.events(), 'MetadataRefreshed').filter((e) => e.consumerId === 'c1').map((e) => e.time);
    expect(refreshed).toEqual([0, 10_000]);
  });

  it('only the leader watches partition counts: a follower’s refresh changes nothing', () => {
    const sim = play(6, [...grow, [9_000, { type: 'refreshMetadata', id: 'c2' }]], 15_000);
    expect(sim.snapshot().groups.g!.leader).toBe('c1');
    expect(sim.snapshot().groups.g!.generation).toBe(1);
  });

  it('a topic created after a member subscribed to it is assigned once the leader refreshes', () => {
    const script: Step[] = [
      [0, { type: 'addConsumer', id: 'c1', groupId: 'g', subscribe: ['late'] }],
      [5_000, { type: 'createTopic', topic: 'late', partitions: 2 }],
      [6_000, { type: 'refreshMetadata', id: 'c1' }],
    ];
    expect(ownership(play(6, script.slice(0, 2), 5_900)).c1).toEqual([]);
    expect(ownership(play(6, script, 7_000)).c1).toEqual(['late-0', 'late-1']);
  });

  it('refreshMetadata of an unknown or stopped consumer is refused', () => {
    const sim = play(6, groupScript(1), 5_000);
    expect(() => sim.dispatch({ type: 'refreshMetadata', id: 'nobody' })).toThrow("unknown consumer 'nobody'");
    sim.dispatch({ type: 'crashConsumer', id: 'c1' });
    expect(() => sim.dispatch({ type: 'refreshMetadata', id: 'c1' })).toThrow("consumer 'c1' is crashed, not running");
  });
});

describe('a change that arrives while a member is joining is not lost (rejoinNeededOrPending)', () => {
  it('a regex that matches a new topic mid-join rejoins as soon as the join is done', () => {
    const script: Step[] = [
      [0, { type: 'createTopic', topic: 'test-a', partitions: 2 }],
      [0, { type: 'addConsumer', id: 'c1', groupId: 'g', pattern: 'test.*' }],
      // The first rebalance waits group.initial.rebalance.delay.ms (3 s): c1 is joining.
      [1_000, { type: 'createTopic', topic: 'test-b', partitions: 2 }],
      [1_000, { type: 'refreshMetadata', id: 'c1' }],
    ];
    const sim = play(6, script, 6_000);
    const group = sim.snapshot().groups.g!;
    expect(group.generation).toBe(2);
    expect(ownership(sim).c1).toEqual(['test-a-0', 'test-a-1', 'test-b-0', 'test-b-1']);
    expect(ofType(sim.events(), 'RebalanceStarted').map((e) => e.reason)).toEqual(['member joined', 'subscription changed']);
  });

  it('partitions added while the leader syncs: the leader rejoins after the join', () => {
    const dry = play(6, groupScript(2), 8_000);
    // The instant the leader computed generation 1's assignment: it now waits for SyncGroup.
    const assigned = ofType(dry.events(), 'AssignmentComputed')[0]!.time;
    const script: Step[] = [
      ...groupScript(2),
      [assigned, { type: 'addPartitions', topic: 'orders', partitions: 6 }],
      [assigned, { type: 'refreshMetadata', id: 'c1' }],
    ];
    const sim = play(6, script, assigned + 5_000);
    expect(ofType(sim.events(), 'PartitionsAssigned').some((e) => e.time > assigned)).toBe(true);
    expect(sim.snapshot().groups.g!.generation).toBe(2);
    expect(ofType(sim.events(), 'RebalanceStarted').at(-1)!.reason).toBe('leader rejoined');
    expect(Object.values(ownership(sim)).flat().sort()).toHaveLength(6);
  });
});

/** A batch far longer than max.poll.interval.ms: 50 records at 300 ms, read from a full log. */
const slow = { ...fast, 'max.poll.interval.ms': 6_000, 'max.poll.records': 50, 'auto.offset.reset': 'earliest' };

describe('commits outside a stable generation fail in the client, nothing is sent', () => {
  it('the zombie’s commitSync after max.poll.interval.ms throws CommitFailedException and the offset stays', () => {
    const sim = play(6, groupScript(2, { config: slow, commit: 'sync', processingMs: 300 }), 40_000);
    const timeout = ofType(sim.events(), 'PollTimeout')[0]!;
    expect(timeout).toBeDefined();
    const refused = ofType(sim.events(), 'OffsetCommitRefused').filter((e) => e.consumerId === timeout.consumerId);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.exception).toBe('CommitFailedException');
    expect(refused[0]!.time).toBeGreaterThan(timeout.time);
    // Nothing went on the wire for it: its last sent commit is from before the timeout.
    const sent = ofType(sim.events(), 'OffsetCommitSent').filter((e) => e.consumerId === timeout.consumerId);
    expect(sent.filter((e) => e.time > timeout.time && e.time <= refused[0]!.time)).toEqual([]);
  });

  it('the rule itself: stable commits, joining or syncing is a rebalance in progress, left or fenced is a failed commit', () => {
    const m = { ...newClassicMembership({ config: resolveConsumerConfig(undefined).resolved }), memberId: 'c1-x', generation: 3 };
    expect(commitGeneration({ ...m, phase: 'stable' })).toEqual({ memberId: 'c1-x', generation: 3 });
    expect(commitGeneration({ ...m, phase: 'joining' })).toBe('RebalanceInProgressException');
    expect(commitGeneration({ ...m, phase: 'syncing' })).toBe('RebalanceInProgressException');
    expect(commitGeneration({ ...m, phase: 'none' })).toBe('CommitFailedException');
    expect(commitGeneration({ ...m, phase: 'stable', fenced: true })).toBe('CommitFailedException');
    expect(commitGeneration({ groupProtocol: 'none' })).toEqual({ memberId: null, generation: -1 });
  });
});

describe('the zombie of the seed: a member that left still finishes its batch', () => {
  it('shows the batch in progress as the zombie’s, not as owned, then reports the partitions lost', () => {
    const script = groupScript(2, { config: slow, processingMs: 300 });
    const timeout = ofType(play(6, script, 40_000).events(), 'PollTimeout')[0]!;
    const sim = play(6, script, timeout.time + 100);
    const zombie = sim.snapshot().consumers[timeout.consumerId]!;
    expect(zombie.owned).toEqual([]);
    expect(zombie.zombie).not.toBeNull();
    expect(zombie.zombie!.partitions.length).toBeGreaterThan(0);
    expect(zombie.zombie!.endsAt).toBeGreaterThan(timeout.time);
    // It is no member of the group's generation any more.
    expect(sim.snapshot().groups.g!.members.map((m) => m.consumerId)).not.toContain(timeout.consumerId);
    const later = play(6, script, zombie.zombie!.endsAt + 50);
    expect(ofType(later.events(), 'PartitionsLost').some((e) => e.consumerId === timeout.consumerId)).toBe(true);
  });
});

describe('fatal errors stop the consumer visibly', () => {
  it('INCONSISTENT_GROUP_PROTOCOL: a member that shares no assignor with the group fails', () => {
    const script: Step[] = [
      ...groupScript(1),
      [5_000, { type: 'addConsumer', id: 'rr', groupId: 'g', subscribe: ['orders'], config: { 'partition.assignment.strategy': 'roundrobin' } }],
    ];
    const sim = play(6, script, 6_000);
    expect(sim.snapshot().consumers.rr!.status).toBe('failed');
    const failed = ofType(sim.events(), 'ConsumerFailed');
    expect(failed.map((e) => [e.consumerId, e.exception])).toEqual([['rr', 'InconsistentGroupProtocolException']]);
    expect(sim.snapshot().groups.g!.members.map((m) => m.consumerId)).toEqual(['c1']);
    // It can be restarted like any stopped consumer.
    expect(() => sim.dispatch({ type: 'restartConsumer', id: 'rr' })).not.toThrow();
  });

  it('INVALID_SESSION_TIMEOUT: session.timeout.ms outside the broker’s bounds fails the JoinGroup', () => {
    const sim = play(6, groupScript(1, { config: { 'session.timeout.ms': 5_000, 'heartbeat.interval.ms': 1_000 } }), 2_000);
    expect(sim.snapshot().consumers.c1!.status).toBe('failed');
    expect(ofType(sim.events(), 'JoinGroupFailed').map((e) => e.error)).toEqual(['INVALID_SESSION_TIMEOUT']);
    expect(ofType(sim.events(), 'ConsumerFailed')[0]!.exception).toBe('InvalidSessionTimeoutException');
  });

  it('a standalone consumer is not bound by the broker’s session-timeout bounds', () => {
    const script: Step[] = [
      [0, { type: 'createTopic', topic: 'orders', partitions: 2 }],
      [0, { type: 'setProducer', topic: 'orders', rate: 20 }],
      [0, { type: 'addConsumer', id: 'solo', assign: ['orders-0'], config: { 'session.timeout.ms': 2_000, 'heartbeat.interval.ms': 500 } }],
    ];
    const sim = play(6, script, 5_000);
    expect(sim.snapshot().consumers.solo!.status).toBe('running');
    expect(sim.snapshot().consumers.solo!.position['orders-0']).toBeGreaterThan(0);
  });

  it('auto.offset.reset=none with no committed offset fails with NoOffsetForPartitionException', () => {
    const sim = play(6, groupScript(1, { config: { 'auto.offset.reset': 'none' } }), 5_000);
    expect(sim.snapshot().consumers.c1!.status).toBe('failed');
    expect(ofType(sim.events(), 'ConsumerFailed')[0]!.exception).toBe('NoOffsetForPartitionException');
  });
});

describe('the coordinator’s timing rules', () => {
  it('group.initial.rebalance.delay.ms is waited in full, even past a shorter rebalance timeout', () => {
    const config = { ...fast, 'max.poll.interval.ms': 1_000 };
    const early = play(6, groupScript(1, { config }), 2_500);
    expect(early.snapshot().groups.g!.state).toBe('PreparingRebalance');
    const after = play(6, groupScript(1, { config }), 3_100);
    expect(after.snapshot().groups.g!.state).toBe('Stable');
  });

  it('heartbeats start with the JoinGroup response, before the member has synced', () => {
    const sim = play(6, groupScript(1, { config: fast }), 6_000);
    const joined = ofType(sim.events(), 'JoinGroupCompleted')[0]!;
    const firstBeat = ofType(sim.events(), 'HeartbeatSent')[0]!;
    expect(firstBeat.time).toBe(joined.time + 1_000);
  });
});

describe('static members', () => {
  const staticConfig = (id: string) => ({ 'group.instance.id': id, 'session.timeout.ms': 20_000 });
  const script: Step[] = [
    [0, { type: 'createTopic', topic: 'orders', partitions: 4 }],
    [0, { type: 'addConsumer', id: 'c1', groupId: 'g', subscribe: ['orders'], config: staticConfig('i1') }],
    [0, { type: 'addConsumer', id: 'c2', groupId: 'g', subscribe: ['orders'], config: staticConfig('i2') }],
  ];

  it('a static leader that rejoins with its known member id forces a rebalance and keeps its id', () => {
    const before = play(6, script, 8_000);
    const idBefore = before.snapshot().consumers.c1!.memberId;
    const sim = play(6, [...script, [8_000, { type: 'addPartitions', topic: 'orders', partitions: 6 }], [9_000, { type: 'refreshMetadata', id: 'c1' }]], 13_000);
    expect(sim.snapshot().groups.g!.generation).toBe(2);
    expect(sim.snapshot().consumers.c1!.memberId).toBe(idBefore);
    expect(Object.values(ownership(sim)).flat()).toHaveLength(6);
  });

  it('a restart (unknown member id, same instance id) replaces the member without a rebalance', () => {
    const sim = play(6, [...script, [8_000, { type: 'crashConsumer', id: 'c2' }], [10_000, { type: 'restartConsumer', id: 'c2' }]], 12_000);
    expect(sim.snapshot().groups.g!.generation).toBe(1);
    expect(ownership(sim)).toEqual({ c1: ['orders-0', 'orders-1'], c2: ['orders-2', 'orders-3'] });
  });
});

describe("commit 'every-n': commitAsync(currentOffsets) every N records, the seed's example", () => {
  const script = (n: number, processingMs = 10): Step[] => [
    ...groupScript(1, { config: { ...fast, 'auto.offset.reset': 'earliest', 'max.poll.records': 100 }, processingMs, rate: 200 }).map(
      ([at, c]): Step => [at, c.type === 'addConsumer' ? { ...c, commit: 'every-n', commitEveryRecords: n } : c],
    ),
  ];

  it('commits after records 0, N, 2N, ... of the consumer, in the middle of batches', () => {
    // The producer stops at 10 s; by 20 s every record is processed and no batch is in flight.
    const sim = play(6, [...script(25, 4), [10_000, { type: 'setProducer', topic: 'orders', rate: 0 }]], 20_000);
    expect(sim.snapshot().consumers.c1!.processing).toBeNull();
    const commits = ofType(sim.events(), 'OffsetCommitSent');
    expect(commits.length).toBeGreaterThan(5);
    expect(commits.every((e) => e.mode === 'async')).toBe(true);
    const processed = ofType(sim.events(), 'RecordsProcessed').reduce((s, e) => s + e.count, 0);
    // One commit per N records (the first after record 0).
    expect(commits.length).toBe(Math.floor((processed - 1) / 25) + 1);
    // A commit falls inside a batch: between a fetch and the end of its processing.
    const fetched = ofType(sim.events(), 'RecordsFetched').filter((e) => e.count > 25);
    expect(fetched.length).toBeGreaterThan(0);
    const batch = fetched[0]!;
    const inside = commits.filter((e) => e.time > batch.time && e.time < batch.time + batch.count * 4);
    expect(inside.length).toBeGreaterThan(0);
  });

  it('a crash repeats at most the records since the last commit point', () => {
    const crashAt = 9_000;
    const sim = play(6, [...script(20), [crashAt, { type: 'crashConsumer', id: 'c1' }], [crashAt + 100, { type: 'addConsumer', id: 'c2', groupId: 'g', subscribe: ['orders'], config: { ...fast } }]], 30_000);
    const duplicates = sim.snapshot().groups.g!.processed.duplicates;
    expect(duplicates).toBeLessThanOrEqual(20);
  });

  it('refuses commitEveryRecords without every-n, and a bad count', () => {
    const sim = play(6, groupScript(0), 0);
    expect(() => sim.dispatch({ type: 'addConsumer', id: 'x', groupId: 'g', subscribe: ['orders'], commitEveryRecords: 10 })).toThrow("commitEveryRecords goes with commit 'every-n'");
    expect(() => sim.dispatch({ type: 'addConsumer', id: 'x', groupId: 'g', subscribe: ['orders'], commit: 'every-n', commitEveryRecords: 0 })).toThrow(/commitEveryRecords must be an integer from 1/);
  });
});

describe('the rebalance listener: onPartitionsRevoked commits, or not', () => {
  const config = { ...fast, 'enable.auto.commit': false };
  const script = (onRevoked: 'commit' | 'nothing'): Step[] => [
    [0, { type: 'createTopic', topic: 'orders', partitions: 4 }],
    [0, { type: 'setProducer', topic: 'orders', rate: 100 }],
    ...['c1', 'c2'].map((id): Step => [0, { type: 'addConsumer', id, groupId: 'g', subscribe: ['orders'], config, processingMs: 5, commit: 'async', onRevoked }]),
    [8_000, { type: 'addConsumer', id: 'c3', groupId: 'g', subscribe: ['orders'], config, processingMs: 5, commit: 'async', onRevoked }],
  ];

  it('with a committing listener, every revoke is preceded by a commitSync of what was processed', () => {
    const sim = play(6, script('commit'), 14_000);
    const events = sim.events();
    const revokes = ofType(events, 'PartitionsRevoked').filter((e) => e.time >= 8_000);
    expect(revokes.length).toBe(2);
    for (const revoke of revokes) {
      const sync = ofType(events, 'OffsetCommitSent').filter((e) => e.consumerId === revoke.consumerId && e.mode === 'sync' && e.seq < revoke.seq);
      expect(sync.length).toBeGreaterThan(0);
    }
  });

  it('without one, no commit goes out on revoke (async commits only)', () => {
    const sim = play(6, script('nothing'), 14_000);
    expect(ofType(sim.events(), 'OffsetCommitSent').filter((e) => e.mode === 'sync')).toEqual([]);
  });
});

describe('the rebalance timeout (the largest max.poll.interval.ms of the group)', () => {
  const config = { 'session.timeout.ms': 30_000, 'heartbeat.interval.ms': 1_000, 'max.poll.interval.ms': 10_000 };
  const three = (): Step[] => [
    ...groupScript(2, { config }),
    [8_000, { type: 'addConsumer', id: 'c3', groupId: 'g', subscribe: ['orders'], config }],
  ];

  it('a member that does not rejoin in time is removed when the join phase ends', () => {
    // c1 dies the instant the rebalance starts: its session (30 s) outlasts the rebalance timeout (10 s).
    const dry = play(6, three(), 9_000);
    const started = ofType(dry.events(), 'RebalanceStarted').find((e) => e.time >= 8_000)!.time;
    const sim = play(6, [...three(), [started, { type: 'crashConsumer', id: 'c1' }]], started + 12_000);
    const removed = ofType(sim.events(), 'MemberRemoved').find((e) => e.consumerId === 'c1')!;
    expect(removed.reason).toBe('did not rejoin before the rebalance timeout');
    expect(removed.time).toBeGreaterThanOrEqual(started + 10_000);
    expect(removed.time).toBeLessThan(started + 10_100);
    expect(ofType(sim.events(), 'SessionTimeout')).toEqual([]);
    expect(sim.snapshot().groups.g!.members.map((m) => m.consumerId).sort()).toEqual(['c2', 'c3']);
  });

  it('a member that does not send SyncGroup in time is removed and the group rebalances again', () => {
    // c3 dies while the coordinator's JoinGroup answer is on its way: it never syncs.
    const dry = play(6, three(), 12_000);
    const completing = ofType(dry.events(), 'GroupStateChanged').find((e) => e.to === 'CompletingRebalance' && e.time >= 8_000)!;
    const sim = play(6, [...three(), [completing.time, { type: 'crashConsumer', id: 'c3' }]], completing.time + 12_000);
    const removed = ofType(sim.events(), 'MemberRemoved').find((e) => e.consumerId === 'c3')!;
    expect(removed.reason).toBe('did not send SyncGroup before the rebalance timeout');
    expect(ofType(sim.events(), 'RebalanceStarted').at(-1)!.reason).toBe('sync timeout');
    expect(sim.snapshot().groups.g!.state).toBe('Stable');
  });

  it('when the leader leaves, another member becomes leader', () => {
    const before = play(6, groupScript(2, { config }), 8_000);
    expect(before.snapshot().groups.g!.leader).toBe('c1');
    const sim = play(6, [...groupScript(2, { config }), [8_000, { type: 'closeConsumer', id: 'c1' }]], 12_000);
    expect(sim.snapshot().groups.g!.leader).toBe('c2');
    expect(ofType(sim.events(), 'AssignmentComputed').at(-1)!.consumerId).toBe('c2');
  });
});

describe('assignors from the registry, picked by the group’s vote', () => {
  const grow = (strategy: string): Step[] => [
    [0, { type: 'createTopic', topic: 'orders', partitions: 12 }],
    ...['c1', 'c2', 'c3'].map((id): Step => [0, { type: 'addConsumer', id, groupId: 'g', subscribe: ['orders'], config: { 'partition.assignment.strategy': strategy } }]),
    [10_000, { type: 'addConsumer', id: 'c4', groupId: 'g', subscribe: ['orders'], config: { 'partition.assignment.strategy': strategy } }],
  ];
  const moved = (strategy: string) => {
    const before = ownership(play(6, grow(strategy).slice(0, -1), 9_000));
    const after = ownership(play(6, grow(strategy), 16_000));
    return Object.entries(before).reduce((n, [id, parts]) => n + parts.filter((p) => !after[id]!.includes(p)).length, 0);
  };

  it('the eager sticky assignor keeps what each member had (its user data); range moves more', () => {
    expect(moved('sticky')).toBe(3); // only what the newcomer needs: 12/4 = 3
    expect(moved('range')).toBeGreaterThan(3);
    const sim = play(6, grow('sticky'), 16_000);
    expect(sim.snapshot().groups.g!.assignor).toBe('sticky');
    expect(Object.values(ownership(sim)).map((p) => p.length)).toEqual([3, 3, 3, 3]);
  });

  it('the default list [range, cooperative-sticky] runs eager with range; the JoinGroup lists both', () => {
    const sim = play(6, groupScript(2), 8_000);
    expect(sim.snapshot().groups.g!.assignor).toBe('range');
    expect(sim.snapshot().groups.g!.protocol).toBe('eager');
  });

  it('the vote: each member votes for its first assignor that all support; the most votes win', () => {
    const config = (list: string) => ({ 'partition.assignment.strategy': list });
    const script: Step[] = [
      [0, { type: 'createTopic', topic: 'orders', partitions: 4 }],
      [0, { type: 'addConsumer', id: 'c1', groupId: 'g', subscribe: ['orders'], config: config('range,roundrobin') }],
      [0, { type: 'addConsumer', id: 'c2', groupId: 'g', subscribe: ['orders'], config: config('roundrobin,range') }],
      [0, { type: 'addConsumer', id: 'c3', groupId: 'g', subscribe: ['orders'], config: config('roundrobin,sticky,range') }],
    ];
    expect(play(6, script, 10_000).snapshot().groups.g!.assignor).toBe('roundrobin');
  });

  it('a tied vote goes to the first name in Java HashMap order (sticky before range), not the first alphabetically', () => {
    const config = (list: string) => ({ 'partition.assignment.strategy': list });
    const tie = (a: string, b: string): Step[] => [
      [0, { type: 'createTopic', topic: 'orders', partitions: 4 }],
      [0, { type: 'addConsumer', id: 'c1', groupId: 'g', subscribe: ['orders'], config: config(`${a},${b}`) }],
      [0, { type: 'addConsumer', id: 'c2', groupId: 'g', subscribe: ['orders'], config: config(`${b},${a}`) }],
    ];
    // String.hashCode buckets in a 16-slot table: sticky 8, range 9, cooperative-sticky 15.
    expect(play(6, tie('range', 'sticky'), 10_000).snapshot().groups.g!.assignor).toBe('sticky');
    expect(play(6, tie('cooperative-sticky', 'range'), 10_000).snapshot().groups.g!.assignor).toBe('range');
  });
});
