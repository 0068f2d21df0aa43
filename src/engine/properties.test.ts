/**
 * Properties over random command sequences that change topics, partitions, brokers and
 * members while groups rebalance: checked at every step, not only once things settle.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation } from './simulation';
import type { Command, Simulation, WorldSnapshot } from './types';

const TIMEOUT_MS = 180_000;
const CONSUMERS = ['c1', 'c2', 'c3', 'c4'];
const config = {
  'session.timeout.ms': 6_000, 'heartbeat.interval.ms': 1_000, 'max.poll.interval.ms': 8_000, 'metadata.max.age.ms': 5_000,
};

/** KIP-848 members: the broker sets their session timeout and heartbeat interval. */
const consumerProtocol = { 'group.protocol': 'consumer', 'max.poll.interval.ms': 8_000, 'metadata.max.age.ms': 5_000 };

const actionArb = fc.record({
  at: fc.integer({ min: 0, max: 30_000 }),
  kind: fc.constantFrom(
    'add', 'addPattern', 'addOther', 'addCooperative', 'addConsumerProtocol', 'addConsumerPattern', 'crash', 'close', 'restart', 'stall', 'partitions', 'topic', 'refresh', 'crashBroker', 'restartBroker', 'rate',
  ),
  id: fc.constantFrom(...CONSUMERS),
  n: fc.integer({ min: 1, max: 9_000 }),
});
type Action = typeof actionArb extends fc.Arbitrary<infer T> ? T : never;

function toCommand(a: Action, sim: Simulation, processingMs = 3): Command {
  const snap = sim.snapshot();
  const base = { id: a.id, config, processingMs };
  switch (a.kind) {
    case 'add':
      return { type: 'addConsumer', ...base, groupId: 'g', subscribe: ['orders'] };
    case 'addPattern':
      return { type: 'addConsumer', ...base, groupId: 'g', pattern: 'orders.*' };
    case 'addCooperative':
      return { type: 'addConsumer', ...base, config: { ...config, 'partition.assignment.strategy': 'cooperative-sticky' }, groupId: a.n % 2 ? 'g' : 'k', subscribe: ['orders'] };
    case 'addConsumerProtocol':
      // Into a group of its own, or into 'g', which it upgrades online while 'g' has classic members.
      return { type: 'addConsumer', ...base, config: consumerProtocol, groupId: a.n % 2 ? 'g' : 'q', subscribe: ['orders'] };
    case 'addConsumerPattern':
      return { type: 'addConsumer', ...base, config: consumerProtocol, groupId: 'q', pattern: 'orders.*', ...(a.n % 3 === 0 ? { commit: 'sync' as const } : {}) };
    case 'addOther':
      return { type: 'addConsumer', ...base, groupId: 'h', subscribe: ['orders'], commit: 'sync' };
    case 'stall':
      return { type: 'stallConsumer', id: a.id, ms: a.n };
    case 'partitions':
      return { type: 'addPartitions', topic: 'orders', partitions: (snap.topics.orders?.partitions.length ?? 0) + 1 };
    case 'topic':
      return { type: 'createTopic', topic: `orders-extra${a.n % 3}`, partitions: 1 + (a.n % 3) };
    case 'refresh':
      return { type: 'refreshMetadata', id: a.id };
    case 'crashBroker':
      return { type: 'crashBroker', broker: 1 + (a.n % 3) };
    case 'restartBroker':
      return { type: 'restartBroker', broker: 1 + (a.n % 3) };
    case 'rate':
      return { type: 'setProducer', topic: 'orders', rate: a.n % 500 };
    default:
      return { type: `${a.kind}Consumer`, id: a.id } as Command;
  }
}

/** No partition is owned by two running consumers of one group at this instant. */
function expectNoDoubleOwnership(snap: WorldSnapshot, at: number): void {
  const owners = new Map<string, string>();
  for (const [id, c] of Object.entries(snap.consumers)) {
    if (c.status !== 'running' || c.groupId === null || c.phase === 'standalone') continue;
    for (const partition of c.owned) {
      const key = `${c.groupId}/${partition}`;
      expect(owners.get(key), `${key} owned by ${owners.get(key)} and ${id} at ${at} ms`).toBeUndefined();
      owners.set(key, id);
    }
  }
}

/**
 * Consumer-protocol members: a partition a running member owns at two consecutive steps was
 * never revoked or lost in between (what a member keeps, it goes on consuming).
 */
function expectKeptNeverStopped(sim: Simulation, prev: WorldSnapshot, snap: WorldSnapshot, sinceSeq: number, at: number, consumerProtocol: ReadonlySet<string>): void {
  const released = new Set<string>();
  for (const e of sim.events(sinceSeq)) {
    if (e.type === 'PartitionsRevoked' || e.type === 'PartitionsLost') for (const p of e.partitions) released.add(`${e.consumerId}/${p}`);
  }
  for (const [id, c] of Object.entries(snap.consumers)) {
    // A classic eager member of a mixed group gives everything up by design: only consumer-protocol members.
    if (c.status !== 'running' || c.groupId === null || snap.groups[c.groupId]?.protocol !== 'consumer' || !consumerProtocol.has(id)) continue;
    const before = prev.consumers[id];
    if (!before || before.status !== 'running') continue;
    for (const p of c.owned) {
      if (!before.owned.includes(p)) continue;
      expect(released.has(`${id}/${p}`), `${id} kept ${p} but gave it up in between (${at} ms)`).toBe(false);
    }
  }
}

