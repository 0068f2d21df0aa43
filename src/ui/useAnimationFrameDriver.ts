import { useEffect } from 'react';
import { useSimStore } from './StoreContext';

/**
 * Advances the simulation once per animation frame by the real time since the last frame
 * (the store multiplies by the speed and caps long gaps, e.g. after a background tab), and
 * tells the store when the frame's page work is done: React renders the store's changes in
 * a microtask queued during the tick, so one queued after it runs once React has committed.
 */
export function useAnimationFrameDriver(): void {
  const store = useSimStore();
  useEffect(() => {
    let last: number | null = null;
    let handle = requestAnimationFrame(function frame(now) {
      handle = requestAnimationFrame(frame);
      if (last !== null) {
        const began = performance.now();
        store.getState().tick(now - last);
        queueMicrotask(() => store.getState().endFrame(performance.now() - began));
      }
      last = now;
    });
    return () => cancelAnimationFrame(handle);
  }, [store]);
}
