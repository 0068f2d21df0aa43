/**
 * The discrete-event simulator: a virtual clock, an agenda ordered by (time, seq), a seeded
 * PRNG, a command log and the domain event log. Same seed + same commands = same world.
 */
import { applyCommand, validateCommand } from './commands';
import type { Ctx } from './core/context';
import { heapCompact, heapPeek, heapPop, heapPush } from './core/event-queue';
import { isLiveTimer } from './client/thread';
import { settleAll, unsettledRecords } from './client/consumption/analytic';
import { afterTask, beforeCommand, beforeTask, materializeAll } from './quiet/quiet-groups';
import { stateDigest } from './core/state-digest';
import { MAX_BROKERS } from './cluster/brokers';
import { onFetchArrived, onFetchCheck } from './cluster/fetch-server';
import { DEFAULT_BROKER, DEFAULT_BROKER_COUNT, newWorld } from './new-world';
import { handleConsumerResponse, handleConsumerTimer } from './client/router';
import { handleCoordinatorRequest, handleFindCoordinator, handleGroupTimer, onSessionCheck } from './coordinator/classic-coordinator';
import { buildSnapshot } from './snapshot';
import { buildMetrics, observeEvent, takeSamplesUntil } from './metrics';
import type { Metrics, MetricsQuery } from './metrics';
import type { Command, DomainEvent, DomainEventBody, Simulation, WorldSnapshot } from './types';
import { CheckpointHistory, CHECKPOINT_EVENT_TAIL, checkpointWeightKb, takeCheckpoint, validateCheckpoint, worldOf, type Checkpoint } from './timeline/checkpoint';
import { batchesInFlight, ledgerRanges, type LedgerRanges } from './ledger/ranges';
import type { BrokerConfig, LoggedCommand, Task, World } from './world';

/** Events kept for events(); older ones are dropped (the state itself is never trimmed). */
export const EVENT_LOG_LIMIT = 50_000;

export interface SimulationOptions {
  seed?: number;
  /** Broker-side settings; Kafka's defaults when omitted. */
  broker?: Partial<BrokerConfig>;
  /** How many brokers the cluster has (1..9; Kafka's default replication needs 3). */
  brokers?: number;
  /** Virtual ms between the checkpoints kept for rewindTo() (0: none but the start). */
  checkpointEveryMs?: number;
}

export { DEFAULT_BROKER };

/** Virtual ms between the checkpoints a simulation takes for rewindTo(). */
export const DEFAULT_CHECKPOINT_EVERY_MS = 30_000;
/** ...once at least this many agenda entries ran since the last one (what a replay costs)... */
export const CHECKPOINT_MIN_ENTRIES = 2_000;
/** ...and this many per estimated KB of the world (a copy of a big world costs as much as a long replay). */
export const CHECKPOINT_ENTRIES_PER_KB = 12;

class EngineSimulation implements Simulation {
  private readonly w: World;
  private readonly log: DomainEvent[] = [];
  private readonly ctx: Ctx;
  private history = new CheckpointHistory();
  private nextCheckpointAt: number;
  /** The world's estimated checkpoint size when last looked at (what spaces checkpoints). */
  private weightKb = 0;

