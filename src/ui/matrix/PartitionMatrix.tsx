import { useRef } from 'react';
import type { SimulationState } from '../../store/simulation-store';
import { formatCount } from '../format/time';
import { useMessages } from '../i18n';
import { colorSlotsOf, partitionSummaryOf, partitionsOf, strandedOf } from '../select/views';
import { useSim } from '../StoreContext';
import { useElementWidth } from '../useElementWidth';
import { fitCanvas, type CanvasPalette } from './palette';
import { useStoreCanvas } from './useStoreCanvas';

const CELL = 14;
const GAP = 2;

/**
 * Many partitions at once: one cell per partition, filled with its owner's colour (in the
 * selected group), outlined when nobody owns it, hatched red when a dead member still holds
 * it; a dark bar at the bottom grows with its lag. Drawn on a canvas straight from store
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

function paint(canvas: HTMLCanvasElement, s: SimulationState, width: number, palette: CanvasPalette): void {
  const parts = partitionsOf(s);
  const slots = colorSlotsOf(s);
  const stranded = strandedOf(s);
  const perRow = Math.max(1, Math.floor((width + GAP) / (CELL + GAP)));
  const rows = Math.ceil(parts.length / perRow);
  const height = Math.max(CELL, rows * (CELL + GAP) - GAP);
  const ctx = fitCanvas(canvas, width, height);
  if (!ctx) return;
  ctx.clearRect(0, 0, width, height);
  let maxLag = 1;
  for (const p of parts) maxLag = Math.max(maxLag, p.lag);
  for (let i = 0; i < parts.length; i += 1) {
    const p = parts[i]!;
    const x = (i % perRow) * (CELL + GAP);
    const y = Math.floor(i / perRow) * (CELL + GAP);
    if (p.owner !== null) {
      ctx.fillStyle = palette.consumers[slots[p.owner] ?? 0]!;
      ctx.fillRect(x, y, CELL, CELL);
    } else if (stranded[p.id] !== undefined) {
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
    // Lag, relative to the worst partition: a bar from the bottom.
    const h = Math.round((p.lag / maxLag) * (CELL / 2));
    if (h > 0) {
      ctx.fillStyle = palette.accent;
      ctx.fillRect(x + 2, y + CELL - h - 1, CELL - 4, h);
    }
  }
}
