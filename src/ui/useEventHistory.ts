import { useState } from 'react';
import type { DomainEvent } from '../engine/types';
import { createEventHistoryTracker } from './select/event-history';
import { useSim } from './StoreContext';

/**
 * The event log's history for this page (see select/event-history.ts): every recent event,
 * or only the notable ones (then routine traffic does not re-render the log).
 */
export function useEventHistory(includeRoutine: boolean): { events: readonly DomainEvent[]; epoch: number } {
  const [tracker] = useState(createEventHistoryTracker);
  return useSim((s) => {
    const history = tracker.update(s);
    return { events: includeRoutine ? history.all : history.notable, epoch: history.epoch };
  });
}