  constructor(start: World, events: readonly DomainEvent[], private readonly checkpointEveryMs: number) {
    this.w = start;
    const w = this.w;
    const log = this.log;
    log.push(...events);
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
        if (w.queue.length >= COMPACT_FROM && (w.queue.length & (w.queue.length - 1)) === 0) compactAgenda(w);
      },
    };
    this.history.reset(takeCheckpoint(w, log));
    this.nextCheckpointAt = this.checkpointAfter(w.now);
  }

  get now(): number {
    return this.w.now;
  }

  get seed(): number {
    return this.w.seed;
  }

  dispatch(command: Command): void {
    validateCommand(this.w, command);
    const copy = structuredClone(command);
    this.history.dropAfter(this.w.now);
    beforeCommand(this.ctx, copy);
    // How many agenda entries had run: a replay runs exactly as many before applying it.
    const ran = this.w.ran;
    applyCommand(this.ctx, copy);
    this.w.commands.push({ time: this.w.now, ran, command: structuredClone(copy) });
  }

  advance(ms: number): void {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
      throw new Error(`advance(ms) needs a finite, non-negative number of ms; got ${String(ms)}`);
    }
    const until = this.w.now + ms;
    while (this.checkpointEveryMs > 0 && this.nextCheckpointAt <= until) {
      this.runDue(this.nextCheckpointAt);
      this.w.now = Math.max(this.w.now, this.nextCheckpointAt);
      // A rewind replays from the checkpoint before it, at a cost that grows with the agenda
      // entries run since, not with virtual time; a checkpoint costs with the world's size.
      // So a big, quiet world (analytic consumers) keeps them further apart.
      // The world's size is estimated again only when the last estimate would allow one.
      const since = this.w.ran - this.history.lastRan();
      if (since >= Math.max(CHECKPOINT_MIN_ENTRIES, this.weightKb * CHECKPOINT_ENTRIES_PER_KB)) {
        this.weightKb = checkpointWeightKb(this.w);
        if (since >= this.weightKb * CHECKPOINT_ENTRIES_PER_KB) {
          settleWorld(this.w);
          this.history.add(takeCheckpoint(this.w, this.log), this.weightKb);
        }
      }
      this.nextCheckpointAt = this.checkpointAfter(this.w.now);
    }
    this.runDue(until);
    takeSamplesUntil(this.w, until, materializeAll, unsettledRecords);
    this.w.now = until;
  }

  snapshot(): WorldSnapshot {
    settleWorld(this.w);
    return buildSnapshot(this.w);
  }

  metrics(query?: MetricsQuery): Metrics {
    settleWorld(this.w);
    return buildMetrics(this.w, query);
  }

  hash(): string {
    settleWorld(this.w);
    // The metrics' full chunks are never written again (metrics/tiered-table.ts): digested once each.
    return stateDigest(this.w, { immutable: ['chunks'] });
  }

  ledgerRanges(groupId: string): Record<string, LedgerRanges> {
    settleWorld(this.w);
    return ledgerRanges(this.w, groupId, batchesInFlight(this.w, groupId));
  }

  events(sinceSeq = 0, limit = Infinity): DomainEvent[] {
    const log = this.log;
    if (log.length === 0 || sinceSeq >= log[log.length - 1]!.seq) return [];
    // seq is dense and increasing: index arithmetic instead of a scan.
    const from = Math.max(0, sinceSeq - log[0]!.seq + 1);
    return log.slice(from, limit === Infinity ? undefined : from + Math.max(0, limit));
  }

  commandLog(): readonly LoggedCommand[] {
    return this.w.commands;
  }

  checkpoint(): Checkpoint {
    settleWorld(this.w);
    return takeCheckpoint(this.w, this.log);
  }

  restore(checkpoint: Checkpoint): void {
    const cp = validateCheckpoint(checkpoint);
    this.load(cp);
    this.history.reset(cp);
  }

  fork(): Simulation {
    const copy = new EngineSimulation(worldOf(this.checkpoint()), this.log.slice(-CHECKPOINT_EVENT_TAIL), this.checkpointEveryMs);
    copy.history = this.history.copy();
    return copy;
  }

  rewindTo(time: number): void {
    if (typeof time !== 'number' || !Number.isFinite(time) || time < 0 || time > this.w.now) {
      throw new Error(`rewindTo(time) needs a time from 0 to now (${this.w.now}); got ${String(time)}`);
    }
    const commands = this.w.commands;
    const base = this.history.nearestAtOrBefore(time);
    if (!base) throw new Error('internal: no checkpoint to rewind from');
    this.load(base);
    this.history.dropAfter(time);
    // Replay what was applied after the checkpoint, each command at its time.
    for (let i = this.w.commands.length; i < commands.length && commands[i]!.time <= time; i++) {
      const { time: at, ran, command } = commands[i]!;
      this.runCount(ran, at);
      takeSamplesUntil(this.w, at, materializeAll, unsettledRecords); // as the original's advance() did before the command
      this.w.now = at;
      this.dispatch(command);
    }
    this.advance(time - this.w.now);
  }

  /** Runs every agenda entry due at or before `until`, in (time, seq) order. */
  private runDue(until: number): void {
    const w = this.w;
    for (let next = heapPeek(w.queue); next && next.time <= until; next = heapPeek(w.queue)) {
      heapPop(w.queue);
      takeSamplesUntil(w, next.time, materializeAll, unsettledRecords);
      w.now = next.time;
      w.ran += 1;
      this.run(next.task);
    }
  }

  /**
   * Replay: runs agenda entries until `ran` of them have run since the start, exactly where
   * the original run applied its next command (entries due at that instant included or not).
   */
  private runCount(ran: number, until: number): void {
    const w = this.w;
    while (w.ran < ran) {
      const next = heapPop(w.queue);
      if (!next || next.time > until) throw new Error('internal: the command log does not replay on this world');
      takeSamplesUntil(w, next.time, materializeAll, unsettledRecords);
      w.now = next.time;
      w.ran += 1;
      this.run(next.task);
    }
  }

  /** Replaces the world in place (modules hold `ctx.w`) and the event log by a checkpoint's. */
  private load(cp: Checkpoint): void {
    const w = this.w as unknown as Record<string, unknown>;
    for (const key of Object.keys(w)) delete w[key];
    Object.assign(w, worldOf(cp));
    this.log.length = 0;
    this.log.push(...cp.events.map((e) => Object.freeze({ ...e })));
    this.nextCheckpointAt = this.checkpointAfter(this.w.now);
  }

  private checkpointAfter(time: number): number {
    if (this.checkpointEveryMs <= 0) return Infinity;
    return (Math.floor(time / this.checkpointEveryMs) + 1) * this.checkpointEveryMs;
  }

  private run(task: Task): void {
    beforeTask(this.ctx, task);
    this.handle(task);
    afterTask(this.ctx, task);
  }

  private handle(task: Task): void {
    const ctx = this.ctx;
    switch (task.kind) {
      case 'toCoordinator':
        return handleCoordinatorRequest(ctx, task.request);
      case 'toConsumer':
        return handleConsumerResponse(ctx, task.consumerId, task.incarnation, task.correlationId, task.response);
      case 'consumerTimer':
        return handleConsumerTimer(ctx, task.consumerId, task.incarnation, task.timer, task.token);
      case 'groupTimer':
        return handleGroupTimer(ctx, task.groupId, task.timer, task.token);
      case 'sessionCheck':
        return onSessionCheck(ctx, task.groupId, task.memberId, task.loads);
      case 'findCoordinator':
        return handleFindCoordinator(ctx, task);
      case 'fetch':
        return onFetchArrived(ctx, task);
      case 'fetchCheck':
        return onFetchCheck(ctx, task.consumerId, task.token);
    }
  }
}


