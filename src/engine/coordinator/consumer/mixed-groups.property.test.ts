/**
 * Mixed groups (KIP-848's online upgrade and downgrade) over random sequences: classic
 * (eager and cooperative) and consumer-protocol members (topic names, or a SubscriptionPattern
 * the coordinator resolves) join, crash, close and restart in
 * one group, which converts back and forth. At every step no partition has two owners;
 * once things settle, the running members own every partition once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../simulation';
import type { Command } from '../../types';

const IDS = ['a', 'b', 'c', 'd'];
const classic = { 'session.timeout.ms': 6_000, 'heartbeat.interval.ms': 1_000, 'max.poll.interval.ms': 8_000 };
const cooperative = { ...classic, 'partition.assignment.strategy': 'cooperative-sticky' };
const consumer = { 'group.protocol': 'consumer', 'max.poll.interval.ms': 8_000 };

const actionArb = fc.record({
  at: fc.integer({ min: 0, max: 25_000 }),
  kind: fc.constantFrom('classic', 'cooperative', 'consumer', 'consumer', 'regex', 'crash', 'close', 'restart', 'stall'),
  id: fc.constantFrom(...IDS),
  ms: fc.integer({ min: 500, max: 10_000 }),
});

function toCommand(a: { kind: string; id: string; ms: number }): Command {
  const add = (config: Record<string, string | number>): Command => ({ type: 'addConsumer', id: a.id, groupId: 'g', subscribe: ['orders'], config, processingMs: 3 });
  switch (a.kind) {
    case 'classic':
      return add(classic);
    case 'cooperative':
      return add(cooperative);
    case 'consumer':
      return add(consumer);
    case 'regex':
      return { type: 'addConsumer', id: a.id, groupId: 'g', subscriptionPattern: 'ord.*', config: consumer, processingMs: 3 };
    case 'stall':
      return { type: 'stallConsumer', id: a.id, ms: a.ms };
    default:
      return { type: `${a.kind}Consumer`, id: a.id } as Command;
  }
}

describe('mixed groups over random commands', () => {
  it('no partition has two owners at any step; settled, the running members own each partition once', () => {
    let converted = 0;
    let resolved = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.array(actionArb, { minLength: 2, maxLength: 10 }), (seed, actions) => {
        const sim = createSimulation({ seed, broker: { consumerSessionTimeoutMs: 6_000, consumerHeartbeatIntervalMs: 1_000, initialRebalanceDelayMs: 0 } });
        sim.dispatch({ type: 'createTopic', topic: 'orders', partitions: 4 });
        sim.dispatch({ type: 'setProducer', topic: 'orders', rate: 100 });
        const steps = [...actions].sort((x, y) => x.at - y.at);
        let i = 0;
        for (let t = 0; t <= 26_000; t += 50) {
          sim.advance(t - sim.now);
          for (; i < steps.length && steps[i]!.at <= t; i++) {
            try {
              sim.dispatch(toCommand(steps[i]!));
            } catch {
              // not applicable now (crash a closed consumer...): a disabled button
            }
          }
          const owners = new Map<string, string>();
          for (const [id, c] of Object.entries(sim.snapshot().consumers)) {
            if (c.status !== 'running') continue;
            for (const p of c.owned) {
              expect(owners.get(p), `${p} owned by ${owners.get(p)} and ${id} at ${t} ms`).toBeUndefined();
              owners.set(p, id);
            }
          }
        }
        sim.advance(60_000);
        converted += sim.events().filter((e) => e.type === 'GroupConverted').length;
        resolved += sim.events().filter((e) => e.type === 'RegularExpressionsResolved').length;
        const snap = sim.snapshot();
        const running = Object.values(snap.consumers).filter((c) => c.status === 'running');
        if (running.length === 0) return;
        expect(snap.groups.g!.state).toBe('Stable');
        expect(running.flatMap((c) => c.owned).sort()).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3']);
      }),
      { numRuns: 25 },
    );
    // The sequences must really exercise the conversions, not only single-protocol groups.
    expect(converted).toBeGreaterThan(0);
    expect(resolved).toBeGreaterThan(0);
  }, 240_000);
});
