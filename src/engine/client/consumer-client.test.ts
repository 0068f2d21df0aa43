import { describe, expect, it } from 'vitest';
import { groupScript, ofType, ownership, play, type Step } from '../testing/play';

const fast = { 'session.timeout.ms': 10_000, 'heartbeat.interval.ms': 1_000 };

describe('poll loop and offsets', () => {
  it('consumes everything the producer writes and lag = logEnd - committed', () => {
    const sim = play(7, groupScript(2, { rate: 100, processingMs: 2 }), 30_000);
    const group = sim.snapshot().groups.g!;
    for (const [partition, o] of Object.entries(group.offsets)) {
      expect(o.lag, partition).toBe(o.logEnd - (o.committed ?? 0));
      expect(o.committed, partition).not.toBeNull();
    }
    const totalEnd = Object.values(sim.snapshot().topics.orders!.partitions).reduce((s, p) => s + p.logEnd, 0);
    expect(totalEnd).toBe(3_000);
    // auto.offset.reset=latest: the group starts at the log end when it first gets each partition.
    expect(group.processed.duplicates).toBe(0);
    expect(group.processed.lost).toBe(0);
    expect(group.processed.records).toBeGreaterThan(2_000);
  });

  it('never returns more than max.poll.records in one poll', () => {
    const config = { 'max.poll.records': 7, 'auto.offset.reset': 'earliest' };
    const sim = play(7, groupScript(1, { rate: 1_000, processingMs: 1, config }), 8_000);
    const fetched = ofType(sim.events(), 'RecordsFetched');
    expect(fetched.length).toBeGreaterThan(10);
    for (const f of fetched) {
      expect(f.count).toBeLessThanOrEqual(7);
      expect(f.ranges.reduce((s, r) => s + r.to - r.from, 0)).toBe(f.count);
    }
  });

  it('auto.offset.reset=earliest starts at the log start, latest at the log end', () => {
    const earliest = play(7, groupScript(1, { config: { 'auto.offset.reset': 'earliest' } }), 6_000);
    const latest = play(7, groupScript(1), 6_000);
    const resetOf = (sim: typeof earliest) => ofType(sim.events(), 'OffsetReset').map((e) => [e.partition, e.offset]);
    expect(resetOf(earliest).every(([, offset]) => offset === 0)).toBe(true);
    expect(resetOf(latest).every(([, offset]) => (offset as number) > 0)).toBe(true);
  });

  it('auto commit: commits every auto.commit.interval.ms from inside poll()', () => {
    const sim = play(7, groupScript(1, { config: { 'auto.commit.interval.ms': 1_000 } }), 20_000);
    const autos = ofType(sim.events(), 'OffsetCommitSent').filter((e) => e.mode === 'auto').map((e) => e.time);
    expect(autos.length).toBeGreaterThanOrEqual(14);
    for (let i = 1; i < autos.length; i++) expect(autos[i]! - autos[i - 1]!).toBeGreaterThanOrEqual(1_000);
  });

  it('commitSync after each batch blocks the loop until the broker answers', () => {
    const sim = play(7, groupScript(1, { commit: 'sync' }), 10_000);
    const commits = ofType(sim.events(), 'OffsetCommitSent');
    expect(commits.length).toBeGreaterThan(0);
    expect(commits.every((c) => c.mode === 'sync')).toBe(true);
    // No fetch happens between a sync commit and its answer.
    const events = sim.events();
    for (const sent of commits) {
      const answer = events.find((e) => e.seq > sent.seq && e.type === 'OffsetCommitted' && e.consumerId === sent.consumerId)!;
      const between = events.filter((e) => e.seq > sent.seq && e.seq < answer.seq && e.type === 'RecordsFetched');
      expect(between).toEqual([]);
    }
  });
});

