/**
 * Which offsets the log bars show. One window for every partition, so bars compare.
 *
 * The window holds still while the logs grow into it (you see them grow), and moves only
 * when a log end nears its right edge, a committed offset falls off its left edge, or the
 * interesting span became much smaller than the window. When it moves, the newest log end
 * lands at 75% of the width and the oldest committed offset stays inside: the most recent
 * records stay visible however long the logs get, with recent history to their left.
 */
export interface LogWindow {
  lo: number;
  hi: number;
}

export interface LogExtent {
  /** The largest log end offset over the partitions. */
  maxEnd: number;
  /** The smallest offset worth seeing: the oldest committed offset (or log start if none). */
  minMark: number;
}

/** Below this the window never shrinks: a young log still reads as a short bar. */
export const MIN_SPAN = 150;
/** When the window moves, the interesting span fills at most this much of it... */
const FILL = 0.7;
/** ...and the newest log end lands this far from the right edge, leaving room to grow. */
const HEADROOM = 0.25;
const RIGHT_MARGIN = 0.03;
const TOO_WIDE = 0.2;

export function nextLogWindow(prev: LogWindow | null, extent: LogExtent): LogWindow {
  const maxEnd = Math.max(0, extent.maxEnd);
  const minMark = Math.max(0, Math.min(extent.minMark, maxEnd));
  const need = maxEnd - minMark;
  if (prev) {
    const span = prev.hi - prev.lo;
    const endFits = maxEnd <= prev.hi - span * RIGHT_MARGIN;
    const startFits = minMark >= prev.lo;
    const notTooWide = need >= span * TOO_WIDE || span <= MIN_SPAN * 1.5;
    if (endFits && startFits && notTooWide) return prev;
  }
  const span = niceCeil(Math.max(MIN_SPAN, need / FILL));
  // need <= FILL × span, so minMark stays at least (1 − FILL − HEADROOM) × span inside.
  const lo = Math.max(0, Math.floor(maxEnd + span * HEADROOM - span));
  return { lo, hi: lo + span };
}

/** The smallest of 1, 1.5, 2, 3, 5, 7.5 × 10^k that is ≥ x: round spans, fine steps. */
export function niceCeil(x: number): number {
  if (!(x > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(x));
  for (const step of [1, 1.5, 2, 3, 5, 7.5, 10]) {
    if (step * power >= x - 1e-9) return step * power;
  }
  return 10 * power;
}

/** Linear blend of two windows, t in [0, 1]. */
export function blendWindows(from: LogWindow, to: LogWindow, t: number): LogWindow {
  return { lo: from.lo + (to.lo - from.lo) * t, hi: from.hi + (to.hi - from.hi) * t };
}
