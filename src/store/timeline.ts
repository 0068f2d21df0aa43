import { createSimulation } from '../engine';
import type { Command, Simulation } from '../engine/types';

/** One command on the tape: applied when virtual time reaches `time`. */
export interface TapeEntry {
  time: number;
  command: Command;
}

/**
 * The running simulation and its tape. Rewind uses the engine's checkpoints (rewindTo: the
 * nearest kept checkpoint plus a replay of the command log), so a seek late in a long run
 * costs a checkpoint's worth of replay, not the whole run; the engine is deterministic, so
 * the world at T is bit for bit the one the run had at T. Every caller goes through `seekTo`.
 *
 * Virtual time only moves by whole milliseconds here: replaying a fractional clock could
 * land an ulp away from the original and diverge.
 */
export interface Timeline {
  readonly sim: Simulation;
  /** The furthest virtual time this tape has reached (the scrubber's right end). */
  readonly horizon: number;
  /** Commands recorded after `now` (after a rewind): replayed as time reaches them. */
  readonly future: readonly TapeEntry[];
  /** Advances by whole ms, applying future commands at their times; returns their errors. */
  advance(ms: number): string[];
  /** Applies a command now (throws the engine's message, changes nothing); drops the future. */
  dispatch(command: Command): void;
  /** Rebuilds the world at `ms` (0 ≤ ms ≤ horizon): the engine's rewindTo, or a replay of the recorded future. */
  seekTo(ms: number): void;
}

export function createTimeline(seed: number, initial: readonly TapeEntry[]): Timeline {
  const sim = createSimulation({ seed });
  let future: TapeEntry[] = [...initial].sort((a, b) => a.time - b.time);
  let horizon = 0;

  /** Runs to `until`, applying pending commands up to it (those at `until` too, unless `before`). */
  const runTo = (target: Simulation, until: number, pending: TapeEntry[], before = false): string[] => {
    const errors: string[] = [];
    const due = (time: number) => (before ? time < until : time <= until);
    while (pending.length > 0 && due(pending[0]!.time)) {
      const entry = pending.shift()!;
      if (entry.time > target.now) target.advance(entry.time - target.now);
      try {
        target.dispatch(entry.command);
      } catch (error) {
        errors.push(error instanceof Error ? error.message : String(error));
      }
    }
    if (until > target.now) target.advance(until - target.now);
    return errors;
  };

  return {
    get sim() {
      return sim;
    },
    get horizon() {
      return horizon;
    },
    get future() {
      return future;
    },
    advance(ms) {
      const whole = Math.floor(ms);
      if (!(whole > 0)) return [];
      const errors = runTo(sim, sim.now + whole, future);
      horizon = Math.max(horizon, sim.now);
      return errors;
    },
    dispatch(command) {
      sim.dispatch(command);
      // A new action after a rewind forks the story: what was recorded after now is gone.
      future = [];
      horizon = sim.now;
    },
    seekTo(ms) {
      const target = Math.round(Math.min(Math.max(0, ms), horizon));
      // The world at T is the one a person saw at T, before what they did at T; T = 0 is the
      // scenario's setup (its commands at 0 applied).
      const keep = (time: number) => (target > 0 ? time >= target : time > 0);
      if (target >= sim.now) {
        // Forward into the recorded future: play it, stopping short of the commands at T.
        runTo(sim, target, future, target > 0);
        return;
      }
      const tape: TapeEntry[] = [...sim.commandLog().map((e) => ({ time: e.time, command: e.command })), ...future];
      // Backward: the engine's nearest checkpoint and a replay of its command log (rewindTo)
      // instead of a replay from the seed. rewindTo(T) applies the commands at T, so land 1 ms
      // earlier and run the agenda up to T.
      if (target === 0) sim.rewindTo(0);
      else {
        sim.rewindTo(target - 1);
        sim.advance(1);
      }
      future = tape.filter((e) => keep(e.time));
    },
  };
}
