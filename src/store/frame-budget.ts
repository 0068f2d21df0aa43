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
 * A late frame multiplies its kind's budget by SHRINK, a frame on time by GROW. Where the two
 * balance (f ln SHRINK + (1 - f) ln GROW = 0) a fraction f of about 1.3% of frames come late,
 * whatever the scale: under the 5% that p95 allows. Back from a quarter to all in ~8 s.
 */
const SHRINK = 0.8;
const GROW = 1.003;

/**
 * How many wall ms of engine work the next frame may spend: what the target leaves after the
 * rest of the page's work, shrunk while frames come late (the browser's own style, layout and
 * paint, which no script can time, did not fit) and grown back slowly while they come on
 * time. Frames that publish a picture and frames that do not are measured and scaled apart:
 * only the first make the browser paint, so only their lateness says to leave it more room.
 */
export function createFrameBudget() {
  /** Per kind of frame (publishing, quiet): the moving average of the page's non-engine work. */
  const rest = { publish: 0, quiet: 0 };
  /** Per kind: multiplies the budget, down on a late frame, slowly back up to 1 on frames on time. */
  const scale = { publish: 1, quiet: 1 };
  /** The kind of the last finished frame: the next interval says whether it fitted. */
  let lastKind: 'publish' | 'quiet' | null = null;
  return {
    engineMs(publishing: boolean): number {
      const kind = publishing ? 'publish' : 'quiet';
      return Math.max(MIN_ENGINE_MS, (FRAME_TARGET_MS - rest[kind]) * scale[kind]);
    },
    /** What the page's non-engine work cost in a publishing frame (for the publish spacing). */
    publishRestMs: () => rest.publish,
    /** Learns from a finished frame. */
    note(frame: FrameCost): void {
      const kind = frame.published ? 'publish' : 'quiet';
      const cost = frame.snapshotMs + frame.uiMs;
      rest[kind] = rest[kind] === 0 ? cost : 0.8 * rest[kind] + 0.2 * cost;
      lastKind = kind;
    },
    /** The interval since the previous frame: a late one shrinks the budget of that frame's kind. */
    noteInterval(realMs: number): void {
      if (lastKind === null) return;
      scale[lastKind] = realMs > LATE_FRAME_MS ? Math.max(0.25, scale[lastKind] * SHRINK) : Math.min(1, scale[lastKind] * GROW);
    },
  };
}

export type FrameBudget = ReturnType<typeof createFrameBudget>;
