import { createStore } from 'zustand/vanilla';
import type { LedgerRanges, Metrics, MetricsQuery, RebalanceRecord } from '../engine';
import type { Command, DomainEvent, WorldSnapshot } from '../engine/types';
import { consumerFromTemplate } from '../scenarios/default';
import type { Scenario } from '../scenarios/types';
import { createFrameBudget, FRAME_TARGET_MS } from './frame-budget';
import { createFrameCosts, type FrameCost } from './frame-costs';
import { isNotable, isRoutine } from './notable-events';
import { foldBands, type RebalanceBand } from './rebalance-bands';
import { foldPhases, type PhaseMark, type PhaseProgress, type RebalancePhase } from './rebalance-phases';
import { createTimeline, type Timeline } from './timeline';
import { applyUrlConfigs } from './url-config';
import { parseUrlOptions, SPEEDS } from './url-options';
import { createUiSlice, type UiSlice } from './ui-slice';

/** How many recent domain events a frame carries for the event log. */
const RECENT_EVENTS = 400;
/** How many recent non-routine events it carries: a long jump must not push them out. */
const RECENT_NOTABLE = 200;
/** A long frame (tab in background) must not run minutes of virtual time at once. */
const MAX_FRAME_REAL_MS = 250;
/** Slow motion holds each rebalance phase this long at 1× (virtual-equivalent ms). */
export const PHASE_HOLD_MS = 1_000;
/**
 * Publishing a picture (snapshot, selectors, canvases, React) cheaper than this happens
 * every frame. A dearer one (a thousand partitions) goes out every other frame, 30 times a
 * second, and while the engine cannot keep the chosen speed 20 times a second: the frames
 * between run the engine alone, so the page's work averages well under a frame.
 */
const PUBLISH_CHEAP_MS = 4;
const PUBLISH_SPACING_MS = 30;
const PUBLISH_SPACING_CAPPED_MS = 50;
/** Real time for the frame budget: the store may read a clock, the engine may not. */
const wallClock = () => (typeof performance === 'undefined' ? Date.now() : performance.now());

export interface StoreOptions {
  /**
   * The wall clock the frame budget reads (ms). Tests pass one of their own: a clock that
   * stands still gives the engine all the time it asks for, so a tick's advance is exact.
   */
  clock?: () => number;
}
/** How far the step and skip keys look ahead before giving up (virtual ms). */
const LOOKAHEAD_MS = { event: 60_000, phase: 120_000, notable: 900_000 } as const;

/** One immutable picture of the world, published once per animation frame. */
export interface Frame {
  snapshot: WorldSnapshot;
  /** The most recent domain events, oldest first. */
  events: readonly DomainEvent[];
  /** The most recent events that are not routine traffic, oldest first (from every event since the last frame). */
  notable: readonly DomainEvent[];
  /** The furthest virtual time reached: the timeline's right end. */
  horizon: number;
  /** Rebalances on the timeline, past and (after a rewind) recorded future. */
  bands: readonly RebalanceBand[];
  /** The rebalance phase slow motion is holding on, if any. */
  slowMo: PhaseMark | null;
}

export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

export interface SimulationState extends UiSlice {
  scenario: Scenario;
  frame: Frame;
  playing: boolean;
  speed: number;
  /**
   * When the engine cannot run the chosen speed in a frame's budget (a big world at a high
   * speed), the speed it actually keeps, rounded; null while it keeps up.
   */
  reachedSpeed: number | null;
  /** Rebalance slow motion on (the default) or off. */
  slowMotion: boolean;
  notice: Notice | null;
  /** Next number for a consumer added from the template ("consumer-N"). */
  nextConsumerNumber: number;

