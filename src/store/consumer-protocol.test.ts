import { describe, expect, it } from 'vitest';
import { createSimulation } from '../engine';
import type { DomainEvent, WorldSnapshot } from '../engine/types';
import { asKip848, reconciliationOf } from './consumer-protocol';
import { foldPhases, phaseOf } from './rebalance-phases';
import { selectRequestsInFlight } from './requests';
import { selectConsumers, selectGroup } from './selectors';

/**
 * The consumer protocol (KIP-848) in the store, against the contract the engine will carry:
 * hand-made events and snapshots, since today's engine refuses group.protocol=consumer.
 */
let seq = 0;
const ev = (time: number, body: Record<string, unknown>): DomainEvent => ({ ...body, seq: ++seq, time }) as unknown as DomainEvent;
const consumerGroup = () => 'consumer' as const;

function reconcileStory(): DomainEvent[] {
  return [
    ev(100, { type: 'ConsumerGroupHeartbeatSent', consumerId: 'c2', groupId: 'g', memberEpoch: 0 }),
    ev(102, { type: 'GroupEpochBumped', groupId: 'g', epoch: 2, reason: 'member joined' }),
    ev(102, { type: 'TargetAssignmentComputed', groupId: 'g', epoch: 2, assignment: { c1: ['t-0'], c2: ['t-1'] } }),
    ev(103, { type: 'ConsumerGroupHeartbeatAnswered', consumerId: 'c2', groupId: 'g', memberEpoch: 2, assigned: [] }),
    ev(110, { type: 'PartitionsRevoked', consumerId: 'c1', groupId: 'g', partitions: ['t-1'] }),
    ev(120, { type: 'ConsumerGroupHeartbeatAnswered', consumerId: 'c2', groupId: 'g', memberEpoch: 2, assigned: ['t-1'] }),
    ev(121, { type: 'PartitionsAssigned', consumerId: 'c2', groupId: 'g', partitions: ['t-1'] }),
    ev(121, { type: 'GroupStateChanged', groupId: 'g', from: 'Reconciling', to: 'Stable', generation: 2 }),
  ];
}

describe('consumer protocol: slow-motion phases', () => {
  it('walks epoch, target, revoke, assign, resume: no JoinGroup or SyncGroup', () => {
    const folded = foldPhases({}, reconcileStory(), consumerGroup);
    expect(folded.progress.g).toEqual(['epoch', 'target', 'revoke', 'assign', 'resume']);
    expect(folded.advanced).toBe(5);
    expect(folded.latest).toMatchObject({ groupId: 'g', phase: 'resume', protocol: 'consumer' });
  });

  it('a heartbeat answer alone does not open a story; a new epoch restarts one', () => {
    const answer = ev(50, { type: 'ConsumerGroupHeartbeatAnswered', consumerId: 'c1', groupId: 'g', memberEpoch: 1, assigned: ['t-0'] });
    expect(foldPhases({}, [answer], consumerGroup).advanced).toBe(0);
    const mid = foldPhases({}, reconcileStory().slice(0, 5), consumerGroup).progress;
    expect(mid.g).toEqual(['epoch', 'target', 'revoke']);
    const again = foldPhases(mid, [ev(130, { type: 'GroupEpochBumped', groupId: 'g', epoch: 3, reason: 'member left' })], consumerGroup);
    expect(again.progress.g).toEqual(['epoch']);
  });

  it('classic events of a consumer-protocol group mark nothing; a consumer-only event marks consumer even without the lookup', () => {
    expect(phaseOf(ev(1, { type: 'RebalanceStarted', groupId: 'g', reason: 'member joined', consumerId: null }), consumerGroup)).toBeNull();
    expect(phaseOf(ev(1, { type: 'GroupEpochBumped', groupId: 'g', epoch: 1, reason: 'x' }))).toMatchObject({ phase: 'epoch', protocol: 'consumer' });
  });

  it('leaves classic stories as they were', () => {
    const classic = [
      ev(1, { type: 'RebalanceStarted', groupId: 'g', reason: 'member joined', consumerId: 'c2' }),
      ev(2, { type: 'PartitionsRevoked', consumerId: 'c1', groupId: 'g', partitions: ['t-0'] }),
      ev(3, { type: 'JoinGroupSent', consumerId: 'c1', groupId: 'g', memberId: 'm1' }),
      ev(4, { type: 'AssignmentComputed', groupId: 'g', consumerId: 'c1', assignor: 'range', generation: 2, assignment: {} }),
      ev(5, { type: 'RebalanceCompleted', groupId: 'g', generation: 2 }),
      ev(6, { type: 'PartitionsAssigned', consumerId: 'c1', groupId: 'g', partitions: ['t-0'] }),
    ];
    const folded = foldPhases({}, classic);
    expect(folded.progress.g).toEqual(['learn', 'revoke', 'join', 'assign', 'sync', 'resume']);
    expect(folded.latest?.protocol).toBe('classic');
  });
});

