import type { DomainEvent } from '../engine/types';
import { useSim } from './StoreContext';

/**
 * The event log's events: every recent event, or only the notable ones (then routine
 * traffic does not re-render the log). Both come from the frame, which the store rebuilds
 * from the engine after a rewind, so nothing here goes stale.
 */
export function useEventHistory(includeRoutine: boolean): { events: readonly DomainEvent[]; epoch: number } {
  const events = useSim((s) => (includeRoutine ? s.frame.events : s.frame.notable), (a, b) => a === b);
  return { events, epoch: 0 };
}
