import { useEffect } from 'react';
import { useSimStore } from './StoreContext';

/**
 * Advances the simulation once per animation frame by the real time since the last frame
 * (the store multiplies by the speed and caps long gaps, e.g. after a background tab).
 */
export function useAnimationFrameDriver(): void {
  const store = useSimStore();
  useEffect(() => {
    let last: number | null = null;
    let handle = requestAnimationFrame(function frame(now) {
      if (last !== null) store.getState().tick(now - last);
      last = now;
      handle = requestAnimationFrame(frame);
    });
    return () => cancelAnimationFrame(handle);
  }, [store]);
}
