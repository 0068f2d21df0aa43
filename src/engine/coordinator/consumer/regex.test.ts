/** Story tests of broker-resolved regex subscriptions (KIP-848's SubscriptionPattern, RE2J). */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../simulation';
import { ofType, ownership, play, type Step } from '../../testing/play';
import type { Command } from '../../types';
import { matchTopics, re2jSyntaxError, REGEX_REFRESH_INTERVAL_MS } from './regex';

const CONSUMER = { 'group.protocol': 'consumer' } as const;
/** 10 s session, 1 s heartbeat interval. */
const BROKER = { consumerSessionTimeoutMs: 10_000, consumerHeartbeatIntervalMs: 1_000 };

function regex(id: string, subscriptionPattern = 'test.*', extra: Partial<Extract<Command, { type: 'addConsumer' }>> = {}): Command {
  return { type: 'addConsumer', id, groupId: 'g', subscriptionPattern, processingMs: 5, ...extra, config: { ...CONSUMER, ...extra.config } };
}

const topics: Step[] = [
  [0, { type: 'createTopic', topic: 'test-a', partitions: 2 }],
  [0, { type: 'createTopic', topic: 'other', partitions: 2 }],
];

describe('RE2J, as the coordinator compiles and matches it', () => {
  it('matches whole topic names only, and refuses what RE2J does not parse with its message', () => {
    expect(matchTopics('test.*', ['test-a', 'xtest-b', 'test', 'other'])).toEqual(['test', 'test-a']);
    expect(matchTopics('a|b', ['a', 'b', 'ab'])).toEqual(['a', 'b']);
    expect(re2jSyntaxError('test.*')).toBeNull();
    // Lookahead and backreferences are Java's, not RE2J's.
    expect(re2jSyntaxError('a(?=b)')).toMatch(/invalid or unsupported Perl syntax/);
    expect(re2jSyntaxError('(a)\\1')).toMatch(/invalid escape sequence/);
    expect(re2jSyntaxError('(')).toMatch(/missing closing \)/);
  });
});

