import type { DomainEvent } from '../../engine/types';
import type { SimulationState } from '../../store/simulation-store';
import { describeEvent } from '../format/event-text';

/**
 * The store's frame carries the last 250 events, which at high speed is mostly routine
 * traffic (heartbeats, fetches, commits). The event log wants the notable ones for longer,
 * so this keeps a bounded, read-only history of what the frames showed. It resets with the
 * simulation (virtual time going backwards).
 */
export interface EventHistory {
  /** Counts simulation restarts: event sequence numbers are only unique within one epoch. */
  epoch: number;
  /** Recent events of every kind, oldest first. */
  all: readonly DomainEvent[];
  /** Recent events worth a line by default (not routine), oldest first. */
  notable: readonly DomainEvent[];
}

export const ALL_LIMIT = 400;
export const NOTABLE_LIMIT = 200;

export interface EventHistoryTracker {
  /** Folds a frame in; returns the same object when nothing new arrived. */
  update(state: Pick<SimulationState, 'frame'>): EventHistory;
}

export function createEventHistoryTracker(): EventHistoryTracker {
  let history: EventHistory = { epoch: 0, all: [], notable: [] };
  let lastSeq = -Infinity;
  let lastNow = -Infinity;
  return {
    update({ frame }) {
      if (frame.snapshot.now < lastNow) {
        history = { epoch: history.epoch + 1, all: [], notable: [] };
        lastSeq = -Infinity;
      }
      lastNow = frame.snapshot.now;
      const fresh = frame.events.filter((e) => e.seq > lastSeq);
      if (fresh.length === 0) return history;
      lastSeq = fresh[fresh.length - 1]!.seq;
      const notable = fresh.filter((e) => describeEvent(e).tone !== 'routine');
      history = {
        epoch: history.epoch,
        all: [...history.all, ...fresh].slice(-ALL_LIMIT),
        notable: notable.length === 0 ? history.notable : [...history.notable, ...notable].slice(-NOTABLE_LIMIT),
      };
      return history;
    },
  };
}