function expectCommittedNeverBack(snap: WorldSnapshot, last: Map<string, number>, at: number): void {
  for (const [groupId, group] of Object.entries(snap.groups)) {
    for (const [partition, o] of Object.entries(group.offsets)) {
      if (o.committed === null) continue;
      const key = `${groupId}/${partition}`;
      expect(o.committed, `${key} committed at ${at} ms`).toBeGreaterThanOrEqual(last.get(key) ?? 0);
      last.set(key, o.committed);
    }
  }
}

/**
 * The properties, under either consumption model: the analytic one (client/consumption/,
 * quiet/) takes over consumers that process in no time, so those run with processingMs 0.
 */
function checkProperties(model: 'discrete' | 'analytic', numRuns: number): void {
  const processingMs = model === 'analytic' ? 0 : 3;
  let runsComputed = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.array(actionArb, { maxLength: 16 }), (seed, actions) => {
        const sim = createSimulation({ seed, broker: { consumerSessionTimeoutMs: 6_000, consumerHeartbeatIntervalMs: 1_000 } });
        if (model === 'analytic') sim.dispatch({ type: 'setConsumptionModel', model });
        sim.dispatch({ type: 'createTopic', topic: 'orders', partitions: 3 });
        sim.dispatch({ type: 'setProducer', topic: 'orders', rate: 150 });
        sim.dispatch(toCommand({ at: 0, kind: 'add', id: 'c1', n: 1 }, sim, processingMs));
        const committed = new Map<string, number>();
        const consumerProtocol = new Set<string>();
        let computed = false;
        const steps = [...actions].sort((x, y) => x.at - y.at);
        let i = 0;
        let prev = sim.snapshot();
        let seq = sim.events().at(-1)?.seq ?? 0;
        for (let t = 0; t <= 32_000; t += 40) {
          sim.advance(t - sim.now);
          const reached = sim.snapshot();
          expectKeptNeverStopped(sim, prev, reached, seq, t, consumerProtocol);
          for (; i < steps.length && steps[i]!.at <= t; i++) {
            const command = toCommand(steps[i]!, sim, processingMs);
            const hash = sim.hash();
            const eventCount = sim.events().length;
            // These are valid in any world this test builds: they must never throw.
            const alwaysValid = command.type === 'addPartitions' || command.type === 'setProducer';
            try {
              sim.dispatch(command);
              if (command.type === 'addConsumer' && command.config?.['group.protocol'] === 'consumer') consumerProtocol.add(command.id);
            } catch (error) {
              expect(alwaysValid, `${command.type} threw: ${(error as Error).message}`).toBe(false);
              expect(error).toBeInstanceOf(Error);
              expect(sim.hash(), `refused ${command.type} changed the world`).toBe(hash);
              expect(sim.events().length).toBe(eventCount);
            }
          }
          const snap = sim.snapshot();
          if (!computed && Object.values(snap.groups).some((g) => g.quiet)) computed = true;
          expectNoDoubleOwnership(snap, t);
          expectCommittedNeverBack(snap, committed, t);
          prev = snap;
          seq = sim.events().at(-1)?.seq ?? seq;
        }
        if (computed) runsComputed += 1;
        // Settle: every broker back, every consumer refreshes, quiet time for the protocol.
        for (const b of sim.snapshot().brokers) if (b.status === 'down') sim.dispatch({ type: 'restartBroker', broker: b.id });
        sim.advance(15_000);
        for (const [id, c] of Object.entries(sim.snapshot().consumers)) if (c.status === 'running') sim.dispatch({ type: 'refreshMetadata', id });
        sim.advance(40_000);
        const snap = sim.snapshot();
        expectNoDoubleOwnership(snap, sim.now);
        for (const [groupId, group] of Object.entries(snap.groups)) {
          const running = Object.values(snap.consumers).filter((c) => c.groupId === groupId && c.status === 'running');
          if (running.length === 0) continue;
          expect(group.state, `group ${groupId}`).toBe('Stable');
          const subscribed = new Set(running.flatMap((c) => c.subscription));
          const expected = Object.entries(snap.topics)
            .filter(([topic]) => subscribed.has(topic))
            .flatMap(([topic, t]) => t.partitions.map((_, p) => `${topic}-${p}`))
            .sort();
          expect(running.flatMap((c) => c.owned).sort(), `group ${groupId} owns every subscribed partition once`).toEqual(expected);
        }
      }),
      { numRuns },
    );
  // Not vacuous: under the analytic model most runs had a quiet group at some step.
  if (model === 'analytic') expect(runsComputed).toBeGreaterThan(numRuns / 2);
}

describe('properties over random commands, at every step', () => {
  it('valid commands never throw; refused ones change nothing; no partition has two owners; committed never goes back; settled groups own each partition once', () => {
    checkProperties('discrete', 30);
  }, TIMEOUT_MS);

  it('the same under the analytic consumption model (caught-up consumers and quiet groups in closed form)', () => {
    checkProperties('analytic', 15);
  }, TIMEOUT_MS);
});
