import { describe, expect, it } from 'vitest';
import type { DomainEvent, DomainEventBody } from '../../engine/types';
import { describeEvent, describeEvents } from './event-text';

let seq = 0;
const at = (time: number, body: DomainEventBody): DomainEvent => ({ ...body, seq: ++seq, time }) as DomainEvent;

describe('describeEvent', () => {
  it('says what happened in one sentence', () => {
    expect(describeEvent(at(0, { type: 'JoinGroupSent', consumerId: 'consumer-2', groupId: 'g', memberId: null })).text).toBe(
      'consumer-2 sent JoinGroup',
    );
    expect(
      describeEvent(at(0, { type: 'PartitionsRevoked', consumerId: 'consumer-1', groupId: 'g', partitions: ['orders-3'] })),
    ).toMatchObject({ text: 'orders-3 revoked from consumer-1', tone: 'rebalance' });
    expect(
      describeEvent(
        at(0, { type: 'PartitionsAssigned', consumerId: 'c', groupId: 'g', partitions: ['orders-10', 'orders-2'] }),
      ).text,
    ).toBe('orders-2, orders-10 assigned to c');
  });

  it('shortens long partition lists', () => {
    const partitions = ['t-0', 't-1', 't-2', 't-3', 't-4'];
    expect(describeEvent(at(0, { type: 'PartitionsLost', consumerId: 'c', groupId: 'g', partitions })).text).toBe(
      'c lost t-0, t-1, t-2 +2 more without committing',
    );
  });

  it('marks heartbeats, fetches and commits as routine and crashes as danger', () => {
    expect(describeEvent(at(0, { type: 'HeartbeatSent', consumerId: 'c', groupId: 'g' })).tone).toBe('routine');
    expect(
      describeEvent(at(0, { type: 'OffsetCommitted', consumerId: 'c', groupId: 'g', offsets: { 'o-1': 1200, 'o-0': 3 } })),
    ).toMatchObject({ tone: 'routine', text: 'c committed o-0@3, o-1@1,200' });
    expect(describeEvent(at(0, { type: 'ConsumerCrashed', consumerId: 'c', reason: null })).tone).toBe('danger');
  });

  it('treats MEMBER_ID_REQUIRED as the normal first step of a join', () => {
    const line = describeEvent(
      at(0, { type: 'JoinGroupFailed', consumerId: 'c', groupId: 'g', error: 'MEMBER_ID_REQUIRED' }),
    );
    expect(line.tone).toBe('rebalance');
  });
});

describe('describeEvents', () => {
  const events: DomainEvent[] = [
    at(100, { type: 'HeartbeatSent', consumerId: 'consumer-1', groupId: 'order-processors' }),
    at(200, { type: 'RebalanceStarted', groupId: 'order-processors', reason: 'member joined', consumerId: 'consumer-3' }),
    at(200, {
      type: 'GroupStateChanged',
      groupId: 'order-processors',
      from: 'Stable',
      to: 'PreparingRebalance',
      generation: 2,
    }),
    at(300, { type: 'JoinGroupSent', consumerId: 'consumer-3', groupId: 'order-processors', memberId: null }),
  ];

  it('lists newest first and folds the rebalance reason into the state change', () => {
    expect(describeEvents(events, false, 10).map((l) => l.text)).toEqual([
      'consumer-3 sent JoinGroup',
      'Group order-processors → PreparingRebalance (member joined)',
    ]);
  });

  it('shows routine traffic on request and respects the limit', () => {
    expect(describeEvents(events, true, 10)).toHaveLength(3);
    expect(describeEvents(events, true, 1).map((l) => l.text)).toEqual(['consumer-3 sent JoinGroup']);
  });

  it('keeps a RebalanceStarted that has no matching state change', () => {
    const alone = [at(5, { type: 'RebalanceStarted', groupId: 'g', reason: 'session timeout', consumerId: null })];
    expect(describeEvents(alone, false, 10).map((l) => l.text)).toEqual(['Group g starts a rebalance (session timeout)']);
  });
});

describe('consumer protocol (KIP-848) events, read through the contract guard', () => {
  const kip = (body: Record<string, unknown>) => ({ ...body, seq: 1, time: 0 }) as unknown as Parameters<typeof describeEvent>[0];
  it('the group epoch, the target and a heartbeat answer that assigns are rebalance lines; a plain heartbeat is routine', () => {
    expect(describeEvent(kip({ type: 'GroupEpochBumped', groupId: 'g', epoch: 3, reason: 'member joined' }))).toMatchObject({
      text: 'Group g → group epoch 3 (member joined)',
      tone: 'rebalance',
    });
    expect(describeEvent(kip({ type: 'TargetAssignmentComputed', groupId: 'g', epoch: 3, assignment: {} })).tone).toBe('rebalance');
    expect(describeEvent(kip({ type: 'RegularExpressionsResolved', groupId: 'g', resolved: { 'test.*': ['test-a', 'test-b'], 'x.*': [] } }))).toMatchObject({
      text: "Coordinator resolved g's regex subscriptions: test.* → test-a, test-b; x.* → no topic",
      tone: 'rebalance',
    });
    expect(describeEvent(kip({ type: 'ConsumerGroupHeartbeatAnswered', consumerId: 'c', groupId: 'g', memberEpoch: 3, assigned: ['t-1', 't-0'] }))).toMatchObject({
      text: "c's heartbeat answer at member epoch 3 assigns t-0, t-1",
      tone: 'rebalance',
    });
    expect(describeEvent(kip({ type: 'ConsumerGroupHeartbeatSent', consumerId: 'c', groupId: 'g', memberEpoch: 3 })).tone).toBe('routine');
  });
});

describe('an empty assignment', () => {
  const empty: DomainEventBody = { type: 'PartitionsAssigned', consumerId: 'c', groupId: 'g', partitions: [] };
  it('is idle under eager, and "nothing new" where rebalances are incremental', () => {
    expect(describeEvent(at(0, empty)).text).toBe('c got no partitions: idle');
    expect(describeEvent(at(0, empty), (g) => g === 'g').text).toBe('c got nothing new: it keeps what it owns');
  });
});