/**
 * The agenda drops void consumer timers each time its length reaches a power of two from
 * here on: a trigger that depends on the world alone, so a replay compacts where the
 * original did and counts the same agenda entries (the command log's `ran`).
 */
const COMPACT_FROM = 4_096;

function compactAgenda(w: World): void {
  heapCompact(w.queue, (entry) => entry.task.kind !== 'consumerTimer' || isLiveTimer(w, entry.task));
}

/** Writes the analytic model's closed forms for now: quiet groups, then analytic consumers. */
function settleWorld(w: World): void {
  materializeAll(w);
  settleAll(w);
}

export function createSimulation(options: SimulationOptions = {}): Simulation {
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer; got ${String(seed)}`);
  const broker = { ...DEFAULT_BROKER, ...options.broker };
  for (const [key, value] of Object.entries(broker)) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`broker.${key} must be a non-negative integer; got ${String(value)}`);
  }
  // GroupCoordinatorConfig: group.consumer.heartbeat.interval.ms >= 1 and below group.consumer.session.timeout.ms.
  if (broker.consumerHeartbeatIntervalMs < 1 || broker.consumerHeartbeatIntervalMs >= broker.consumerSessionTimeoutMs) {
    throw new Error(
      `broker.consumerHeartbeatIntervalMs (group.consumer.heartbeat.interval.ms, ${broker.consumerHeartbeatIntervalMs}) must be at least 1 and lower than broker.consumerSessionTimeoutMs (${broker.consumerSessionTimeoutMs})`,
    );
  }
  const every = options.checkpointEveryMs ?? DEFAULT_CHECKPOINT_EVERY_MS;
  if (typeof every !== 'number' || !Number.isFinite(every) || every < 0) {
    throw new Error(`checkpointEveryMs must be a non-negative number of ms (0 = none); got ${String(every)}`);
  }
  const brokers = options.brokers ?? DEFAULT_BROKER_COUNT;
  if (!Number.isInteger(brokers) || brokers < 1 || brokers > MAX_BROKERS) {
    throw new Error(`brokers must be an integer from 1 to ${MAX_BROKERS}; got ${String(brokers)}`);
  }
  return new EngineSimulation(newWorld(seed, broker, brokers), [], every);
}

/** A simulation that continues from a checkpoint (taken by any simulation of this engine). */
export function restoreSimulation(checkpoint: Checkpoint, options: { checkpointEveryMs?: number } = {}): Simulation {
  const cp = validateCheckpoint(checkpoint);
  return new EngineSimulation(worldOf(cp), cp.events, options.checkpointEveryMs ?? DEFAULT_CHECKPOINT_EVERY_MS);
}
