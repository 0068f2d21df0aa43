import type { Command, DomainEvent, WorldSnapshot } from '../engine/types';
import type { FrameCost } from './frame-costs';
import type { SimulationStore } from './simulation-store';

/**
 * `window.kafkaViz`: the page's stable automation surface (documented in the README).
 * Everything goes through the page's store, so what a script does shows exactly as a click
 * would: the same frame, the same notices, the same command log.
 */
export interface KafkaVizApi {
  /** Virtual time, ms since the scenario started. */
  readonly now: number;
  /** The engine's snapshot of the world now (plain JSON, read-only: unchanged rows are shared, frozen). */
  snapshot(): WorldSnapshot;
  /** Digest of the full state: equal iff same state. */
  hash(): string;
  /** Applies a command now, as the page's controls do; a bad one shows and throws its message. */
  dispatch(command: Command): void;
  pause(): void;
  play(): void;
  /** Advances virtual time by exactly `ms` (whole ms), playing or not. */
  advance(ms: number): void;
  /** Rewinds or replays to virtual `ms` on the recorded tape. */
  seekTo(ms: number): void;
  /** Recent domain events, oldest first. */
  events(): readonly DomainEvent[];
  readonly playing: boolean;
  speed: number;
  /**
   * Where recent animation frames' wall time went (engine, snapshot, the rest of the page's
   * work), oldest first, at most the last 600; `clear` empties the record (bench:ui reads it).
   */
  frameCosts(clear?: boolean): FrameCost[];
}

export function createAutomationApi(store: SimulationStore): KafkaVizApi {
  const state = () => store.getState();
  return {
    get now() {
      return state().frame.snapshot.now;
    },
    snapshot: () => structuredClone(state().frame.snapshot),
    hash: () => state().hash(),
    dispatch: (command) => state().dispatchOrThrow(command),
    pause: () => state().pause(),
    play: () => state().play(),
    advance: (ms) => {
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
        throw new Error(`advance(ms) needs a finite, non-negative number of ms; got ${String(ms)}`);
      }
      state().step(ms);
    },
    seekTo: (ms) => state().seekTo(ms),
    events: () => state().frame.events,
    get playing() {
      return state().playing;
    },
    get speed() {
      return state().speed;
    },
    set speed(value: number) {
      state().setSpeed(value);
    },
    frameCosts: (clear) => state().frameCosts(clear),
  };
}
