/**
 * The discrete-event simulator: a virtual clock, an agenda ordered by (time, seq), a seeded
 * PRNG, a command log and the domain event log. Same seed + same commands = same world.
 */
import { applyCommand, validateCommand } from './commands';
import type { Ctx } from './core/context';
import { heapPeek, heapPop, heapPush } from './core/event-queue';
import { digest } from './core/hash';
import { seedState } from './core/prng';
import { handleConsumerResponse, handleConsumerTimer } from './consumer/client';
import { handleCoordinatorRequest, handleGroupTimer, onSessionCheck } from './coordinator/classic-coordinator';
import { buildSnapshot } from './snapshot';
import { buildMetrics, createMetricsState, observeEvent, takeSamplesUntil } from './metrics';
import type { Metrics, MetricsQuery } from './metrics';
import type { Command, DomainEvent, DomainEventBody, Simulation, WorldSnapshot } from './types';
import type { BrokerConfig, Task, World } from './world';

/** Events kept for events(); older ones are dropped (the state itself is never trimmed). */
export const EVENT_LOG_LIMIT = 50_000;

export interface SimulationOptions {
  seed?: number;
  /** Broker-side settings; Kafka's defaults when omitted. */
  broker?: Partial<BrokerConfig>;
}

export const DEFAULT_BROKER: BrokerConfig = {
  initialRebalanceDelayMs: 3_000,
  minSessionTimeoutMs: 6_000,
  maxSessionTimeoutMs: 1_800_000,
};

class EngineSimulation implements Simulation {
  private readonly w: World;
  private readonly log: DomainEvent[] = [];
  private readonly commands: { time: number; command: Command }[] = [];
  private readonly ctx: Ctx;

  constructor(readonly seed: number, broker: BrokerConfig) {
    this.w = {
      now: 0, seq: 0, eventSeq: 0, rng: seedState(seed), queue: [], broker,
      topics: {}, producers: {}, groups: {}, consumers: {}, ledger: {}, channels: {},
      metrics: createMetricsState(),
    };
    const w = this.w;
    const log = this.log;
    this.ctx = {
      w,
      emit(body: DomainEventBody) {
        w.eventSeq += 1;
        // Bodies are fresh literals from the emitting rule: stamp them in place.
        const event = body as DomainEvent;
        event.seq = w.eventSeq;
        event.time = w.now;
        observeEvent(w, event);
        log.push(Object.freeze(event));
        if (log.length > EVENT_LOG_LIMIT * 1.2) log.splice(0, log.length - EVENT_LOG_LIMIT);
      },
      schedule(at: number, task: Task) {
        w.seq += 1;
        heapPush(w.queue, { time: Math.max(at, w.now), seq: w.seq, task });
      },
    };
  }

  get now(): number {
    return this.w.now;
  }

  dispatch(command: Command): void {
    validateCommand(this.w, command);
    const copy = structuredClone(command);
    applyCommand(this.ctx, copy);
    this.commands.push({ time: this.w.now, command: copy });
  }

  advance(ms: number): void {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
      throw new Error(`advance(ms) needs a finite, non-negative number of ms; got ${String(ms)}`);
    }
    const until = this.w.now + ms;
    for (let next = heapPeek(this.w.queue); next && next.time <= until; next = heapPeek(this.w.queue)) {
      heapPop(this.w.queue);
      takeSamplesUntil(this.w, next.time);
      this.w.now = next.time;
      this.run(next.task);
    }
    takeSamplesUntil(this.w, until);
    this.w.now = until;
  }

  snapshot(): WorldSnapshot {
    return buildSnapshot(this.w);
  }

  metrics(query?: MetricsQuery): Metrics {
    return buildMetrics(this.w, query);
  }

  hash(): string {
    return digest(this.w);
  }

  events(sinceSeq = 0): DomainEvent[] {
    const log = this.log;
    if (log.length === 0 || sinceSeq >= log[log.length - 1]!.seq) return [];
    // seq is dense and increasing: index arithmetic instead of a scan.
    const first = log[0]!.seq;
    return log.slice(Math.max(0, sinceSeq - first + 1));
  }

  commandLog(): readonly { time: number; command: Command }[] {
    return this.commands;
  }

  private run(task: Task): void {
    const ctx = this.ctx;
    switch (task.kind) {
      case 'toCoordinator':
        return handleCoordinatorRequest(ctx, task.request);
      case 'toConsumer':
        return handleConsumerResponse(ctx, task.consumerId, task.incarnation, task.response);
      case 'consumerTimer':
        return handleConsumerTimer(ctx, task.consumerId, task.incarnation, task.timer, task.token);
      case 'groupTimer':
        return handleGroupTimer(ctx, task.groupId, task.timer, task.token);
      case 'sessionCheck':
        return onSessionCheck(ctx, task.groupId, task.memberId);
    }
  }
}

export function createSimulation(options: SimulationOptions = {}): Simulation {
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer; got ${String(seed)}`);
  const broker = { ...DEFAULT_BROKER, ...options.broker };
  for (const [key, value] of Object.entries(broker)) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`broker.${key} must be a non-negative integer; got ${String(value)}`);
  }
  return new EngineSimulation(seed, broker);
}
