import { useRef } from 'react';
import type { SimulationState } from '../../store/simulation-store';
import { formatCount } from '../format/time';
import { useMessages } from '../i18n';
import { colorSlotsOf, partitionSummaryOf, partitionsOf, strandedOf } from '../select/views';
import { useSim } from '../StoreContext';
import { useElementWidth } from '../useElementWidth';
import { fitCanvas, type CanvasPalette } from './palette';
import { useStoreCanvas } from './useStoreCanvas';
import type { PartitionView } from '../../store/selectors';

const CELL = 14;
const GAP = 2;

/**
 * Many partitions at once: one cell per partition, filled with its owner's colour (in the
 * selected group), outlined when nobody owns it, hatched red when a dead member still holds
 * it; a bar at the bottom grows with its lag (against a round number at or above the worst). Drawn on a canvas straight from store
 * subscriptions, so a frame costs one paint, not a React render per partition.
 */
export function PartitionMatrix() {
  const m = useMessages().matrix;
  const canvas = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box);
  const summary = useSim(partitionSummaryOf);

  useStoreCanvas(canvas, width, paint, selectionChanged);

  return (
    <div className="matrix" ref={box} data-testid="partition-matrix" data-owned={summary.owned} data-unowned={summary.unowned} data-stranded={summary.stranded}>
      <canvas ref={canvas} className="matrix-canvas" role="img" aria-label={m.partitionsLabel(summary.total, summary.owned, summary.unowned, summary.stranded, formatCount(summary.lag))} />
      <p className="matrix-legend">
        <span>{m.partitionsLabel(summary.total, summary.owned, summary.unowned, summary.stranded, formatCount(summary.lag))}</span>
        <span className="muted">{m.partitionsHow}</span>
      </p>
    </div>
  );
}

/** The selection this matrix draws moved: paint again even if the frame did not. */
const selectionChanged = (s: SimulationState, prev: SimulationState): boolean => s.selectedGroup !== prev.selectedGroup || s.selectedTopic !== prev.selectedTopic;

/** What each canvas shows now, per cell, so a frame repaints only the cells that changed. */
const painted = new WeakMap<HTMLCanvasElement, { keys: Int32Array; palette: CanvasPalette; perRow: number; scale: number; lagPaintedAt: number }>();

/**
 * While playing, a frame that moves only lag bars repaints at most this often (wall ms);
 * ownership moves paint at once. Every repaint of the canvas is copied whole to the
 * compositor (milliseconds at 1,000 cells in a software-rendered browser), and at high speed
 * lag moves in every frame: ten times a second is as much as an eye follows of them.
 */
const LAG_REFRESH_MS = 100;

const OWNED = 0;
const STRANDED = 1;
const UNOWNED = 2;

function paint(canvas: HTMLCanvasElement, s: SimulationState, width: number, palette: CanvasPalette): void {
  const parts = partitionsOf(s);
  const slots = colorSlotsOf(s);
  const stranded = strandedOf(s);
  const perRow = Math.max(1, Math.floor((width + GAP) / (CELL + GAP)));
  const rows = Math.ceil(parts.length / perRow);
  const height = Math.max(CELL, rows * (CELL + GAP) - GAP);
  const size = `${canvas.width}x${canvas.height}`;
  const ctx = fitCanvas(canvas, width, height);
  if (!ctx) return;
  let maxLag = 1;
  for (const p of parts) maxLag = Math.max(maxLag, p.lag);
  // Lag bars are relative to a round number at or above the worst partition's lag, so the
  // scale (and every bar) moves only when the worst lag crosses one, not every frame.
  const scale = niceCeil(maxLag);
  const keys = cellKeys(parts, stranded, slots, scale);
  let last = painted.get(canvas);
  const now = performance.now();
  const whole = !last || last.keys.length !== parts.length || last.palette !== palette || last.perRow !== perRow || size !== `${canvas.width}x${canvas.height}`;
  if (!whole && s.playing && now - last!.lagPaintedAt < LAG_REFRESH_MS && !ownershipMoved(last!.keys, keys)) return;
  if (whole || last!.scale !== scale) {
    ctx.clearRect(0, 0, width, height);
    last = { keys: new Int32Array(parts.length).fill(-1), palette, perRow, scale, lagPaintedAt: now };
    painted.set(canvas, last);
  }
  last!.lagPaintedAt = now;
  for (let i = 0; i < parts.length; i += 1) {
    const key = keys[i]!;
    if (last!.keys[i] === key) continue;
    last!.keys[i] = key;
    const kind = Math.floor(key / 1_000);
    const slot = Math.floor(key / 100) % 10;
    const h = key % 100;
    const x = (i % perRow) * (CELL + GAP);
    const y = Math.floor(i / perRow) * (CELL + GAP);
    ctx.clearRect(x, y, CELL, CELL);
    if (kind === OWNED) {
      ctx.fillStyle = palette.consumers[slot]!;
      ctx.fillRect(x, y, CELL, CELL);
    } else if (kind === STRANDED) {
      ctx.fillStyle = palette.danger;
      ctx.globalAlpha = 0.35;
      ctx.fillRect(x, y, CELL, CELL);
      ctx.globalAlpha = 1;
      ctx.strokeStyle = palette.danger;
      ctx.strokeRect(x + 0.5, y + 0.5, CELL - 1, CELL - 1);
    } else {
      ctx.strokeStyle = palette.rebalance;
      ctx.setLineDash([2, 2]);
      ctx.strokeRect(x + 0.5, y + 0.5, CELL - 1, CELL - 1);
      ctx.setLineDash([]);
    }
    // Lag: a bar from the bottom.
    if (h > 0) {
      ctx.fillStyle = palette.accent;
      ctx.fillRect(x + 2, y + CELL - h - 1, CELL - 4, h);
    }
  }
}

/**
 * Each cell as it should be painted: its kind, its owner's colour slot (under 10) and its lag
 * bar's height in pixels (under CELL), as kind * 1,000 + slot * 100 + height.
 */
function cellKeys(parts: readonly PartitionView[], stranded: Record<string, string>, slots: Record<string, number>, scale: number): Int32Array {
  const keys = new Int32Array(parts.length);
  for (let i = 0; i < parts.length; i += 1) {
    const p = parts[i]!;
    const kind = p.owner !== null ? OWNED : stranded[p.id] !== undefined ? STRANDED : UNOWNED;
    const slot = p.owner !== null ? (slots[p.owner] ?? 0) : 0;
    keys[i] = kind * 1_000 + slot * 100 + Math.round((p.lag / scale) * (CELL / 2));
  }
  return keys;
}

/** Whether any cell's kind or owner colour differs from what the canvas shows (lag bars aside). */
function ownershipMoved(shown: Int32Array, keys: Int32Array): boolean {
  for (let i = 0; i < keys.length; i += 1) if (shown[i]! < 0 || Math.floor(shown[i]! / 100) !== Math.floor(keys[i]! / 100)) return true;
  return false;
}

/** The smallest of 1, 2, 5, 10, 20, 50, ... at or above n. */
export function niceCeil(n: number): number {
  let step = 1;
  for (;;) {
    for (const m of [1, 2, 5]) if (m * step >= n) return m * step;
    step *= 10;
  }
}