describe('a SubscriptionPattern resolved by the group coordinator', () => {
  it("the member's first answer is empty; the resolution lands, bumps the epoch, and the next heartbeat brings the matching topics", () => {
    const sim = play(3, [...topics, [0, regex('c1')]], 4_000, { broker: BROKER });
    const answers = ofType(sim.events(), 'ConsumerGroupHeartbeatAnswered').filter((e) => e.consumerId === 'c1');
    expect(answers[0]).toMatchObject({ memberEpoch: 1, assigned: [] });
    const resolved = ofType(sim.events(), 'RegularExpressionsResolved');
    expect(resolved.map((e) => e.resolved)).toEqual([{ 'test.*': ['test-a'] }]);
    expect(resolved[0]!.time).toBeGreaterThan(answers[0]!.time - 50);
    const bumps = ofType(sim.events(), 'GroupEpochBumped');
    expect(bumps.map((e) => [e.epoch, e.reason])).toEqual([
      [1, 'member joined'],
      [2, 'metadata changed'],
    ]);
    expect(bumps[1]!.time).toBe(resolved[0]!.time);
    // The client sends the regex, not names: its subscription is what it was assigned.
    expect(ownership(sim)).toEqual({ c1: ['test-a-0', 'test-a-1'] });
    const c1 = sim.snapshot().consumers.c1!;
    expect(c1).toMatchObject({ subscriptionPattern: 'test.*', pattern: null, patternTopics: null, subscription: ['test-a'] });
    expect(sim.snapshot().groups.g).toMatchObject({ state: 'Stable', generation: 2, assignmentEpoch: 2 });
  });

  it('a topic created later joins at the first heartbeat after the refresh interval, with no metadata refresh of the client', () => {
    const sim = play(3, [...topics, [0, regex('c1')], [3_000, { type: 'createTopic', topic: 'test-b', partitions: 2 }]], 16_000, { broker: BROKER });
    const resolved = ofType(sim.events(), 'RegularExpressionsResolved');
    expect(resolved.map((e) => e.resolved['test.*'])).toEqual([['test-a'], ['test-a', 'test-b']]);
    // At most one resolution per interval: the second waits for the first to be 10 s old.
    expect(resolved[1]!.time - resolved[0]!.time).toBeGreaterThan(REGEX_REFRESH_INTERVAL_MS);
    expect(resolved[1]!.time - resolved[0]!.time).toBeLessThanOrEqual(REGEX_REFRESH_INTERVAL_MS + 1_100);
    expect(ofType(sim.events(), 'MetadataRefreshed').filter((e) => e.consumerId === 'c1' && e.time > 0)).toEqual([]);
    expect(ownership(sim).c1).toEqual(['test-a-0', 'test-a-1', 'test-b-0', 'test-b-1']);
    expect(ofType(sim.events(), 'GroupEpochBumped').at(-1)).toMatchObject({ epoch: 3, reason: 'metadata changed', time: resolved[1]!.time });
  });

  it('nothing new, nothing resolved again: no topic created means no refresh after the interval', () => {
    const sim = play(3, [...topics, [0, regex('c1')]], 30_000, { broker: BROKER });
    expect(ofType(sim.events(), 'RegularExpressionsResolved')).toHaveLength(1);
    expect(ofType(sim.events(), 'GroupEpochBumped')).toHaveLength(2);
  });

  it('a second member with the same regex bumps the epoch at once (already resolved) and the two share the topic', () => {
    const sim = play(3, [...topics, [0, regex('c1')], [3_000, regex('c2')]], 8_000, { broker: BROKER });
    expect(ofType(sim.events(), 'RegularExpressionsResolved')).toHaveLength(1);
    const c2Join = ofType(sim.events(), 'MemberJoined').find((e) => e.consumerId === 'c2')!;
    const bumps = ofType(sim.events(), 'GroupEpochBumped');
    expect(bumps.map((e) => [e.epoch, e.reason])).toEqual([
      [1, 'member joined'],
      [2, 'metadata changed'],
      [3, 'subscription changed'],
    ]);
    expect(bumps[2]!.time).toBe(c2Join.time);
    expect(ownership(sim)).toEqual({ c1: ['test-a-0'], c2: ['test-a-1'] });
  });

  it('a different regex in a group resolved less than 10 s ago waits for the interval; then both are resolved together', () => {
    const sim = play(3, [...topics, [0, regex('c1')], [2_000, regex('c2', 'oth.*')]], 16_000, { broker: BROKER });
    const resolved = ofType(sim.events(), 'RegularExpressionsResolved');
    expect(resolved.map((e) => e.resolved)).toEqual([{ 'test.*': ['test-a'] }, { 'oth.*': ['other'], 'test.*': ['test-a'] }]);
    expect(resolved[1]!.time).toBeGreaterThan(resolved[0]!.time + REGEX_REFRESH_INTERVAL_MS);
    const answers = ofType(sim.events(), 'ConsumerGroupHeartbeatAnswered').filter((e) => e.consumerId === 'c2' && e.time < resolved[1]!.time);
    expect(answers.length).toBeGreaterThan(5);
    expect(answers.every((e) => e.assigned === null || e.assigned.length === 0)).toBe(true);
    expect(ownership(sim)).toEqual({ c1: ['test-a-0', 'test-a-1'], c2: ['other-0', 'other-1'] });
  });

  it('the last member of a regex leaving takes its resolution with it', () => {
    const script: Step[] = [
      ...topics,
      [0, regex('c1')],
      [0, regex('c2', 'oth.*')],
      [4_000, { type: 'closeConsumer', id: 'c2' }],
      [5_000, { type: 'createTopic', topic: 'test-b', partitions: 1 }],
    ];
    const sim = play(3, script, 20_000, { broker: BROKER });
    const resolved = ofType(sim.events(), 'RegularExpressionsResolved');
    expect(resolved.map((e) => e.resolved)).toEqual([
      { 'oth.*': ['other'], 'test.*': ['test-a'] },
      // The refresh after the new topic resolves only the regex still subscribed.
      { 'test.*': ['test-a', 'test-b'] },
    ]);
    expect(ownership(sim).c1).toEqual(['test-a-0', 'test-a-1', 'test-b-0']);
  });

  it('is deterministic: same seed and commands, same hash', () => {
    const script: Step[] = [...topics, [0, regex('c1')], [1_000, regex('c2')], [3_000, { type: 'createTopic', topic: 'test-b', partitions: 3 }]];
    expect(play(5, script, 15_000, { broker: BROKER }).hash()).toBe(play(5, script, 15_000, { broker: BROKER }).hash());
  });
});

describe('addConsumer { subscriptionPattern } refused', () => {
  const cases: [string, Command, RegExp][] = [
    ['under the classic protocol', { type: 'addConsumer', id: 'x', groupId: 'g', subscriptionPattern: 'test.*' }, /needs group\.protocol=consumer/],
    ['with subscribe', { ...regex('x'), subscribe: ['test-a'] } as Command, /exactly one of subscribe, pattern, subscriptionPattern or assign/],
    ['with pattern', { ...regex('x'), pattern: 'test.*' } as Command, /exactly one of/],
    ['with assign', { ...regex('x'), assign: ['test-a-0'] } as Command, /exactly one of/],
    ['without a groupId', { type: 'addConsumer', id: 'x', subscriptionPattern: 'test.*', config: CONSUMER }, /need a groupId/],
    ['empty', regex('x', ''), /non-empty RE2J regular expression/],
    ['not RE2J (a lookahead)', regex('x', 'test(?=-a)'), /not a valid RE2J regular expression: error parsing regexp: invalid or unsupported Perl syntax/],
  ];
  it.each(cases)('%s: a clear message, and nothing changes', (_what, command, message) => {
    const sim = createSimulation({ seed: 1, broker: BROKER });
    sim.dispatch({ type: 'createTopic', topic: 'test-a', partitions: 2 });
    sim.advance(100);
    const before = { hash: sim.hash(), events: sim.events().length, consumers: Object.keys(sim.snapshot().consumers) };
    expect(() => sim.dispatch(command)).toThrow(message);
    expect({ hash: sim.hash(), events: sim.events().length, consumers: Object.keys(sim.snapshot().consumers) }).toEqual(before);
  });
});
