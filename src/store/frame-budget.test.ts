import { describe, expect, it } from 'vitest';
import { createFrameBudget, FRAME_TARGET_MS } from './frame-budget';
import { createFrameCosts } from './frame-costs';

const frame = (snapshotMs: number, uiMs: number, published: boolean) => ({ realMs: 16.7, virtualMs: 16, engineMs: 3, snapshotMs, uiMs, notifyMs: 0, published });

describe('frame budget', () => {
  it('gives the engine what the rest of the page leaves of the frame, apart for frames that publish', () => {
    const budget = createFrameBudget();
    expect(budget.engineMs(true)).toBe(FRAME_TARGET_MS);
    budget.note(frame(3, 5, true));
    budget.note(frame(0, 1, false));
    expect(budget.engineMs(true)).toBeCloseTo(FRAME_TARGET_MS - 8);
    expect(budget.engineMs(false)).toBeCloseTo(FRAME_TARGET_MS - 1);
    expect(budget.publishRestMs()).toBeCloseTo(8);
  });

  it('never starves the engine, however dear the page', () => {
    const budget = createFrameBudget();
    budget.note(frame(20, 30, true));
    expect(budget.engineMs(true)).toBe(1);
  });

  it('shrinks while frames of a kind come late and grows back while they are on time', () => {
    const budget = createFrameBudget();
    const quiet = frame(0, 0.0001, false);
    for (let i = 0; i < 3; i += 1) {
      budget.note(quiet);
      budget.noteInterval(33.4);
    }
    expect(budget.engineMs(false)).toBeLessThan(FRAME_TARGET_MS * 0.6);
    // Quiet frames came late, not publishing ones: their budget stands.
    expect(budget.engineMs(true)).toBe(FRAME_TARGET_MS);
    for (let i = 0; i < 600; i += 1) {
      budget.note(quiet);
      budget.noteInterval(16.7);
    }
    expect(budget.engineMs(false)).toBeCloseTo(FRAME_TARGET_MS, 2);
  });
});

describe('frame costs', () => {
  it('completes a frame with the page work that engine and snapshot did not take, and keeps a bounded record', () => {
    const costs = createFrameCosts();
    const f = costs.begin(16.7);
    f.engineMs = 4;
    f.snapshotMs = 2;
    expect(costs.end(9)?.uiMs).toBe(3);
    expect(costs.end(9)).toBeNull(); // no frame open
    for (let i = 0; i < 700; i += 1) {
      costs.begin(16.7);
      costs.end(1);
    }
    expect(costs.list()).toHaveLength(600);
    expect(costs.list(true)).toHaveLength(600);
    expect(costs.list()).toHaveLength(0);
  });
});