describe('the truth ledger: duplicates and losses', () => {
  it('a crash after processing, before the auto commit, makes the next owner process records again', () => {
    // Auto commits at 5 s intervals of the consumer's life: the last one before the crash is at 10 s.
    const script: Step[] = [...groupScript(2, { config: fast }), [12_500, { type: 'crashConsumer', id: 'c1' }]];
    const sim = play(7, script, 30_000);
    const { duplicates, lost } = sim.snapshot().groups.g!.processed;
    expect(duplicates).toBeGreaterThan(0);
    expect(lost).toBe(0);
  });

  it('commitSync after every batch leaves at most the crashed batch to repeat', () => {
    const script: Step[] = [...groupScript(2, { config: fast, commit: 'sync' }), [12_500, { type: 'crashConsumer', id: 'c1' }]];
    const autoScript: Step[] = [...groupScript(2, { config: fast }), [12_500, { type: 'crashConsumer', id: 'c1' }]];
    const sync = play(7, script, 30_000).snapshot().groups.g!.processed;
    const auto = play(7, autoScript, 30_000).snapshot().groups.g!.processed;
    expect(sync.duplicates).toBeLessThan(auto.duplicates);
    expect(sync.lost).toBe(0);
  });

  it('committing before processing, then crashing mid-batch, loses records', () => {
    const script: Step[] = [
      ...groupScript(2, { config: fast, commit: 'before-processing', processingMs: 50, rate: 200 }),
      [9_500, { type: 'crashConsumer', id: 'c1' }],
    ];
    const sim = play(7, script, 30_000);
    const { lost } = sim.snapshot().groups.g!.processed;
    expect(lost).toBeGreaterThan(0);
  });

  it('a crash before the first commit, with auto.offset.reset=latest, skips what arrived meanwhile', () => {
    const script: Step[] = [...groupScript(2, { config: fast }), [9_500, { type: 'crashConsumer', id: 'c1' }]];
    const { duplicates, lost } = play(7, script, 30_000).snapshot().groups.g!.processed;
    expect(duplicates).toBe(0);
    expect(lost).toBeGreaterThan(0);
  });

  it('a graceful close commits synchronously first: nothing repeats, nothing is lost', () => {
    const script: Step[] = [...groupScript(2, { config: fast }), [9_500, { type: 'closeConsumer', id: 'c1' }]];
    const { duplicates, lost } = play(7, script, 30_000).snapshot().groups.g!.processed;
    expect(duplicates).toBe(0);
    expect(lost).toBe(0);
  });
});

describe('liveness of the application thread', () => {
  it('a stall longer than max.poll.interval.ms makes the member leave, then rejoin when it polls again', () => {
    const config = { ...fast, 'max.poll.interval.ms': 5_000 };
    const script: Step[] = [...groupScript(2, { config }), [8_000, { type: 'stallConsumer', id: 'c1', ms: 8_000 }]];
    const sim = play(7, script, 25_000);
    const timeout = ofType(sim.events(), 'PollTimeout');
    expect(timeout.map((e) => e.consumerId)).toEqual(['c1']);
    expect(timeout[0]!.time).toBeGreaterThanOrEqual(8_000 + 5_000 - 1_000);
    expect(ofType(sim.events(), 'LeaveGroupSent').map((e) => [e.consumerId, e.reason])).toEqual([
      ['c1', 'consumer poll timeout has expired'],
    ]);
    // It lost its partitions (fenced), not revoked them, and came back as a new member.
    expect(ofType(sim.events(), 'PartitionsLost').map((e) => e.consumerId)).toEqual(['c1']);
    expect(sim.snapshot().groups.g!.members).toHaveLength(2);
    expect(ownership(sim)).toEqual({ c1: ['orders-0', 'orders-1'], c2: ['orders-2', 'orders-3'] });
  });

  it('a short stall keeps heartbeats going and triggers nothing', () => {
    const script: Step[] = [...groupScript(2, { config: fast }), [8_000, { type: 'stallConsumer', id: 'c1', ms: 4_000 }]];
    const sim = play(7, script, 11_000);
    expect(sim.snapshot().consumers.c1!.status).toBe('stalled');
    expect(ofType(sim.events(), 'HeartbeatSent').filter((e) => e.consumerId === 'c1' && e.time > 8_000).length).toBeGreaterThanOrEqual(2);
    expect(sim.snapshot().groups.g!.rebalances).toBe(1);
    const after = play(7, script, 13_000);
    expect(after.snapshot().consumers.c1!.status).toBe('running');
  });

  it('a restarted consumer joins again as a new member', () => {
    const script: Step[] = [
      ...groupScript(2, { config: fast }),
      [8_000, { type: 'crashConsumer', id: 'c1' }],
      [9_000, { type: 'restartConsumer', id: 'c1' }],
    ];
    const sim = play(7, script, 40_000);
    const members = sim.snapshot().groups.g!.members;
    expect(members.map((m) => m.consumerId).sort()).toEqual(['c1', 'c2']);
    expect(sim.snapshot().consumers.c1!.status).toBe('running');
    expect(Object.values(ownership(sim)).flat()).toHaveLength(4);
  });
});

