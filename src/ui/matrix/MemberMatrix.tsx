import { useRef } from 'react';
import type { SimulationState } from '../../store/simulation-store';
import { useMessages } from '../i18n';
import { colorSlotsOf, consumersOf, memberCountsOf } from '../select/views';
import { useSim, useSimStore } from '../StoreContext';
import { useElementWidth } from '../useElementWidth';
import { fitCanvas, type CanvasPalette } from './palette';
import { useStoreCanvas } from './useStoreCanvas';

const CELL = 18;
const GAP = 3;

/**
 * A big group at a glance: one cell per consumer, its colour when it owns partitions,
 * outlined when it owns none, red and crossed when crashed, grey when closed, a ring while
 * it is mid-rebalance. Click a cell to open that member's card below.
 */
export function MemberMatrix({ onPick }: { onPick: (id: string) => void }) {
  const m = useMessages().matrix;
  const store = useSimStore();
  const canvas = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box);
  const counts = useSim(memberCountsOf);

  useStoreCanvas(canvas, width, paint, groupChanged);

  const pick = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const perRow = Math.max(1, Math.floor((width + GAP) / (CELL + GAP)));
    const col = Math.floor((e.clientX - rect.left) / (CELL + GAP));
    const row = Math.floor((e.clientY - rect.top) / (CELL + GAP));
    const consumer = consumersOf(store.getState())[row * perRow + col];
    if (consumer && col < perRow) onPick(consumer.id);
  };

  const label = m.membersLabel(counts.total, counts.running, counts.stalled, counts.crashed, counts.closed, counts.rebalancing);
  return (
    <div className="matrix" ref={box} data-testid="member-matrix" data-running={counts.running} data-rebalancing={counts.rebalancing}>
      <canvas ref={canvas} className="matrix-canvas matrix-members" role="img" aria-label={label} onClick={pick} />
      <p className="matrix-legend">
        <span>{label}</span>
        <span className="muted">{m.membersHow}</span>
      </p>
    </div>
  );
}

/** The selection this matrix draws moved: paint again even if the frame did not. */
const groupChanged = (s: SimulationState, prev: SimulationState): boolean => s.selectedGroup !== prev.selectedGroup;

/** What each canvas shows now: a frame that changes none of it paints nothing. */
const painted = new WeakMap<HTMLCanvasElement, { cells: string; palette: CanvasPalette; width: number; size: string }>();

function paint(canvas: HTMLCanvasElement, s: SimulationState, width: number, palette: CanvasPalette): void {
  const consumers = consumersOf(s);
  const slots = colorSlotsOf(s);
  const perRow = Math.max(1, Math.floor((width + GAP) / (CELL + GAP)));
  const rows = Math.ceil(consumers.length / perRow);
  const height = Math.max(CELL, rows * (CELL + GAP) - GAP);
  let cells = '';
  for (const c of consumers) cells += `${c.id}:${c.status}:${c.phase}:${c.owned.length > 0 ? 1 : 0}:${slots[c.id] ?? 0} `;
  const last = painted.get(canvas);
  if (last && last.cells === cells && last.palette === palette && last.width === width && last.size === `${canvas.width}x${canvas.height}`) return;
  const ctx = fitCanvas(canvas, width, height);
  if (!ctx) return;
  painted.set(canvas, { cells, palette, width, size: `${canvas.width}x${canvas.height}` });
  ctx.clearRect(0, 0, width, height);
  for (let i = 0; i < consumers.length; i += 1) {
    const c = consumers[i]!;
    const x = (i % perRow) * (CELL + GAP);
    const y = Math.floor(i / perRow) * (CELL + GAP);
    const color = palette.consumers[slots[c.id] ?? 0]!;
    if (c.status === 'crashed') {
      ctx.strokeStyle = palette.danger;
      ctx.lineWidth = 2;
      ctx.strokeRect(x + 1, y + 1, CELL - 2, CELL - 2);
      ctx.beginPath();
      ctx.moveTo(x + 4, y + 4);
      ctx.lineTo(x + CELL - 4, y + CELL - 4);
      ctx.moveTo(x + CELL - 4, y + 4);
      ctx.lineTo(x + 4, y + CELL - 4);
      ctx.stroke();
      ctx.lineWidth = 1;
    } else if (c.status === 'closed') {
      ctx.fillStyle = palette.line;
      ctx.fillRect(x, y, CELL, CELL);
    } else if (c.owned.length > 0) {
      ctx.fillStyle = color;
      ctx.fillRect(x, y, CELL, CELL);
    } else {
      ctx.strokeStyle = color;
      ctx.strokeRect(x + 0.5, y + 0.5, CELL - 1, CELL - 1);
    }
    if ((c.status === 'running' || c.status === 'stalled') && c.phase !== 'stable' && c.phase !== 'standalone') {
      ctx.strokeStyle = palette.rebalance;
      ctx.lineWidth = 2;
      ctx.strokeRect(x - 1, y - 1, CELL + 2, CELL + 2);
      ctx.lineWidth = 1;
    }
    if (c.status === 'stalled') {
      ctx.fillStyle = palette.surface;
      ctx.fillRect(x + 5, y + 4, 2, CELL - 8);
      ctx.fillRect(x + CELL - 7, y + 4, 2, CELL - 8);
    }
  }
}