  play(): void;
  pause(): void;
  togglePlaying(): void;
  setSpeed(speed: number): void;
  setSlowMotion(on: boolean): void;
  /** Advances virtual time by realMs × speed (slowed in rebalances); the frame driver calls it. */
  tick(realMs: number): void;
  /**
   * The frame driver's word that the frame's page work is done (React committed): `totalMs`
   * of wall time since its tick began. Completes the frame's cost record and the budget.
   */
  endFrame(totalMs: number): void;
  /** Recent frames' costs, oldest first (bench:ui reads them); `clear` empties the record. */
  frameCosts(clear?: boolean): FrameCost[];
  /** Advances virtual time by exactly `virtualMs`, playing or not. */
  step(virtualMs: number): void;
  /** Runs to the next domain event of any kind. */
  stepEvent(): void;
  /** Runs to the next phase of a rebalance (starting one counts). */
  stepPhase(): void;
  /** Skips a quiet wait: runs to the next notable event (not heartbeats, fetches, commits). */
  skipQuiet(): void;
  /** Rewinds or fast-forwards to virtual `ms` on this tape, exactly as it happened. */
  seekTo(ms: number): void;
  /** Applies a command now; on a bad command shows its message and changes nothing. */
  dispatch(command: Command): boolean;
  /** As dispatch, but a bad command also throws (for scripts and tests). */
  dispatchOrThrow(command: Command): void;
  /** Adds a consumer from the scenario's template to the selected group. */
  addConsumer(): void;
  crashConsumer(id: string): void;
  closeConsumer(id: string): void;
  restartConsumer(id: string): void;
  stallConsumer(id: string, ms: number): void;
  /**
   * Kafka fixes a consumer's configs at creation: a config change is a new consumer. Adds
   * `command` (the engine validates it; on a refusal nothing changes), then closes `oldId`.
   */
  replaceConsumer(oldId: string, command: Extract<Command, { type: 'addConsumer' }>): { error: string | null };
  /** A fresh id for a new consumer: consumer-N, not taken. */
  freshConsumerId(): string;
  crashBroker(broker: number): void;
  restartBroker(broker: number): void;
  /** The consumer refreshes its cluster metadata now (sees new topics and partitions). */
  refreshMetadata(id: string): void;
  /** The world now (the engine's snapshot) and its digest, for automation. */
  hash(): string;
  /**
   * Read-only views straight from the engine (so they follow a rewind: the store keeps no
   * history): the metrics' time series and rebalance history, the ledger's ranges, and the
   * retained domain events after `sinceSeq`.
   */
  metrics(query?: MetricsQuery): Metrics;
  ledgerRanges(groupId: string): Record<string, LedgerRanges>;
  engineEvents(sinceSeq?: number): readonly DomainEvent[];
  /** The addConsumer command that created `id` (the latest, if the id was reused), from the engine's log. */
  consumerCommand(id: string): Extract<Command, { type: 'addConsumer' }> | null;
  /** Starts the scenario again from time 0. */
  reset(): void;
  showNotice(notice: Notice | null): void;
  dismissNotice(): void;
}

export type SimulationStore = ReturnType<typeof createSimulationStore>;

/**
 * The only owner of the running Simulation (through its Timeline): it dispatches and
 * advances, and publishes a fresh Frame after each change. Components read frames through
 * selectors and call actions. It keeps no history of its own: the bands and events of a
 * frame are rebuilt from the engine after a rewind.
 */
