import { useEffect, useState } from 'react';
import type { DomainEvent } from '../engine/types';
import type { Frame } from '../store/simulation-store';
import { useSimStore } from './StoreContext';

/**
 * While playing, the log takes new events at most this often (wall ms): nobody reads lines
 * that change 30 times a second, and a big group's rebalance brings hundreds a frame.
 * Paused, stepping or seeking, it follows at once.
 */
export const EVENT_LOG_REFRESH_MS = 200;

type Lists = Pick<Frame, 'events' | 'notable'>;

/**
 * The event log's events: every recent event, or only the notable ones (then routine
 * traffic does not re-render the log). Both come from the frame, which the store rebuilds
 * from the engine after a rewind, so nothing here goes stale: what the refresh throttle
 * holds back is shown when its time comes, by a timer, whether or not the store publishes
 * again (a slow-motion hold publishes nothing for a second).
 */
export function useEventHistory(includeRoutine: boolean): { events: readonly DomainEvent[]; epoch: number } {
  const store = useSimStore();
  const [lists, setLists] = useState<Lists>(() => store.getState().frame);
  useEffect(() => {
    let shown: Lists = store.getState().frame;
    let shownAt = -Infinity;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const show = () => {
      timer = null;
      const { frame } = store.getState();
      if (frame.events === shown.events && frame.notable === shown.notable) return;
      shown = frame;
      shownAt = performance.now();
      setLists(frame);
    };
    const onChange = () => {
      const { frame, playing } = store.getState();
      if (timer !== null || (frame.events === shown.events && frame.notable === shown.notable)) return;
      const wait = playing ? shownAt + EVENT_LOG_REFRESH_MS - performance.now() : 0;
      if (wait <= 0) show();
      else timer = setTimeout(show, wait);
    };
    const unsubscribe = store.subscribe(onChange);
    // What changed between the first render and this subscription.
    timer = setTimeout(show, 0);
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [store]);
  return { events: includeRoutine ? lists.events : lists.notable, epoch: 0 };
}
