/**
 * Checkpoints: the whole world as plain data (the command log is inside it), plus the tail
 * of the event log so that events() reads on after a restore. Rewinding to a time T is the
 * nearest checkpoint at or before T plus a replay of the logged commands up to T: the
 * engine is deterministic, so the replay lands on the same hash() as the original run.
 */
import type { DomainEvent } from '../types';
import { cloneWorldForCheckpoint } from '../metrics';
import type { World } from '../world';

export const CHECKPOINT_FORMAT = 'kafka-viz-checkpoint';
export const CHECKPOINT_VERSION = 1;
/** Events carried in a checkpoint: enough for a UI to redraw its recent history. */
export const CHECKPOINT_EVENT_TAIL = 1_000;

/** Plain JSON data: safe to structuredClone, persist and send. */
export interface Checkpoint {
  readonly format: typeof CHECKPOINT_FORMAT;
  readonly version: typeof CHECKPOINT_VERSION;
  /** Virtual time of the checkpoint, ms. */
  readonly now: number;
  readonly seed: number;
  /** The engine's internal world; opaque to callers (its shape may change between versions). */
  readonly world: unknown;
  readonly events: readonly DomainEvent[];
}

export function takeCheckpoint(w: World, log: readonly DomainEvent[]): Checkpoint {
  return {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    now: w.now,
    seed: w.seed,
    world: cloneWorldForCheckpoint(w), // structuredClone, sharing the metrics' full chunks
    // Events are frozen and never mutated: a checkpoint can share them.
    events: log.slice(-CHECKPOINT_EVENT_TAIL),
  };
}

/** Checks a checkpoint that may come from outside (a file, a URL) before it replaces anything. */
export function validateCheckpoint(value: unknown): Checkpoint {
  const cp = value as Partial<Checkpoint> | null;
  if (typeof cp !== 'object' || cp === null || cp.format !== CHECKPOINT_FORMAT) {
    throw new Error(`not a checkpoint: expected an object with format '${CHECKPOINT_FORMAT}'`);
  }
  if (cp.version !== CHECKPOINT_VERSION) {
    throw new Error(`checkpoint version ${String(cp.version)} is not supported (this engine reads version ${CHECKPOINT_VERSION})`);
  }
  const world = cp.world as Partial<World> | null;
  if (typeof world !== 'object' || world === null || !Array.isArray(world.queue) || !Array.isArray(world.commands) || typeof world.consumerGroups !== 'object') {
    throw new Error('checkpoint.world is not a world of this engine');
  }
  if (typeof world.now !== 'number' || world.now !== cp.now || !Number.isInteger(world.seed) || world.seed !== cp.seed) {
    throw new Error('checkpoint.now and checkpoint.seed must match its world');
  }
  if (!Array.isArray(cp.events)) throw new Error('checkpoint.events must be an array');
  return cp as Checkpoint;
}

/** The world of a checkpoint, as a fresh copy the engine may mutate. */
export function worldOf(cp: Checkpoint): World {
  return structuredClone(cp.world) as World;
}

/**
 * A checkpoint's size, estimated from what grows with the world (about half a kilobyte per unit
 * of partition state: a tracked metrics series, a ledger partition, an owned partition, an
 * agenda entry), without measuring the copy. At 1,000 partitions x 10 groups of 20 a
 * checkpoint holds ~10 MB; 96 of them would be most of a gigabyte.
 */
export function checkpointWeightKb(w: World): number {
  let units = w.metrics.partitionSeries + w.queue.length / 4;
  for (const id in w.ledger) {
    for (const _ in w.ledger[id]!.partitions) units += 0.3;
  }
  for (const id in w.consumers) units += 1 + w.consumers[id]!.owned.length * 0.3;
  return Math.ceil(16 + units * 0.55);
}

/** What the kept checkpoints may hold together, estimated (see checkpointWeightKb). */
export const CHECKPOINT_BUDGET_KB = 256 * 1024;

/**
 * The checkpoints a simulation keeps for rewinding, sparse further back: when the list is
 * full (more than `capacity` of them, or more than `budgetKb` together), every other one of
 * the older half goes, so memory stays bounded over any run. A big world keeps fewer: a
 * rewind then replays longer, with the same result.
 */
export class CheckpointHistory {
  private entries: Checkpoint[] = [];
  private weights: number[] = [];

  constructor(
    private readonly capacity = 96,
    private readonly budgetKb = CHECKPOINT_BUDGET_KB,
  ) {}

  add(cp: Checkpoint, weightKb = 0): void {
    this.entries.push(cp);
    this.weights.push(weightKb);
    while (this.entries.length > 2 && (this.entries.length > this.capacity || this.totalKb() > this.budgetKb)) {
      const half = Math.floor(this.entries.length / 2);
      const keep = (_: unknown, i: number) => i >= half || i % 2 === 0;
      this.entries = this.entries.filter(keep);
      this.weights = this.weights.filter(keep);
    }
  }

  /** The newest checkpoint at or before `time`, if any. */
  /** Agenda entries the newest checkpoint had run (0 with none). */
  lastRan(): number {
    const last = this.entries[this.entries.length - 1];
    return last ? (last.world as { ran: number }).ran : 0;
  }

  nearestAtOrBefore(time: number): Checkpoint | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      if (this.entries[i]!.now <= time) return this.entries[i];
    }
    return undefined;
  }

  /** Forgets checkpoints after `time`: that future is being rewritten. */
  dropAfter(time: number): void {
    const keep = (_: unknown, i: number) => this.entries[i]!.now <= time;
    this.weights = this.weights.filter(keep);
    this.entries = this.entries.filter(keep);
  }

  reset(first: Checkpoint, weightKb = 0): void {
    this.entries = [first];
    this.weights = [weightKb];
  }

  copy(): CheckpointHistory {
    const copy = new CheckpointHistory(this.capacity, this.budgetKb);
    copy.entries = [...this.entries];
    copy.weights = [...this.weights];
    return copy;
  }

  get size(): number {
    return this.entries.length;
  }

  private totalKb(): number {
    return this.weights.reduce((a, b) => a + b, 0);
  }
}
