/**
 * Plays a fidelity scenario on the engine, through its public API only (createSimulation,
 * dispatch, advance, events, snapshot), and writes the same raw trace the Java runner
 * writes on a real broker. Group samples are taken every 100 ms of virtual time, as the
 * runner samples the broker through the Admin client.
 */
import { readFileSync } from 'node:fs';
import { createSimulation } from '../src/engine/index';
import type { Command, DomainEvent, Simulation } from '../src/engine/index';
import type { Scenario, ScenarioAction } from './scenario-schema';
import type { GroupSample, RawConsumerEvent, RawConsumerEventBody, RawTrace } from './trace';

export const SAMPLE_MS = 100;

/** Broker settings both worlds run with (broker.sh writes the same file into server.properties). */
export function brokerSettings(): Record<string, number> {
  const raw = JSON.parse(readFileSync(new URL('./broker-config.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(raw).filter(([k]) => !k.startsWith('$'))) as Record<string, number>;
}

/** A scenario the engine cannot play yet: it refused a command with "not supported yet" or an unknown config. */
export interface Pending {
  pending: string;
}

const NOT_YET = /not supported yet|unknown consumer config/i;

export function runOnEngine(scenario: Scenario, seed = 1): RawTrace | Pending {
  const broker = brokerSettings();
  const sim = createSimulation({
    seed,
    broker: {
      initialRebalanceDelayMs: broker['group.initial.rebalance.delay.ms'],
      minSessionTimeoutMs: broker['group.min.session.timeout.ms'],
      maxSessionTimeoutMs: broker['group.max.session.timeout.ms'],
      // The consumer protocol's (KIP-848) session timeout and heartbeat interval are the broker's.
      ...(broker['group.consumer.session.timeout.ms'] !== undefined ? { consumerSessionTimeoutMs: broker['group.consumer.session.timeout.ms'] } : {}),
      ...(broker['group.consumer.heartbeat.interval.ms'] !== undefined ? { consumerHeartbeatIntervalMs: broker['group.consumer.heartbeat.interval.ms'] } : {}),
    },
  });
  const recorder = new EventRecorder(scenario);
  try {
    for (const t of scenario.topics) sim.dispatch({ type: 'createTopic', topic: t.name, partitions: t.partitions });
    for (const p of scenario.producers) sim.dispatch({ type: 'setProducer', topic: p.topic, rate: p.rate });
    const actions = [...scenario.actions].sort((a, b) => a.at - b.at);
    const done: RawTrace['actions'] = [];
    let next = 0;
    // As the runner does: an action waits until the members added before it have their first
    // assignment, and the rest of the timeline moves with it (never needed at today's speeds).
    let shift = 0;
    for (let t = 0; t <= scenario.durationMs + shift; t += SAMPLE_MS) {
      while (next < actions.length && actions[next]!.at + shift <= t) {
        const action = actions[next]!;
        sim.advance(Math.max(0, action.at + shift - sim.now));
        recorder.take(sim);
        if (action.at > 0) {
          for (let waited = 0; waited < 20_000 && !recorder.allAssigned(addedBefore(scenario, action.at)); waited += SAMPLE_MS) {
            sim.advance(SAMPLE_MS);
            recorder.take(sim);
            recorder.sample(sim);
            shift += SAMPLE_MS;
            t += SAMPLE_MS;
          }
        }
        sim.dispatch(toCommand(scenario, action));
        done.push({ ...action, t: sim.now });
        next += 1;
      }
      sim.advance(Math.max(0, t - sim.now));
      recorder.take(sim);
      recorder.sample(sim);
    }
    return {
      scenario: scenario.name,
      source: 'engine',
      kafkaVersion: null,
      durationMs: scenario.durationMs,
      actions: done,
      consumers: recorder.consumers,
      groups: recorder.groups(sim),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (NOT_YET.test(message)) return { pending: `the engine refuses it: ${message}` };
    throw error;
  }
}

/** Group members (not standalone consumers) the scenario adds before time `at`. */
function addedBefore(scenario: Scenario, at: number): string[] {
  return scenario.actions
    .filter((a) => a.do === 'add' && a.at < at)
    .map((a) => (a as { consumer: string }).consumer)
    .filter((id) => scenario.consumers.find((c) => c.id === id)?.assign === undefined);
}

function toCommand(scenario: Scenario, action: ScenarioAction): Command {
  switch (action.do) {
    case 'add': {
      const c = scenario.consumers.find((x) => x.id === action.consumer)!;
      return {
        type: 'addConsumer',
        id: c.id,
        ...(c.groupId !== undefined ? { groupId: c.groupId } : {}),
        ...(c.subscribe !== undefined ? { subscribe: c.subscribe } : {}),
        ...(c.pattern !== undefined ? { pattern: c.pattern } : {}),
        ...(c.assign !== undefined ? { assign: c.assign } : {}),
        config: c.config,
        processingMs: c.processingMs,
        ...(c.commit !== undefined ? { commit: c.commit } : {}),
        ...(c.commitEveryRecords !== undefined ? { commitEveryRecords: c.commitEveryRecords } : {}),
        ...(c.onRevoked !== undefined ? { onRevoked: c.onRevoked } : {}),
      };
    }
    case 'crash':
      return { type: 'crashConsumer', id: action.consumer };
    case 'close':
      return { type: 'closeConsumer', id: action.consumer };
    case 'restart':
      return { type: 'restartConsumer', id: action.consumer };
    case 'stall':
      return { type: 'stallConsumer', id: action.consumer, ms: action.ms };
    case 'addPartitions':
      return { type: 'addPartitions', topic: action.topic, partitions: action.partitions };
    case 'createTopic':
      return { type: 'createTopic', topic: action.topic, partitions: action.partitions };
    case 'setProducer':
      return { type: 'setProducer', topic: action.topic, rate: action.rate };
  }
}

/** Kafka's exception for a failed commit, as the application sees it (ConsumerCoordinator). */
export function commitException(error: string): string {
  switch (error) {
    case 'REBALANCE_IN_PROGRESS':
      return 'RebalanceInProgressException';
    case 'UNKNOWN_MEMBER_ID':
    case 'ILLEGAL_GENERATION':
      return 'CommitFailedException';
    default:
      return error;
  }
}

/** Turns the engine's domain events into the runner's raw consumer events. */
class EventRecorder {
  readonly consumers: Record<string, RawConsumerEvent[]> = {};
  private readonly samples: Record<string, GroupSample[]> = {};
  private readonly lastSample: Record<string, string> = {};
  private readonly incarnation: Record<string, number> = {};
  private readonly generation: Record<string, number> = {};
  private readonly pendingCommits: Record<string, ('auto' | 'sync' | 'async')[]> = {};
  private seq = 0;

  constructor(private readonly scenario: Scenario) {
    for (const c of scenario.consumers) {
      this.consumers[c.id] = [];
      if (c.groupId !== undefined && c.assign === undefined) this.samples[c.groupId] ??= [];
    }
  }

  allAssigned(ids: string[]): boolean {
    return ids.every((id) => (this.consumers[id] ?? []).some((e) => e.kind === 'assigned'));
  }

  take(sim: Simulation): void {
    for (const e of sim.events(this.seq)) {
      this.seq = e.seq;
      this.onEvent(e);
    }
  }

  private push(id: string, t: number, body: RawConsumerEventBody): void {
    const list = this.consumers[id];
    if (!list) return;
    list.push({ t, incarnation: this.incarnation[id] ?? 0, ...body } as RawConsumerEvent);
  }

  private onEvent(e: DomainEvent): void {
    switch (e.type) {
      case 'ConsumerStarted':
        this.incarnation[e.consumerId] = (this.incarnation[e.consumerId] ?? 0) + 1;
        this.pendingCommits[e.consumerId] = [];
        return this.push(e.consumerId, e.time, { kind: 'started' });
      case 'ConsumerCrashed':
        return this.push(e.consumerId, e.time, { kind: 'crashed' });
      case 'ConsumerClosing':
        return this.push(e.consumerId, e.time, { kind: 'closing' });
      case 'ConsumerClosed':
        return this.push(e.consumerId, e.time, { kind: 'closed' });
      case 'ConsumerStalled':
        return this.push(e.consumerId, e.time, { kind: 'stalled', ms: e.untilMs - e.time });
      case 'ConsumerResumed':
        return this.push(e.consumerId, e.time, { kind: 'resumed' });
      case 'JoinGroupCompleted':
        this.generation[e.consumerId] = e.generation;
        return;
      case 'PartitionsAssigned':
        return this.push(e.consumerId, e.time, { kind: 'assigned', partitions: [...e.partitions], generation: this.generation[e.consumerId] ?? -1 });
      case 'PartitionsRevoked':
        return this.push(e.consumerId, e.time, { kind: 'revoked', partitions: [...e.partitions] });
      case 'PartitionsLost':
        return this.push(e.consumerId, e.time, { kind: 'lost', partitions: [...e.partitions] });
      case 'RecordsFetched':
      case 'RecordsProcessed': {
        const ranges: Record<string, [number, number]> = {};
        for (const r of e.ranges) ranges[r.partition] = [r.from, r.to];
        return this.push(e.consumerId, e.time, { kind: e.type === 'RecordsFetched' ? 'poll' : 'processed', ranges });
      }
      case 'OffsetCommitSent':
        (this.pendingCommits[e.consumerId] ??= []).push(e.mode);
        return;
      case 'OffsetCommitted':
      case 'OffsetCommitFailed': {
        const mode = this.pendingCommits[e.consumerId]?.shift() ?? 'sync';
        const error = e.type === 'OffsetCommitFailed' ? commitException(e.error) : null;
        // Kafka hands a failed auto commit to no application code (only its log): neither world shows it.
        if (mode === 'auto' && error !== null) return;
        return this.push(e.consumerId, e.time, { kind: 'commit', mode, offsets: { ...e.offsets }, error });
      }
      case 'OffsetCommitRefused':
        // The client refused the commit itself, without a request (Kafka's ConsumerCoordinator
        // does the same when the member has no valid generation).
        if (e.mode === 'auto') return;
        return this.push(e.consumerId, e.time, { kind: 'commit', mode: e.mode, offsets: { ...e.offsets }, error: e.exception });
      case 'ConsumerFailed':
        return this.push(e.consumerId, e.time, { kind: 'error', where: 'poll', error: e.exception });
      default:
        return;
    }
  }

  sample(sim: Simulation): void {
    const snap = sim.snapshot();
    for (const [groupId, samples] of Object.entries(this.samples)) {
      const g = snap.groups[groupId];
      if (!g) continue;
      const members: Record<string, string[]> = {};
      for (const m of [...g.members].sort((a, b) => a.consumerId.localeCompare(b.consumerId))) members[m.consumerId] = [...m.assigned].sort();
      const sample = { state: g.state, epoch: g.protocol === 'consumer' ? g.generation : -1, members };
      const key = JSON.stringify(sample);
      if (key === this.lastSample[groupId]) continue;
      this.lastSample[groupId] = key;
      samples.push({ t: sim.now, ...sample });
    }
  }

  groups(sim: Simulation): RawTrace['groups'] {
    const snap = sim.snapshot();
    const out: RawTrace['groups'] = {};
    for (const [groupId, samples] of Object.entries(this.samples)) {
      const committed: Record<string, number> = {};
      for (const [p, o] of Object.entries(snap.groups[groupId]?.offsets ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
        if (o.committed !== null) committed[p] = o.committed;
      }
      out[groupId] = { samples, committed };
    }
    return out;
  }
}