describe('standalone consumers (assign)', () => {
  it('read their partitions with no group membership and commit with generation -1', () => {
    const script: Step[] = [
      [0, { type: 'createTopic', topic: 'orders', partitions: 4 }],
      [0, { type: 'setProducer', topic: 'orders', rate: 100 }],
      [0, { type: 'addConsumer', id: 's', groupId: 'audit', assign: ['orders-1'], config: { 'auto.offset.reset': 'earliest' } }],
    ];
    const sim = play(7, script, 12_000);
    const snap = sim.snapshot();
    expect(snap.consumers.s!.owned).toEqual(['orders-1']);
    expect(snap.groups.audit!.members).toEqual([]);
    expect(snap.groups.audit!.offsets['orders-1']!.committed).toBeGreaterThan(0);
    expect(ofType(sim.events(), 'JoinGroupSent')).toEqual([]);
  });
});

describe('determinism', () => {
  const script: Step[] = [
    ...groupScript(3, { config: fast, rate: 250 }),
    [9_000, { type: 'crashConsumer', id: 'c2' }],
    [12_000, { type: 'addConsumer', id: 'c4', groupId: 'g', subscribe: ['orders'] }],
    [15_000, { type: 'stallConsumer', id: 'c1', ms: 2_000 }],
  ];

  it('replays bit for bit: same seed and commands give the same hash and events', () => {
    const a = play(11, script, 40_000);
    const b = play(11, script, 40_000);
    expect(a.hash()).toBe(b.hash());
    expect(a.events()).toEqual(b.events());
    expect(a.snapshot()).toEqual(b.snapshot());
  });

  it('a different seed gives different member ids, so a different state', () => {
    expect(play(11, script, 40_000).hash()).not.toBe(play(12, script, 40_000).hash());
  });

  it('advancing in many small steps equals one big step', () => {
    const whole = play(11, script, 40_000);
    const steps = play(11, script, 15_000);
    for (let i = 0; i < 250; i++) steps.advance(100);
    expect(steps.hash()).toBe(whole.hash());
  });

  it('snapshot() is plain JSON data', () => {
    const snap = play(11, script, 20_000).snapshot();
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
    expect(structuredClone(snap)).toEqual(snap);
  });

  it('events are stamped in order: seq increases by one, time never goes back', () => {
    const events = play(11, script, 20_000).events();
    for (let i = 1; i < events.length; i++) {
      expect(events[i]!.seq).toBe(events[i - 1]!.seq + 1);
      expect(events[i]!.time).toBeGreaterThanOrEqual(events[i - 1]!.time);
    }
    const sim = play(11, script, 20_000);
    const last = sim.events().at(-1)!.seq;
    expect(sim.events(last - 3).map((e) => e.seq)).toEqual([last - 2, last - 1, last]);
  });
});

describe('poll timeout edge cases', () => {
  it('an idle consumer (no data for longer than max.poll.interval.ms) that then stalls briefly is not timed out', () => {
    const config = { 'max.poll.interval.ms': 5_000 };
    const script: Step[] = [
      [0, { type: 'createTopic', topic: 'orders', partitions: 2 }],
      [0, { type: 'addConsumer', id: 'c1', groupId: 'g', subscribe: ['orders'], config }],
      [20_000, { type: 'stallConsumer', id: 'c1', ms: 1_000 }],
    ];
    const sim = play(7, script, 30_000);
    expect(ofType(sim.events(), 'PollTimeout')).toEqual([]);
  });
});
