import { describe, expect, it } from 'vitest';
import { blendWindows, MIN_SPAN, nextLogWindow, niceCeil } from './log-window';

describe('niceCeil', () => {
  it('rounds up to a nice span', () => {
    expect(niceCeil(57)).toBe(75);
    expect(niceCeil(100)).toBe(100);
    expect(niceCeil(101)).toBe(150);
    expect(niceCeil(0.5)).toBe(0.5);
    expect(niceCeil(0)).toBe(1);
  });
});

describe('nextLogWindow', () => {
  it('starts at offset 0 with room for a young log to grow', () => {
    const w = nextLogWindow(null, { maxEnd: 20, minMark: 0 });
    expect(w.lo).toBe(0);
    expect(w.hi).toBeGreaterThanOrEqual(MIN_SPAN);
    expect(w.hi).toBeGreaterThan(20);
  });

  it('holds still while the logs grow inside it', () => {
    const w = nextLogWindow(null, { maxEnd: 20, minMark: 0 });
    expect(nextLogWindow(w, { maxEnd: 30, minMark: 10 })).toBe(w);
  });

  it('moves when a log end nears the right edge, keeping the newest records in view', () => {
    const w = nextLogWindow(null, { maxEnd: 20, minMark: 0 });
    const moved = nextLogWindow(w, { maxEnd: w.hi, minMark: w.hi - 10 });
    expect(moved).not.toBe(w);
    expect(moved.hi).toBeGreaterThan(w.hi);
    expect(moved.lo).toBeGreaterThan(0);
    expect(moved.lo).toBeLessThanOrEqual(w.hi - 10);
  });

  it('leaves headroom to the right of the newest record when it moves', () => {
    const w = nextLogWindow({ lo: 0, hi: 150 }, { maxEnd: 149, minMark: 140 });
    expect((149 - w.lo) / (w.hi - w.lo)).toBeLessThanOrEqual(0.8);
    expect(w.lo).toBeLessThanOrEqual(140);
  });

  it('shows a recent window of a long log, not the whole log', () => {
    const w = nextLogWindow(null, { maxEnd: 100_000, minMark: 99_970 });
    expect(w.lo).toBeGreaterThan(99_000);
    expect(w.hi).toBeGreaterThan(100_000);
    expect(w.hi - w.lo).toBeLessThan(200);
  });

  it('widens to keep a growing lag in view, and narrows again when it is caught up', () => {
    const calm = nextLogWindow(null, { maxEnd: 1_000, minMark: 980 });
    const lagging = nextLogWindow(calm, { maxEnd: 1_000, minMark: 600 });
    expect(lagging.lo).toBeLessThanOrEqual(600);
    expect(lagging.hi).toBeGreaterThanOrEqual(1_000);
    const caughtUp = nextLogWindow(lagging, { maxEnd: 1_010, minMark: 1_000 });
    expect(caughtUp.hi - caughtUp.lo).toBeLessThan(lagging.hi - lagging.lo);
  });

  it('tolerates empty logs and marks past the end', () => {
    expect(nextLogWindow(null, { maxEnd: 0, minMark: 0 })).toEqual({ lo: 0, hi: MIN_SPAN });
    expect(nextLogWindow(null, { maxEnd: 10, minMark: 50 }).lo).toBeLessThanOrEqual(10);
  });
});

describe('blendWindows', () => {
  it('interpolates both edges', () => {
    expect(blendWindows({ lo: 0, hi: 100 }, { lo: 50, hi: 250 }, 0.5)).toEqual({ lo: 25, hi: 175 });
  });
});
