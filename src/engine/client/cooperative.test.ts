/**
 * Cooperative rebalancing (KIP-429), the seed's comparison with eager: members keep what they
 * keep and go on consuming it; a partition that moves is revoked in one rebalance and handed
 * out in the next, so it never has two owners.
 */
import { describe, expect, it } from 'vitest';
import { ofType, ownership, play, type Step } from '../testing/play';

const config = (strategy: string) => ({ 'session.timeout.ms': 10_000, 'heartbeat.interval.ms': 1_000, 'partition.assignment.strategy': strategy });
const scaleOut = (strategy: string): Step[] => [
  [0, { type: 'createTopic', topic: 'orders', partitions: 6 }],
  [0, { type: 'setProducer', topic: 'orders', rate: 300 }],
  ...['c1', 'c2'].map((id): Step => [0, { type: 'addConsumer', id, groupId: 'g', subscribe: ['orders'], config: config(strategy), processingMs: 2 }]),
  [10_000, { type: 'addConsumer', id: 'c3', groupId: 'g', subscribe: ['orders'], config: config(strategy), processingMs: 2 }],
];

describe('cooperative rebalancing', () => {
  it('a join takes two rebalances: the first revokes only what moves, the second hands it out', () => {
    const sim = play(7, scaleOut('cooperative-sticky'), 16_000);
    const group = sim.snapshot().groups.g!;
    expect(group.protocol).toBe('cooperative');
    expect(group.assignor).toBe('cooperative-sticky');
    const completed = ofType(sim.events(), 'RebalanceCompleted').filter((e) => e.time >= 10_000);
    expect(completed).toHaveLength(2);
    // Each old member gave up exactly one partition; nobody gave up everything.
    const revoked = ofType(sim.events(), 'PartitionsRevoked').filter((e) => e.time >= 10_000);
    expect(revoked.map((e) => [e.consumerId, e.partitions.length]).sort()).toEqual([['c1', 1], ['c2', 1]]);
    expect(Object.values(ownership(sim)).map((p) => p.length)).toEqual([2, 2, 2]);
  });

  it('partitions that stay with their owner never stop being consumed', () => {
    const sim = play(7, scaleOut('cooperative-sticky'), 16_000);
    const started = ofType(sim.events(), 'RebalanceStarted').find((e) => e.time >= 10_000)!.time;
    const done = ofType(sim.events(), 'RebalanceCompleted').filter((e) => e.time >= 10_000).at(-1)!.time;
    const kept = ownership(sim).c1!.filter((p) => ownership(play(7, scaleOut('cooperative-sticky').slice(0, -1), 9_000)).c1!.includes(p));
    expect(kept.length).toBe(2);
    const during = ofType(sim.events(), 'RecordsProcessed').filter((e) => e.consumerId === 'c1' && e.time > started && e.time < done);
    const partitionsDuring = new Set(during.flatMap((e) => e.ranges.map((r) => r.partition)));
    for (const p of kept) expect(partitionsDuring.has(p), `${p} consumed during the rebalance`).toBe(true);
  });

  it('under eager the same join stops the whole group: everything is revoked', () => {
    const sim = play(7, scaleOut('range'), 16_000);
    expect(sim.snapshot().groups.g!.protocol).toBe('eager');
    const revoked = ofType(sim.events(), 'PartitionsRevoked').filter((e) => e.time >= 10_000);
    expect(revoked.map((e) => [e.consumerId, e.partitions.length]).sort()).toEqual([['c1', 3], ['c2', 3]]);
    expect(ofType(sim.events(), 'RebalanceCompleted').filter((e) => e.time >= 10_000)).toHaveLength(1);
  });

  it('no partition is owned by two consumers at any instant of the two rebalances', () => {
    const sim = play(7, scaleOut('cooperative-sticky').slice(0, -1), 10_000);
    sim.dispatch(scaleOut('cooperative-sticky').at(-1)![1]);
    for (let t = 0; t < 6_000; t += 5) {
      sim.advance(5);
      const owners = new Map<string, string>();
      for (const [id, c] of Object.entries(sim.snapshot().consumers)) {
        for (const p of c.owned) {
          expect(owners.get(p), `${p} at ${sim.now} ms`).toBeUndefined();
          owners.set(p, id);
        }
      }
    }
  });

  it('a crash under cooperative: the dead member’s partitions go to the others, who keep their own', () => {
    const script: Step[] = [...scaleOut('cooperative-sticky'), [20_000, { type: 'crashConsumer', id: 'c2' }]];
    const before = ownership(play(7, script.slice(0, -1), 19_000));
    const sim = play(7, script, 40_000);
    const after = ownership(sim);
    expect(after.c2).toEqual([]);
    for (const id of ['c1', 'c3']) for (const p of before[id]!) expect(after[id]).toContain(p);
    expect([...after.c1!, ...after.c3!].sort()).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3', 'orders-4', 'orders-5']);
    // Survivors revoke nothing: they only gain.
    expect(ofType(sim.events(), 'PartitionsRevoked').filter((e) => e.time >= 20_000)).toEqual([]);
  });

  it('a listener that commits on revoke commits exactly the revoked partitions before giving them up', () => {
    const script = scaleOut('cooperative-sticky').map(([at, c]): Step => [at, c.type === 'addConsumer' ? { ...c, onRevoked: 'commit', commit: 'async' } : c]);
    const sim = play(7, script, 16_000);
    for (const revoke of ofType(sim.events(), 'PartitionsRevoked').filter((e) => e.time >= 10_000)) {
      const sync = ofType(sim.events(), 'OffsetCommitSent').filter((e) => e.consumerId === revoke.consumerId && e.mode === 'sync' && e.seq < revoke.seq).at(-1)!;
      expect(Object.keys(sync.offsets)).toEqual(revoke.partitions);
    }
  });
});

