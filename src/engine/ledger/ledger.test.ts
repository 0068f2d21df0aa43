import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newWorld } from '../new-world';
import type { LedgerPartition, World } from '../world';
import { addRange, ledgerTotals, lostBelow, recordProcessed, recordStartPosition } from './ledger';

type Segments = LedgerPartition['segments'];

const SIZE = 200;

function emptyWorld(): World {
  return newWorld(0);
}

/** The naive model: how many times each offset in 0..SIZE was processed. */
function expand(segments: Segments): number[] {
  const counts = new Array<number>(SIZE + 1).fill(0);
  for (const [from, to, count] of segments) for (let o = from; o < to; o++) counts[o] = count;
  return counts;
}

/** The canonical interval set of a count array: maximal runs of equal non-zero counts. */
function compress(counts: number[]): Segments {
  const out: Segments = [];
  counts.forEach((count, offset) => {
    if (count === 0) return;
    const last = out[out.length - 1];
    if (last && last[1] === offset && last[2] === count) last[1] = offset + 1;
    else out.push([offset, offset + 1, count]);
  });
  return out;
}

function expectWellFormed(segments: Segments): void {
  segments.forEach(([from, to, count], i) => {
    expect(from).toBeLessThan(to);
    expect(count).toBeGreaterThan(0);
    const previous = segments[i - 1];
    if (previous) {
      expect(previous[1]).toBeLessThanOrEqual(from); // sorted and disjoint
      if (previous[1] === from) expect(previous[2]).not.toBe(count); // merged when equal
    }
  });
}

/** A non-empty range [from, to) inside 0..SIZE. */
const range = fc
  .tuple(fc.integer({ min: 0, max: SIZE }), fc.integer({ min: 0, max: SIZE }))
  .filter(([a, b]) => a !== b)
  .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as [number, number]);

/** Mostly short ranges packed together, so overlaps and adjacencies are common. */
const shortRange = fc
  .tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 8 }))
  .map(([from, len]) => [from, from + len] as [number, number]);

const ranges = fc.array(fc.oneof(range, shortRange), { maxLength: 40 });

describe('addRange', () => {
  it('adds a first range to an empty set', () => {
    expect(addRange([], 3, 7)).toEqual([[3, 7, 1]]);
  });

  it('splits an overlapped segment and counts the overlap twice', () => {
    expect(addRange([[0, 10, 1]], 5, 15)).toEqual([
      [0, 5, 1],
      [5, 10, 2],
      [10, 15, 1],
    ]);
  });

  it('merges adjacent ranges with equal counts', () => {
    expect(addRange([[0, 5, 1]], 5, 10)).toEqual([[0, 10, 1]]);
    expect(addRange([[5, 10, 1]], 0, 5)).toEqual([[0, 10, 1]]);
    expect(addRange([[0, 3, 1], [6, 9, 1]], 3, 6)).toEqual([[0, 9, 1]]);
  });

  it('keeps adjacent ranges with different counts apart', () => {
    expect(addRange([[0, 5, 2]], 5, 10)).toEqual([[0, 5, 2], [5, 10, 1]]);
  });

  it('fills gaps between segments with count 1 and bumps the segments it covers', () => {
    expect(addRange([[2, 4, 1], [6, 8, 3]], 0, 10)).toEqual([
      [0, 2, 1],
      [2, 4, 2],
      [4, 6, 1],
      [6, 8, 4],
      [8, 10, 1],
    ]);
  });

  it('re-merges a gap filled to the count of both neighbours', () => {
    expect(addRange([[0, 2, 2], [2, 4, 1], [4, 6, 2]], 2, 4)).toEqual([[0, 6, 2]]);
  });

  it('leaves segments outside the range untouched and does not mutate its input', () => {
    const input: Segments = [[0, 2, 1], [10, 12, 5]];
    const copy = structuredClone(input);
    expect(addRange(input, 4, 6)).toEqual([[0, 2, 1], [4, 6, 1], [10, 12, 5]]);
    expect(input).toEqual(copy);
  });

  it('returns the same set for an empty range', () => {
    expect(addRange([[0, 10, 1]], 5, 5)).toEqual([[0, 10, 1]]);
    expect(addRange([], 5, 5)).toEqual([]);
  });

  it('leaves the set unchanged for a reversed range', () => {
    expect(addRange([[0, 10, 1]], 5, 3)).toEqual([[0, 10, 1]]);
  });

  it('matches a per-offset count model for random ranges, with canonical segments', () => {
    fc.assert(
      fc.property(ranges, (rs) => {
        let segments: Segments = [];
        const model = new Array<number>(SIZE + 1).fill(0);
        for (const [from, to] of rs) {
          segments = addRange(segments, from, to);
          for (let o = from; o < to; o++) model[o]! += 1;
          expectWellFormed(segments);
          expect(expand(segments)).toEqual(model);
          expect(segments).toEqual(compress(model));
        }
      }),
    );
  });

  it('does not depend on the order ranges are added in', () => {
    fc.assert(
      fc.property(ranges, (rs) => {
        const forward = rs.reduce<Segments>((s, [a, b]) => addRange(s, a, b), []);
        const backward = [...rs].reverse().reduce<Segments>((s, [a, b]) => addRange(s, a, b), []);
        expect(backward).toEqual(forward);
      }),
    );
  });
});

