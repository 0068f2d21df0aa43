/** Formatting for the virtual clock, durations and counts: pure, locale-fixed for stable tests. */

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Virtual ms → "mm:ss.s" (minutes keep growing past 59: "75:02.5"). */
export function formatClock(ms: number): string {
  const tenths = Math.floor(Math.max(0, ms) / 100);
  const minutes = Math.floor(tenths / 600);
  const seconds = Math.floor((tenths % 600) / 10);
  const tenth = tenths % 10;
  return `${pad2(minutes)}:${pad2(seconds)}.${tenth}`;
}

/**
 * Virtual ms → "mm:ss.mmm" for the event log: whole milliseconds, so the 1–5 ms network hops
 * between JoinGroup, SyncGroup and the assignment stay visible ("00:09.004").
 */
export function formatEventTime(ms: number): string {
  const total = Math.floor(Math.max(0, ms));
  const minutes = Math.floor(total / 60_000);
  const seconds = Math.floor((total % 60_000) / 1000);
  const millis = total % 1000;
  return `${pad2(minutes)}:${pad2(seconds)}.${String(millis).padStart(3, '0')}`;
}

/** A countdown in whole seconds, rounded up so "0 s" only shows when time is really up. */
export function formatSecondsLeft(ms: number): string {
  return `${Math.ceil(Math.max(0, ms) / 1000)} s`;
}

/** A duration a person reads: "800 ms", "6 s", "1.5 s", "2 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) {
    const s = ms / 1000;
    return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
  }
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
}

/** 1234 → "1,234". */
export function formatCount(n: number): string {
  return COUNT.format(n);
}

/** Speed factor → "0.25×", "10×". */
export function formatSpeed(speed: number): string {
  return `${speed}×`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