describe('the cooperative join runs in the application thread', () => {
  // Backlogged members (10 records a poll, 60 ms each): poll() comes every 600 ms.
  const slow = { ...config('cooperative-sticky'), 'enable.auto.commit': false, 'max.poll.records': 10 };
  const script: Step[] = [
    [0, { type: 'createTopic', topic: 'orders', partitions: 4 }],
    [0, { type: 'setProducer', topic: 'orders', rate: 40 }],
    ...['c1', 'c2'].map((id): Step => [0, { type: 'addConsumer', id, groupId: 'g', subscribe: ['orders'], config: slow, processingMs: 60, commit: 'sync' }]),
    [10_000, { type: 'addConsumer', id: 'c3', groupId: 'g', subscribe: ['orders'], config: slow, processingMs: 60, commit: 'sync' }],
  ];

  it('a JoinGroup answer that comes mid-batch is handled at the next poll(), so the member syncs a batch later', () => {
    const sim = play(7, script, 16_000);
    const events = sim.events().filter((e) => e.time >= 10_000);
    for (const id of ['c1', 'c2']) {
      const completed = ofType(events, 'JoinGroupCompleted').find((e) => e.consumerId === id)!;
      const fetched = ofType(events, 'RecordsFetched').filter((e) => e.consumerId === id);
      // The answer is taken in a poll(): the same instant as a fetch returning records, never mid-batch.
      expect(fetched.some((f) => f.time === completed.time), `${id} joined at ${completed.time}`).toBe(true);
    }
  });

  it('meanwhile its commitSync after a batch fails with RebalanceInProgressException: the join is answered but not yet handled', () => {
    const sim = play(7, script, 16_000);
    const events = sim.events().filter((e) => e.time >= 10_000);
    const answered = ofType(events, 'GroupStateChanged').find((e) => e.to === 'CompletingRebalance')!.time;
    const refusedWhileAnswered = ['c1', 'c2'].flatMap((id) => {
      const handled = ofType(events, 'JoinGroupCompleted').find((e) => e.consumerId === id)!.time;
      return ofType(events, 'OffsetCommitRefused').filter((e) => e.consumerId === id && e.time > answered && e.time <= handled);
    });
    expect(refusedWhileAnswered.length).toBeGreaterThan(0);
    expect(new Set(refusedWhileAnswered.map((e) => e.exception))).toEqual(new Set(['RebalanceInProgressException']));
  });
});
