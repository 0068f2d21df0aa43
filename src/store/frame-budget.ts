import type { FrameCost } from './frame-costs';

/**
 * The page's own work per frame (engine, snapshot, selectors, canvases, React) aims under
 * this many wall ms, so the browser's style, layout and paint still fit a 60 Hz frame.
 */
export const FRAME_TARGET_MS = 14;
/** The engine always gets at least this much of a frame: a big world still moves, slower. */
const MIN_ENGINE_MS = 1;
/** A frame that came this long after the previous one missed at least one 60 Hz vsync. */
const LATE_FRAME_MS = 25;

/**
 * How many wall ms of engine work the next frame may spend: what the target leaves after the
 * rest of the page's work (measured apart for frames that publish a snapshot and frames that
 * do not), shrunk while frames come late (the browser's own paint, which no script can time,
 * did not fit) and grown back while they come on time.
 */
export function createFrameBudget() {
  /** Moving averages of the page's non-engine work, for frames that publish and that do not. */
  let publishRestMs = 0;
  let quietRestMs = 0;
  /** Multiplies the budget: down on a late frame, slowly back up to 1 on frames on time. */
  let scale = 1;
  return {
    engineMs(publishing: boolean): number {
      const rest = publishing ? publishRestMs : quietRestMs;
      return Math.max(MIN_ENGINE_MS, (FRAME_TARGET_MS - rest) * scale);
    },
    /** What the page's non-engine work cost in a publishing frame (for the publish spacing). */
    publishRestMs: () => publishRestMs,
    /** Learns from a finished frame. */
    note(frame: FrameCost): void {
      const rest = frame.snapshotMs + frame.uiMs;
      if (frame.published) publishRestMs = publishRestMs === 0 ? rest : 0.8 * publishRestMs + 0.2 * rest;
      else quietRestMs = quietRestMs === 0 ? rest : 0.8 * quietRestMs + 0.2 * rest;
    },
    /** The interval since the previous frame: a late one shrinks the budget. */
    noteInterval(realMs: number): void {
      scale = realMs > LATE_FRAME_MS ? Math.max(0.25, scale * 0.8) : Math.min(1, scale + 0.02);
    },
  };
}

export type FrameBudget = ReturnType<typeof createFrameBudget>;