describe('consumer protocol: requests in flight', () => {
  it('a ConsumerGroupHeartbeat is in flight from its send to its answer', () => {
    const story = reconcileStory();
    expect(selectRequestsInFlight(story.slice(0, 1), 101, 'g')).toMatchObject([{ consumerId: 'c2', kind: 'ConsumerGroupHeartbeat' }]);
    expect(selectRequestsInFlight(story.slice(0, 4), 104, 'g')).toEqual([]);
    expect(selectRequestsInFlight(story.slice(0, 1), 101, 'other')).toEqual([]);
    expect(asKip848(story[4]!)).toBeNull();
  });
});

describe('consumer protocol: view models', () => {
  /** Today's snapshot, dressed as the contract says a consumer-protocol group will look. */
  function kip848Snapshot(): WorldSnapshot {
    const sim = createSimulation({ seed: 3 });
    sim.dispatch({ type: 'createTopic', topic: 't', partitions: 2 });
    sim.dispatch({ type: 'addConsumer', id: 'c1', groupId: 'g', subscribe: ['t'] });
    sim.advance(5_000);
    const snap = structuredClone(sim.snapshot());
    const g = snap.groups.g!;
    Object.assign(g, { protocol: 'consumer', state: 'Reconciling', generation: 4, leader: null, assignmentEpoch: 3 });
    Object.assign(g.members[0]!, { memberEpoch: 3, memberState: 'UNREVOKED_PARTITIONS', target: ['t-0'] });
    snap.consumers.c1!.owned = ['t-0', 't-1'];
    return snap;
  }

  it('a member carries its epoch, reconciliation state and what its target adds and takes away', () => {
    const [c1] = selectConsumers(kip848Snapshot(), 'g');
    expect(c1).toMatchObject({ memberEpoch: 3, memberState: 'UNREVOKED_PARTITIONS', target: ['t-0'], toRelease: ['t-1'], toReceive: [] });
  });

  it('the group carries its group epoch and assignment epoch, no leader', () => {
    expect(selectGroup(kip848Snapshot(), 'g')).toMatchObject({ protocol: 'consumer', state: 'Reconciling', generation: 4, assignmentEpoch: 3, leader: null });
  });

  it('under classic the new fields are null and nothing is to reconcile', () => {
    const sim = createSimulation({ seed: 3 });
    sim.dispatch({ type: 'createTopic', topic: 't', partitions: 2 });
    sim.dispatch({ type: 'addConsumer', id: 'c1', groupId: 'g', subscribe: ['t'] });
    sim.advance(5_000);
    const [c1] = selectConsumers(sim.snapshot(), 'g');
    expect(c1).toMatchObject({ memberEpoch: null, memberState: null, target: null, toReceive: [], toRelease: [] });
    expect(selectGroup(sim.snapshot(), 'g').assignmentEpoch).toBeNull();
  });

  it('reconciliationOf: receive what the target adds, release what it drops', () => {
    expect(reconciliationOf(['t-0', 't-2'], ['t-1', 't-0'])).toEqual({ toReceive: ['t-1'], toRelease: ['t-2'] });
    expect(reconciliationOf(['t-0'], null)).toEqual({ toReceive: [], toRelease: [] });
  });
});

describe('consumer protocol: a pattern subscriber in the consumer views', () => {
  it('carries its regex, and says no topic matched until its heartbeats send some', () => {
    const sim = createSimulation({ seed: 5 });
    sim.dispatch({ type: 'createTopic', topic: 'orders', partitions: 2 });
    sim.dispatch({ type: 'addConsumer', id: 'p', groupId: 'g', pattern: 'ord.*', config: { 'group.protocol': 'consumer' } });
    sim.dispatch({ type: 'addConsumer', id: 'l', groupId: 'g', subscribe: ['orders'], config: { 'group.protocol': 'consumer' } });
    const at = (s: WorldSnapshot) => selectConsumers(s, 'g').map((c) => [c.id, c.pattern, c.patternTopics]);
    // subscribe() matched the bootstrap metadata, which has no topics.
    expect(at(sim.snapshot())).toEqual([['p', 'ord.*', []], ['l', null, null]]);
    sim.advance(1_000);
    expect(at(sim.snapshot())).toEqual([['p', 'ord.*', ['orders']], ['l', null, null]]);
  });
});
