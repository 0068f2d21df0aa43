import { createStore } from 'zustand/vanilla';
import { createSimulation } from '../engine';
import type { Command, DomainEvent, Simulation, WorldSnapshot } from '../engine/types';
import { consumerFromTemplate } from '../scenarios/default';
import type { Scenario } from '../scenarios/types';
import { parseUrlOptions, SPEEDS } from './url-options';

/** How many recent domain events a frame carries for the event log. */
const RECENT_EVENTS = 250;
/** A long frame (tab in background) must not run minutes of virtual time at once. */
const MAX_FRAME_REAL_MS = 250;

/** One immutable picture of the world, published once per animation frame. */
export interface Frame {
  snapshot: WorldSnapshot;
  /** The most recent domain events, oldest first. */
  events: DomainEvent[];
}

export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

export interface SimulationState {
  scenario: Scenario;
  frame: Frame;
  playing: boolean;
  speed: number;
  notice: Notice | null;
  /** Next number for a consumer added from the UI ("consumer-N"). */
  nextConsumerNumber: number;

  play(): void;
  pause(): void;
  togglePlaying(): void;
  setSpeed(speed: number): void;
  /** Advances virtual time by realMs × speed; called by the animation-frame driver. */
  tick(realMs: number): void;
  /** Advances virtual time by exactly `virtualMs`, playing or not. */
  step(virtualMs: number): void;
  /** Applies a command now; on a bad command shows its message and changes nothing. */
  dispatch(command: Command): boolean;
  addConsumer(): void;
  crashConsumer(id: string): void;
  closeConsumer(id: string): void;
  restartConsumer(id: string): void;
  /** Starts the scenario again from time 0. */
  reset(): void;
  dismissNotice(): void;
}

export type SimulationStore = ReturnType<typeof createSimulationStore>;

/**
 * The only owner of the running Simulation: it dispatches and advances, and publishes a
 * fresh Frame after each change. Components read frames through selectors and call actions.
 */
export function createSimulationStore(scenarioIn: Scenario, search = '') {
  const url = parseUrlOptions(search);
  const configured = withConsumerConfig(scenarioIn, url.config);
  const scenario = configured.scenario;
  let sim: Simulation = createSimulation({ seed: scenario.seed });
  const urlErrors = configured.error ? [...url.errors, configured.error] : url.errors;
  const startErrors = [...urlErrors, ...startScenario(sim, scenario)];

  /** Asks the engine only for events newer than the previous frame's (not its whole log). */
  const frameOf = (s: Simulation, previous: Frame | null): Frame => {
    const before = previous?.events ?? [];
    const fresh = s.events(before.at(-1)?.seq ?? 0);
    const events = fresh.length === 0 ? before : [...before, ...fresh].slice(-RECENT_EVENTS);
    return { snapshot: s.snapshot(), events };
  };

  return createStore<SimulationState>()((set, get) => {
    const publish = () => set({ frame: frameOf(sim, get().frame) });
    const tryDispatch = (command: Command): boolean => {
      try {
        sim.dispatch(command);
        publish();
        return true;
      } catch (error) {
        set({ notice: { kind: 'error', text: messageOf(error) } });
        return false;
      }
    };

    return {
      scenario,
      frame: frameOf(sim, null),
      playing: !url.paused,
      speed: url.speed ?? 1,
      notice: startErrors.length > 0 ? { kind: 'error', text: startErrors.join('; ') } : null,
      nextConsumerNumber: countConsumers(scenario) + 1,

      play: () => set({ playing: true }),
      pause: () => set({ playing: false }),
      togglePlaying: () => set({ playing: !get().playing }),
      setSpeed: (speed) => {
        if (!(SPEEDS as readonly number[]).includes(speed)) {
          set({ notice: { kind: 'error', text: `speed must be one of ${SPEEDS.join(', ')}` } });
          return;
        }
        set({ speed });
      },
      tick: (realMs) => {
        const { playing, speed } = get();
        if (!playing || !(realMs > 0)) return;
        sim.advance(Math.min(realMs, MAX_FRAME_REAL_MS) * speed);
        publish();
      },
      step: (virtualMs) => {
        sim.advance(virtualMs);
        publish();
      },
      dispatch: tryDispatch,
      addConsumer: () => {
        const taken = sim.snapshot().consumers;
        let n = get().nextConsumerNumber;
        while (`consumer-${n}` in taken) n += 1;
        if (tryDispatch(consumerFromTemplate(scenario.consumerTemplate, `consumer-${n}`))) {
          set({ nextConsumerNumber: n + 1 });
        }
      },
      crashConsumer: (id) => void tryDispatch({ type: 'crashConsumer', id }),
      closeConsumer: (id) => void tryDispatch({ type: 'closeConsumer', id }),
      restartConsumer: (id) => void tryDispatch({ type: 'restartConsumer', id }),
      reset: () => {
        sim = createSimulation({ seed: scenario.seed });
        const errors = startScenario(sim, scenario);
        set({
          frame: frameOf(sim, null),
          nextConsumerNumber: countConsumers(scenario) + 1,
          notice: errors.length > 0 ? { kind: 'error', text: errors.join('; ') } : null,
        });
      },
      dismissNotice: () => set({ notice: null }),
    };
  });
}

/** Applies the scenario's steps in time order and runs its preroll; returns what failed. */
function startScenario(sim: Simulation, scenario: Scenario): string[] {
  const errors: string[] = [];
  const steps = [...scenario.steps].sort((a, b) => a[0] - b[0]);
  for (const [atMs, command] of steps) {
    if (atMs > sim.now) sim.advance(atMs - sim.now);
    try {
      sim.dispatch(command);
    } catch (error) {
      errors.push(messageOf(error));
    }
  }
  if (scenario.prerollMs > sim.now) sim.advance(scenario.prerollMs - sim.now);
  return errors;
}

/**
 * Puts URL config overrides on every consumer of the scenario. If the engine rejects them,
 * the scenario runs with its own config and the message says why.
 */
function withConsumerConfig(
  scenario: Scenario,
  config: Record<string, unknown>,
): { scenario: Scenario; error: string | null } {
  if (Object.keys(config).length === 0) return { scenario, error: null };
  const merged = { ...scenario.consumerTemplate.config, ...config } as Scenario['consumerTemplate']['config'];
  const probe = createSimulation({ seed: scenario.seed });
  try {
    for (const [, command] of scenario.steps) {
      if (command.type === 'createTopic') probe.dispatch(command);
    }
    probe.dispatch({ ...consumerFromTemplate(scenario.consumerTemplate, 'probe'), config: merged });
  } catch (error) {
    return { scenario, error: `URL config ignored: ${messageOf(error)}` };
  }
  const configured: Scenario = {
    ...scenario,
    consumerTemplate: { ...scenario.consumerTemplate, config: merged },
    steps: scenario.steps.map(([at, command]) =>
      command.type === 'addConsumer' ? [at, { ...command, config: { ...command.config, ...merged } }] : [at, command],
    ),
  };
  return { scenario: configured, error: null };
}

function countConsumers(scenario: Scenario): number {
  return scenario.steps.filter(([, command]) => command.type === 'addConsumer').length;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