describe('recordProcessed', () => {
  it('counts records and duplicates for a hand example', () => {
    const w = emptyWorld();
    recordProcessed(w, 'g', 't-0', 0, 10);
    recordProcessed(w, 'g', 't-0', 5, 15); // 5..9 again
    recordProcessed(w, 'g', 't-0', 0, 3); // 0..2 again
    recordProcessed(w, 'g', 't-1', 0, 4); // another partition: no duplicates
    expect(w.ledger.g).toEqual({
      records: 27,
      duplicates: 8,
      skipped: 0,
      partitions: {
        't-0': { segments: [[0, 3, 2], [3, 5, 1], [5, 10, 2], [10, 15, 1]], floor: null, skipped: [] },
        't-1': { segments: [[0, 4, 1]], floor: null, skipped: [] },
      },
    });
  });

  it('ignores empty and reversed ranges entirely (no ledger entry is created)', () => {
    const w = emptyWorld();
    recordProcessed(w, 'g', 't-0', 5, 5);
    recordProcessed(w, 'g', 't-0', 7, 3);
    expect(w.ledger).toEqual({});
  });

  it('keeps groups apart: the same offsets in two groups are not duplicates', () => {
    const w = emptyWorld();
    recordProcessed(w, 'a', 't-0', 0, 10);
    recordProcessed(w, 'b', 't-0', 0, 10);
    expect(w.ledger.a!.duplicates).toBe(0);
    expect(w.ledger.b!.duplicates).toBe(0);
    expect(w.ledger.a!.records).toBe(10);
  });

  it('totals records = sum of lengths and duplicates = sum of max(0, count - 1), exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('t-0', 't-1'), fc.oneof(range, shortRange)), { maxLength: 40 }), (ops) => {
        const w = emptyWorld();
        const models: Record<string, number[]> = {
          't-0': new Array<number>(SIZE + 1).fill(0),
          't-1': new Array<number>(SIZE + 1).fill(0),
        };
        let records = 0;
        for (const [partition, [from, to]] of ops) {
          recordProcessed(w, 'g', partition, from, to);
          records += to - from;
          for (let o = from; o < to; o++) models[partition]![o]! += 1;
        }
        const duplicates = Object.values(models)
          .flat()
          .reduce((s, c) => s + Math.max(0, c - 1), 0);
        if (ops.length === 0) {
          expect(w.ledger.g).toBeUndefined();
          return;
        }
        expect(w.ledger.g!.records).toBe(records);
        expect(w.ledger.g!.duplicates).toBe(duplicates);
        for (const [partition, model] of Object.entries(models)) {
          expect(w.ledger.g!.partitions[partition]?.segments ?? []).toEqual(compress(model));
        }
      }),
    );
  });
});

