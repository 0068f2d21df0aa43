import { useEffect, type RefObject } from 'react';
import type { SimulationState } from '../../store/simulation-store';
import { useSimStore } from '../StoreContext';
import { readPalette, type CanvasPalette } from './palette';

export type CanvasPaint = (canvas: HTMLCanvasElement, s: SimulationState, width: number, palette: CanvasPalette) => void;

/**
 * Paints a canvas straight from store subscriptions, once per new frame (a frame costs one
 * paint, not a React render per cell); again when the theme or palette changes, or when
 * `viewChanged` says the selection it draws moved. `paint` and `viewChanged` must be stable.
 */
export function useStoreCanvas(
  canvas: RefObject<HTMLCanvasElement | null>,
  width: number,
  paint: CanvasPaint,
  viewChanged: (s: SimulationState, prev: SimulationState) => boolean,
): void {
  const store = useSimStore();
  useEffect(() => {
    if (width <= 0) return;
    let palette = readPalette();
    let last: SimulationState['frame'] | null = null;
    const draw = (s: SimulationState) => {
      if (s.frame === last || !canvas.current) return;
      last = s.frame;
      paint(canvas.current, s, width, palette);
    };
    draw(store.getState());
    return store.subscribe((s, prev) => {
      if (s.theme !== prev.theme || s.palette !== prev.palette) {
        // The tokens change a frame later (the root's data attributes are set by an effect).
        requestAnimationFrame(() => {
          palette = readPalette();
          last = null;
          draw(store.getState());
        });
      }
      if (viewChanged(s, prev)) last = null;
      draw(s);
    });
  }, [store, canvas, width, paint, viewChanged]);
}
