import { CONSUMER_PALETTE_SIZE } from '../format/consumer-colors';

/** The design tokens a canvas needs, read from CSS (they change with theme and palette). */
export interface CanvasPalette {
  consumers: string[];
  line: string;
  ink3: string;
  surface: string;
  rebalance: string;
  danger: string;
  accent: string;
}

export function readPalette(): CanvasPalette {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string) => style.getPropertyValue(name).trim() || '#888';
  return {
    consumers: Array.from({ length: CONSUMER_PALETTE_SIZE }, (_, i) => v(`--consumer-${i}`)),
    line: v('--line-strong'),
    ink3: v('--ink-3'),
    surface: v('--surface'),
    rebalance: v('--rebalance'),
    danger: v('--danger'),
    accent: v('--accent'),
  };
}

/** A canvas sized to its CSS box at the device's pixel ratio; returns its 2D context in CSS pixels. */
export function fitCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const ratio = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(width * ratio));
  const h = Math.max(1, Math.round(height * ratio));
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
    canvas.style.height = `${height}px`;
  }
  const ctx = canvas.getContext('2d');
  ctx?.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}