export function createSimulationStore(scenarioIn: Scenario, search = '', options: StoreOptions = {}) {
  const clock = options.clock ?? wallClock;
  const url = parseUrlOptions(search);
  const configured = applyUrlConfigs(scenarioIn, url.configs);
  const scenario = configured.scenario;
  const setupErrors = [...url.errors, ...configured.errors];

  // Playback internals: not history, reset by every seek.
  let timeline: Timeline;
  let progress: PhaseProgress = {};
  let holdMs = 0;
  let carryMs = 0;
  let slowMo: Frame['slowMo'] = null;
  let sincePublishMs = 0;
  /** The last event slow motion and the step keys have looked at. */
  let seenSeq = 0;
  /** The engine's recent wall cost per virtual ms (a moving average), for the frame budget. */
  let engineMsPerVirtualMs = 0;
  /** The speed reached over recent frames while the budget caps it (a moving average). */
  let reachedSpeed = 0;
  /** Where recent frames' wall time went, and the engine budget it decides. */
  const frameCosts = createFrameCosts();
  const frameBudget = createFrameBudget();
  /** The frame being run by tick, if any: publish and the engine note their costs in it. */
  let frameCost: FrameCost | null = null;

  const start = (): { frame: Frame; errors: string[] } => {
    timeline = createTimeline(
      scenario.seed,
      scenario.steps.map(([time, command]) => ({ time, command })),
    );
    const errors = timeline.advance(scenario.prerollMs);
    progress = {};
    holdMs = 0;
    carryMs = 0;
    slowMo = null;
    return { frame: rebuiltFrame([]), errors };
  };

  /** A frame from the engine alone (after a start or seek): its own events and bands. */
  const rebuiltFrame = (futureBands: readonly RebalanceBand[]): Frame => {
    const all = timeline.sim.events();
    return {
      snapshot: timeline.sim.snapshot(),
      events: all.slice(-RECENT_EVENTS),
      notable: all.filter((e) => !isRoutine(e)).slice(-RECENT_NOTABLE),
      horizon: timeline.horizon,
      // The engine's rebalance history, not the retained events: after a rewind the event
      // log starts at a checkpoint's tail, the metrics keep every rebalance (bounded).
      bands: [...bandsFromHistory(timeline.sim.metrics({ topics: [], partitions: 'none' }).rebalances), ...futureBands],
      slowMo,
    };
  };

  const first = start();
  seenSeq = first.frame.events.at(-1)?.seq ?? 0;

  return createStore<SimulationState>()((set, get, api) => {
    /** Asks the engine only for events newer than the previous frame's. */
    const publish = () => {
      const previous = get().frame;
      const news = timeline.sim.events(previous.events.at(-1)?.seq ?? 0);
      const events = news.length === 0 ? previous.events : [...previous.events, ...news].slice(-RECENT_EVENTS);
      const bands = news.length === 0 ? previous.bands : foldBands(previous.bands, news);
      const newsworthy = news.filter((e) => !isRoutine(e));
      const notable = newsworthy.length === 0 ? previous.notable : [...previous.notable, ...newsworthy].slice(-RECENT_NOTABLE);
      const started = clock();
      const snapshot = timeline.sim.snapshot();
      if (frameCost) {
        frameCost.snapshotMs += clock() - started;
        frameCost.published = true;
      }
      sincePublishMs = 0;
      const notifying = clock();
      set({ frame: { snapshot, events, notable, horizon: timeline.horizon, bands, slowMo } });
      if (frameCost) frameCost.notifyMs += clock() - notifying;
    };
    /**
     * Whether this frame publishes a picture. A cheap picture goes out every frame; a dear
     * one (thousands of partitions) at most every PUBLISH_SPACING_MS; one dearer than a whole
     * frame waits three times its cost, so most frames stay short.
     */
    const publishDue = (): boolean => {
      const cost = frameBudget.publishRestMs();
      let spacing = 0;
      if (cost > PUBLISH_CHEAP_MS) spacing = get().reachedSpeed !== null ? PUBLISH_SPACING_CAPPED_MS : PUBLISH_SPACING_MS;
      if (cost > FRAME_TARGET_MS) spacing = Math.max(spacing, 3 * cost);
      return sincePublishMs >= spacing;
    };
    /**
     * Runs up to `virtualMs` of engine time within `deadlineMs` of wall time, in chunks sized
     * by the engine's recent cost per virtual ms; returns how many virtual ms it ran. What it
     * cannot run in time is dropped, not owed: the world just runs slower than the speed.
     */
    const runEngine = (virtualMs: number, deadlineMs: number): number => {
      const began = clock();
      let done = 0;
      // At least one chunk (1 ms or more) per frame: a big world still moves.
      while (done < virtualMs && (done === 0 || clock() - began < deadlineMs)) {
        const left = deadlineMs - (clock() - began);
        // Half of what the rest of the budget affords by the recent cost: the cost varies (a
        // rebalance, a fetch burst), so the budget is checked again before it can run out.
        const affordable = engineMsPerVirtualMs > 0 ? Math.floor(left / 2 / engineMsPerVirtualMs) : virtualMs;
        const chunk = Math.min(virtualMs - done, Math.max(1, affordable));
        const chunkBegan = clock();
        report(timeline.advance(chunk));
        const cost = (clock() - chunkBegan) / chunk;
        engineMsPerVirtualMs = engineMsPerVirtualMs === 0 ? cost : 0.8 * engineMsPerVirtualMs + 0.2 * cost;
        done += chunk;
      }
      if (frameCost) {
        frameCost.engineMs += clock() - began;
        frameCost.virtualMs += done;
      }
      return done;
    };
    /** A paused page shows the world exactly as the engine has it (a playing one may publish every other frame). */
    const publishIfBehind = () => {
      if (!get().playing && get().frame.snapshot.now !== timeline.sim.now) publish();
    };
    const report = (errors: string[]) => {
      if (errors.length > 0) set({ notice: { kind: 'error', text: errors.join('; ') } });
    };
    /** Marks every event so far as seen: what a plain advance ran is not news for slow motion. */
    const catchUp = () => {
      const unseen = timeline.sim.events(seenSeq);
      if (unseen.length > 0) seenSeq = unseen.at(-1)!.seq;
    };

    /**
     * Runs ms by ms until `stop` says so on the new events, or `limit` ms have passed, or
     * (in a frame) `deadlineMs` of wall time is spent.
     */
    const runUntil = (stop: (fresh: readonly DomainEvent[]) => boolean, limit: number, deadlineMs = Infinity): readonly DomainEvent[] => {
      const collected: DomainEvent[] = [];
      const began = clock();
      let ms = 0;
      for (; ms < limit; ms += 1) {
        if (deadlineMs !== Infinity && clock() - began >= deadlineMs) break;
        report(timeline.advance(1));
        const fresh = timeline.sim.events(seenSeq);
        if (fresh.length === 0) continue;
        seenSeq = fresh.at(-1)!.seq;
        collected.push(...fresh);
        if (stop(fresh)) {
          ms += 1;
          break;
        }
      }
      if (frameCost) {
        frameCost.engineMs += clock() - began;
        frameCost.virtualMs += ms;
      }
      return collected;
    };

    const notePhases = (fresh: readonly DomainEvent[]): number => {
      // A group's protocol is fixed at its creation: the last published frame knows it.
      const groups = get().frame.snapshot.groups;
      const folded = foldPhases(progress, fresh, (groupId) => (groups[groupId]?.protocol === 'consumer' ? 'consumer' : 'classic'));
      progress = folded.progress;
      if (folded.latest) slowMo = folded.latest;
      return folded.advanced;
    };

    /** After the last hold, a group back to Stable closes its rebalance story. */
    const closeFinishedStories = () => {
      if (slowMo && !(slowMo.groupId in progress)) slowMo = null;
      // Nothing open: nothing to close (and no snapshot to build: at 1,000 partitions one costs milliseconds).
      if (Object.keys(progress).length === 0) return;
      // The last published frame's group states: a story closes at most one frame late.
      const groups = get().frame.snapshot.groups;
      let changed = false;
      const next: Record<string, readonly RebalancePhase[]> = { ...progress };
      for (const [groupId, story] of Object.entries(progress)) {
        const phase = story.at(-1);
        const state = groups[groupId]?.state;
        if (phase === 'resume' && (state === 'Stable' || state === 'Empty' || state === undefined)) {
          delete next[groupId];
          changed = true;
        }
      }
      if (changed) progress = next;
      if (slowMo && !(slowMo.groupId in progress)) slowMo = null;
    };

    /**
     * Says (rounded, only when it moves) what speed the frame budget lets the engine keep:
     * `kept` is this frame's (the chosen speed when it kept up, null in a slow-motion hold,
     * which says nothing). A moving average with hysteresis, so one short frame neither shows
     * the mark nor makes it flicker: shown below 90% of the speed, gone again above 97%.
     */
    const noteReachedSpeed = (kept: number | null) => {
      if (kept === null) return;
      const speed = get().speed;
      reachedSpeed = reachedSpeed === 0 ? kept : 0.9 * reachedSpeed + 0.1 * kept;
      const current = get().reachedSpeed;
      if (current !== null && reachedSpeed >= 0.97 * speed) {
        set({ reachedSpeed: null });
        return;
      }
      if (current === null && reachedSpeed >= 0.9 * speed) return;
      const shown = reachedSpeed >= 10 ? Math.round(reachedSpeed) : Math.round(reachedSpeed * 10) / 10;
      if (current === null || Math.abs(shown - current) > 0.15 * current) set({ reachedSpeed: shown });
    };

    const tryDispatch = (command: Command): boolean => {
      try {
        timeline.dispatch(command);
      } catch (error) {
        set({ notice: { kind: 'error', text: messageOf(error) } });
        return false;
      }
      catchUp();
      // The recorded future is gone: so are its bands.
      const now = timeline.sim.now;
      const frame = get().frame;
      set({ frame: { ...frame, bands: frame.bands.filter((b) => b.start <= now) } });
      publish();
      return true;
    };

    const ui = createUiSlice(set, get, api, scenario);

    return {
      ...ui,
      scenario,
      frame: first.frame,
      playing: !url.paused,
      speed: url.speed ?? 1,
      reachedSpeed: null,
      slowMotion: true,
      notice:
        setupErrors.length + first.errors.length > 0
          ? { kind: 'error', text: [...setupErrors, ...first.errors].join('; ') }
          : configured.applied.length > 0
            ? { kind: 'info', text: `URL configs: ${configured.applied.join(', ')}` }
            : null,
      nextConsumerNumber: countConsumers(scenario) + 1,

      play: () => set({ playing: true }),
      pause: () => {
        set({ playing: false });
        publishIfBehind();
      },
      togglePlaying: () => {
        set({ playing: !get().playing });
        publishIfBehind();
      },
      setSpeed: (speed) => {
        if (!(SPEEDS as readonly number[]).includes(speed)) {
          set({ notice: { kind: 'error', text: `speed must be one of ${SPEEDS.join(', ')}` } });
          return;
        }
        reachedSpeed = 0;
        set({ speed, reachedSpeed: null });
      },
      setSlowMotion: (on) => {
        if (!on) {
          holdMs = 0;
          slowMo = null;
        }
        set({ slowMotion: on });
        publish();
      },
      tick: (realMs) => {
        const { playing, speed, slowMotion } = get();
        if (!playing || !(realMs > 0)) return;
        const real = Math.min(realMs, MAX_FRAME_REAL_MS);
        if (realMs <= MAX_FRAME_REAL_MS) frameBudget.noteInterval(realMs);
        frameCost = frameCosts.begin(realMs);
        sincePublishMs += real;
        let budget = real * speed + carryMs;
        if (!slowMotion) {
          const publishing = publishDue();
          const whole = Math.floor(budget);
          carryMs = budget - whole;
          const ran = runEngine(whole, frameBudget.engineMs(publishing));
          const capped = ran < whole;
          if (capped) carryMs = 0; // what the engine cannot do is dropped, not owed
          noteReachedSpeed(capped ? ran / real : speed);
          catchUp();
          if (publishing) publish();
          return;
        }
        // Slow motion: hold on a phase, else run ms by ms and stop where a phase begins.
        if (holdMs > 0) {
          const used = Math.min(holdMs, budget);
          holdMs -= used;
          budget -= used;
          if (holdMs > 0) {
            carryMs = 0;
            return;
          }
        }
        closeFinishedStories();
        const whole = Math.floor(budget);
        carryMs = budget - whole;
        let reached = 0;
        const publishing = publishDue();
        const before = timeline.sim.now;
        runUntil((news) => (reached = notePhases(news)) > 0, whole, frameBudget.engineMs(publishing));
        const ran = timeline.sim.now - before;
        // Stopped by the wall-clock budget, not by a phase: the speed is not kept.
        const capped = reached === 0 && ran < whole;
        if (capped) carryMs = 0;
        noteReachedSpeed(capped ? ran / real : reached > 0 ? null : speed);
        if (reached > 0) {
          // Each phase reached at this instant gets its own second on screen, shown at once.
          holdMs = PHASE_HOLD_MS * reached;
          carryMs = 0;
          publish();
        } else if (publishing) publish();
      },
      endFrame: (totalMs) => {
        const done = frameCosts.end(totalMs);
        frameCost = null;
        if (done) frameBudget.note(done);
      },
      frameCosts: (clear) => frameCosts.list(clear),
      step: (virtualMs) => {
        report(timeline.advance(virtualMs));
        catchUp();
        publish();
      },
      stepEvent: () => {
        runUntil((news) => news.length > 0, LOOKAHEAD_MS.event);
        publish();
      },
      stepPhase: () => {
        holdMs = 0;
        closeFinishedStories();
        runUntil((news) => notePhases(news) > 0, LOOKAHEAD_MS.phase);
        publish();
      },
      skipQuiet: () => {
        holdMs = 0;
        closeFinishedStories();
        runUntil((news) => {
          notePhases(news);
          return news.some(isNotable);
        }, LOOKAHEAD_MS.notable);
        publish();
      },
      seekTo: (ms) => {
        if (typeof ms !== 'number' || !Number.isFinite(ms)) {
          set({ notice: { kind: 'error', text: `seekTo needs a number of virtual ms; got ${String(ms)}` } });
          return;
        }
        const target = Math.round(Math.min(Math.max(0, ms), timeline.horizon));
        const futureBands = get().frame.bands.filter((b) => b.start > target);
        timeline.seekTo(target);
        progress = {};
        holdMs = 0;
        carryMs = 0;
        slowMo = null;
        seenSeq = 0;
        catchUp();
        set({ frame: rebuiltFrame(futureBands) });
      },
      dispatch: tryDispatch,
      dispatchOrThrow: (command) => {
        if (!tryDispatch(command)) throw new Error(get().notice?.text ?? 'command rejected');
      },
      freshConsumerId: () => {
        const taken = timeline.sim.snapshot().consumers;
        let n = get().nextConsumerNumber;
        while (`consumer-${n}` in taken) n += 1;
        return `consumer-${n}`;
      },
      addConsumer: () => {
        const id = get().freshConsumerId();
        const template = { ...scenario.consumerTemplate, groupId: get().selectedGroup };
        if (tryDispatch(consumerFromTemplate(template, id))) {
          set({ nextConsumerNumber: Number(id.slice('consumer-'.length)) + 1 });
        }
      },
      crashConsumer: (id) => void tryDispatch({ type: 'crashConsumer', id }),
      closeConsumer: (id) => void tryDispatch({ type: 'closeConsumer', id }),
      restartConsumer: (id) => void tryDispatch({ type: 'restartConsumer', id }),
      stallConsumer: (id, ms) => void tryDispatch({ type: 'stallConsumer', id, ms }),
      replaceConsumer: (oldId, command) => {
        if (!tryDispatch(command)) return { error: get().notice?.text ?? '' };
        if (timeline.sim.snapshot().consumers[oldId]?.status === 'running') tryDispatch({ type: 'closeConsumer', id: oldId });
        return { error: null };
      },
      crashBroker: (broker) => void tryDispatch({ type: 'crashBroker', broker }),
      restartBroker: (broker) => void tryDispatch({ type: 'restartBroker', broker }),
      refreshMetadata: (id) => void tryDispatch({ type: 'refreshMetadata', id }),
      hash: () => timeline.sim.hash(),
      metrics: (query) => timeline.sim.metrics(query),
      ledgerRanges: (groupId) => timeline.sim.ledgerRanges(groupId),
      engineEvents: (sinceSeq) => timeline.sim.events(sinceSeq),
      consumerCommand: (id) => {
        const log = timeline.sim.commandLog();
        for (let i = log.length - 1; i >= 0; i -= 1) {
          const c = log[i]!.command;
          if (c.type === 'addConsumer' && c.id === id) return c;
        }
        return null;
      },
      reset: () => {
        const restarted = start();
        seenSeq = 0;
        catchUp();
        set({
          frame: restarted.frame,
          nextConsumerNumber: countConsumers(scenario) + 1,
          notice: restarted.errors.length > 0 ? { kind: 'error', text: restarted.errors.join('; ') } : null,
        });
      },
      showNotice: (notice) => set({ notice }),
      dismissNotice: () => set({ notice: null }),
    };
  });
}

function bandsFromHistory(records: readonly RebalanceRecord[]): RebalanceBand[] {
  return records.map((r) => ({ groupId: r.groupId, start: r.startMs, end: r.endMs, reason: r.reason }));
}

function countConsumers(scenario: Scenario): number {
  return scenario.steps.filter(([, command]) => command.type === 'addConsumer').length;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
