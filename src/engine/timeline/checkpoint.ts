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
 * The checkpoints a simulation keeps for rewinding, sparse further back: when the list is
 * full, every other one of the older half goes, so memory stays bounded over any run.
 */
export class CheckpointHistory {
  private entries: Checkpoint[] = [];

  constructor(private readonly capacity = 96) {}

  add(cp: Checkpoint): void {
    this.entries.push(cp);
    if (this.entries.length <= this.capacity) return;
    const half = Math.floor(this.entries.length / 2);
    this.entries = [...this.entries.slice(0, half).filter((_, i) => i % 2 === 0), ...this.entries.slice(half)];
  }

  /** The newest checkpoint at or before `time`, if any. */
  nearestAtOrBefore(time: number): Checkpoint | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      if (this.entries[i]!.now <= time) return this.entries[i];
    }
    return undefined;
  }

  /** Forgets checkpoints after `time`: that future is being rewritten. */
  dropAfter(time: number): void {
    this.entries = this.entries.filter((cp) => cp.now <= time);
  }

  reset(first: Checkpoint): void {
    this.entries = [first];
  }

  copy(): CheckpointHistory {
    const copy = new CheckpointHistory(this.capacity);
    copy.entries = [...this.entries];
    return copy;
  }

  get size(): number {
    return this.entries.length;
  }
}