describe('recordStartPosition', () => {
  it('sets the floor once: later positions do not move it', () => {
    const w = emptyWorld();
    recordStartPosition(w, 'g', 't-0', 40);
    recordStartPosition(w, 'g', 't-0', 10);
    recordStartPosition(w, 'g', 't-0', 90);
    expect(w.ledger.g).toEqual({ records: 0, duplicates: 0, skipped: 0, partitions: { 't-0': { segments: [], floor: 40, skipped: [] } } });
  });

  it('accepts 0 as a floor (not mistaken for unset)', () => {
    const w = emptyWorld();
    recordStartPosition(w, 'g', 't-0', 0);
    recordStartPosition(w, 'g', 't-0', 5);
    expect(w.ledger.g!.partitions['t-0']!.floor).toBe(0);
  });
});

describe('lostBelow', () => {
  it('is 0 without a ledger, a committed offset or a floor', () => {
    expect(lostBelow(undefined, 10)).toBe(0);
    expect(lostBelow({ segments: [], floor: 0, skipped: [] }, null)).toBe(0);
    expect(lostBelow({ segments: [], floor: null, skipped: [] }, 10)).toBe(0);
  });

  it('is 0 when committed <= floor', () => {
    expect(lostBelow({ segments: [], floor: 10, skipped: [] }, 10)).toBe(0);
    expect(lostBelow({ segments: [], floor: 10, skipped: [] }, 3)).toBe(0);
  });

  it('counts the unprocessed offsets in [floor, committed) for a hand example', () => {
    const ledger: LedgerPartition = { segments: [[0, 4, 1], [6, 8, 2], [12, 20, 1]], floor: 2, skipped: [] };
    // [2, 15): 2,3 processed; 4,5 lost; 6,7 processed; 8..11 lost; 12,13,14 processed.
    expect(lostBelow(ledger, 15)).toBe(6);
    expect(lostBelow(ledger, 4)).toBe(0);
    expect(lostBelow(ledger, 5)).toBe(1);
  });

  it('ignores processed offsets below the floor and at or above committed', () => {
    expect(lostBelow({ segments: [[0, 5, 3], [50, 60, 1]], floor: 10, skipped: [] }, 20)).toBe(10);
  });

  it('equals the number of zero-count offsets in [floor, committed) of the model', () => {
    fc.assert(
      fc.property(
        ranges,
        fc.option(fc.integer({ min: 0, max: SIZE }), { nil: null }),
        fc.option(fc.integer({ min: 0, max: SIZE }), { nil: null }),
        (rs, floor, committed) => {
          const segments = rs.reduce<Segments>((s, [a, b]) => addRange(s, a, b), []);
          const model = expand(segments);
          let expected = 0;
          if (floor !== null && committed !== null) {
            for (let o = floor; o < committed; o++) if (model[o] === 0) expected += 1;
          }
          expect(lostBelow({ segments, floor, skipped: [] }, committed)).toBe(expected);
        },
      ),
    );
  });
});

describe('ledgerTotals', () => {
  it('is all zeros for a group with no ledger', () => {
    expect(ledgerTotals(emptyWorld(), 'g', { 't-0': 10 })).toEqual({ records: 0, duplicates: 0, lost: 0, skipped: 0 });
  });

  it('sums lost over committed partitions, with records and duplicates from the group', () => {
    const w = emptyWorld();
    recordStartPosition(w, 'g', 't-0', 0);
    recordStartPosition(w, 'g', 't-1', 5);
    recordProcessed(w, 'g', 't-0', 0, 4);
    recordProcessed(w, 'g', 't-0', 2, 6);
    recordProcessed(w, 'g', 't-1', 5, 8);
    // t-0: [0,10) minus processed [0,6) = 4 lost; t-1: [5,12) minus [5,8) = 4 lost; t-2: no ledger.
    expect(ledgerTotals(w, 'g', { 't-0': 10, 't-1': 12, 't-2': 30 })).toEqual({ records: 11, duplicates: 2, lost: 8, skipped: 0 });
    expect(ledgerTotals(w, 'g', {})).toEqual({ records: 11, duplicates: 2, lost: 0, skipped: 0 });
  });
});
