/**
 * Where each animation frame's wall time went, for `npm run bench:ui` and the frame budget:
 * the engine's advance, the snapshot, and the rest of the page's own work (selectors, canvas
 * paints, React's render and commit). The browser's style, layout and paint come after and
 * are not in here: the interval to the next frame shows them.
 */
export interface FrameCost {
  /** Real ms since the previous frame, as the driver measured it. */
  realMs: number;
  /** Virtual ms the engine ran in this frame. */
  virtualMs: number;
  engineMs: number;
  /** 0 in a frame that published no new snapshot. */
  snapshotMs: number;
  /** The page's own work after the snapshot: store listeners (canvases, selectors) and React. */
  uiMs: number;
  /** Of uiMs, the store's listeners run synchronously by the publish (selectors, canvas paints); the rest is React's render and commit. */
  notifyMs: number;
  published: boolean;
}

/** How many recent frames are kept: ten seconds at 60 frames a second. */
const KEPT = 600;

/** A bounded ring of recent frames' costs; the frame being measured is completed by `end`. */
export function createFrameCosts() {
  const kept: FrameCost[] = [];
  let open: FrameCost | null = null;
  return {
    /** Starts a frame's record (the store's tick). */
    begin(realMs: number): FrameCost {
      open = { realMs, virtualMs: 0, engineMs: 0, snapshotMs: 0, uiMs: 0, notifyMs: 0, published: false };
      return open;
    },
    /** The frame's page work is done (after React's commit): the rest is what engine and snapshot did not take. */
    end(totalMs: number): FrameCost | null {
      const frame = open;
      if (frame === null) return null;
      open = null;
      frame.uiMs = Math.max(0, totalMs - frame.engineMs - frame.snapshotMs);
      kept.push(frame);
      if (kept.length > KEPT) kept.splice(0, kept.length - KEPT);
      return frame;
    },
    /** Copies of the recorded frames, oldest first; `clear` empties the record. */
    list(clear = false): FrameCost[] {
      const out = kept.map((f) => ({ ...f }));
      if (clear) kept.length = 0;
      return out;
    },
  };
}

export type FrameCosts = ReturnType<typeof createFrameCosts>;
