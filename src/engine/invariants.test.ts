import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ofType, play, type Step } from './testing/play';
import type { Command } from './types';

/** Each run simulates about a minute and a half of a busy group. */
const TIMEOUT_MS = 120_000;

const CONSUMERS = ['c1', 'c2', 'c3', 'c4', 'c5'];
const config = { 'session.timeout.ms': 6_000, 'heartbeat.interval.ms': 1_000, 'max.poll.interval.ms': 8_000 };

/** Random user actions; invalid ones (crash a crashed consumer...) are skipped, like the UI does. */
const action = fc.oneof(
  fc.record({ type: fc.constant('addConsumer' as const), id: fc.constantFrom(...CONSUMERS) }),
  fc.record({ type: fc.constantFrom('crashConsumer' as const, 'closeConsumer' as const, 'restartConsumer' as const), id: fc.constantFrom(...CONSUMERS) }),
  fc.record({ type: fc.constant('stallConsumer' as const), id: fc.constantFrom(...CONSUMERS), ms: fc.integer({ min: 100, max: 12_000 }) }),
);

function toCommand(a: { type: string; id: string; ms?: number }): Command {
  if (a.type === 'addConsumer') {
    return { type: 'addConsumer', id: a.id, groupId: 'g', subscribe: ['orders'], config, processingMs: 4 };
  }
  if (a.type === 'stallConsumer') return { type: 'stallConsumer', id: a.id, ms: a.ms ?? 1_000 };
  return { type: a.type, id: a.id } as Command;
}

function runRandom(seed: number, actions: { at: number; a: { type: string; id: string; ms?: number } }[]) {
  const base: Step[] = [
    [0, { type: 'createTopic', topic: 'orders', partitions: 6 }],
    [0, { type: 'setProducer', topic: 'orders', rate: 300 }],
    [0, toCommand({ type: 'addConsumer', id: 'c1' })],
  ];
  const sim = play(seed, base, 0);
  for (const { at, a } of [...actions].sort((x, y) => x.at - y.at)) {
    if (at > sim.now) sim.advance(at - sim.now);
    try {
      sim.dispatch(toCommand(a));
    } catch {
      // not applicable in this state: the same as a disabled button
    }
  }
  return sim;
}

describe('invariants over random user actions (classic, eager)', () => {
  it('after a quiet period, every partition is owned exactly once by a running member', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000 }),
        fc.array(fc.record({ at: fc.integer({ min: 0, max: 40_000 }), a: action }), { maxLength: 12 }),
        (seed, actions) => {
          const sim = runRandom(seed, actions);
          sim.advance(Math.max(0, 40_000 - sim.now) + 40_000);
          const snap = sim.snapshot();
          const running = Object.entries(snap.consumers).filter(([, c]) => c.status === 'running');
          const group = snap.groups.g!;
          if (running.length === 0) {
            expect(group.members.filter((m) => snap.consumers[m.consumerId]?.status === 'running')).toEqual([]);
            return;
          }
          expect(group.state).toBe('Stable');
          expect(group.members.map((m) => m.consumerId).sort()).toEqual(running.map(([id]) => id).sort());
          const owned = running.flatMap(([, c]) => c.owned).sort();
          expect(owned).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3', 'orders-4', 'orders-5']);
        },
      ),
      { numRuns: 25 },
    );
  }, TIMEOUT_MS);

  it('committed offsets never move backwards, and replay is deterministic', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000 }),
        fc.array(fc.record({ at: fc.integer({ min: 0, max: 30_000 }), a: action }), { maxLength: 10 }),
        (seed, actions) => {
          const sim = runRandom(seed, actions);
          sim.advance(Math.max(0, 50_000 - sim.now));
          const last: Record<string, number> = {};
          for (const commit of ofType(sim.events(), 'OffsetCommitted')) {
            for (const [partition, offset] of Object.entries(commit.offsets)) {
              expect(offset).toBeGreaterThanOrEqual(last[partition] ?? 0);
              last[partition] = offset;
            }
          }
          const again = runRandom(seed, actions);
          again.advance(Math.max(0, 50_000 - again.now));
          expect(again.hash()).toBe(sim.hash());
        },
      ),
      { numRuns: 15 },
    );
  }, TIMEOUT_MS);
});
