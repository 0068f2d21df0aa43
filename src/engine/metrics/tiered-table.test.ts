import { describe, expect, it } from 'vitest';
import { addColumns, beginSample, cloneSharingChunks, createTable, endSample, fold, mergedRows, tierRows, type Tier, type TieredTable } from './tiered-table';

function sample(table: TieredTable, t: number, values: (number | null)[]): void {
  beginSample(table, t);
  values.forEach((v, c) => fold(table, c, v));
  endSample(table, t);
}

// chunkRows 1: exact rings of `capacity` rows, so the tests can name every row.
const SPECS = [
  { stepMs: 1_000, capacity: 5, chunkRows: 1 },
  { stepMs: 5_000, capacity: 4, chunkRows: 1 },
  { stepMs: 20_000, capacity: 3, chunkRows: 1 },
];

describe('tiered table', () => {
  it('downsamples: last, max and sum over the finer buckets', () => {
    const table = createTable(SPECS, ['last', 'max', 'sum']);
    for (let s = 1; s <= 10; s++) sample(table, s * 1000, [s, s === 3 ? 100 : s, 1]);
    const coarse = tierRows(table.tiers[1]!, [0, 1, 2]);
    expect(coarse.t).toEqual([5_000, 10_000]);
    expect(coarse.values).toEqual([
      [5, 10],
      [100, 10],
      [5, 5],
    ]);
    // The finest tier is a ring of 5: only seconds 6..10 are left.
    expect(tierRows(table.tiers[0]!, [0]).t).toEqual([6_000, 7_000, 8_000, 9_000, 10_000]);
  });

  it('folds several samples into one bucket when the finest step is wider than the sampling', () => {
    const table = createTable([{ stepMs: 10_000, capacity: 3 }], ['last', 'max', 'sum']);
    for (let s = 1; s <= 20; s++) sample(table, s * 1000, [s, s % 7, 2]);
    expect(tierRows(table.tiers[0]!, [0, 1, 2])).toEqual({ t: [10_000, 20_000], values: [[10, 20], [6, 6], [20, 20]] });
    expect(table.openT).toBeNull();
  });

  it('skips null in max and sum, keeps a trailing null for last', () => {
    const table = createTable([{ stepMs: 3_000, capacity: 3 }], ['last', 'max', 'sum']);
    sample(table, 1000, [1, null, null]);
    sample(table, 2000, [2, 4, 3]);
    sample(table, 3000, [null, null, null]);
    expect(tierRows(table.tiers[0]!, [0, 1, 2]).values).toEqual([[null], [4], [3]]);
    const empty = createTable([{ stepMs: 1_000, capacity: 2 }], ['max', 'sum']);
    sample(empty, 1000, [null, null]);
    expect(tierRows(empty.tiers[0]!, [0, 1]).values).toEqual([[null], [null]]);
  });

  it('stays bounded over hours: every tier holds at most its capacity', () => {
    const table = createTable(SPECS, ['last', 'sum']);
    const hours = 5;
    for (let s = 1; s <= hours * 3600; s++) sample(table, s * 1000, [s, 1]);
    expect(table.tiers.map((t) => t.size)).toEqual([5, 4, 3]);
    const stored = (t: Tier) => [...t.chunks, t.current].reduce((n, c) => n + c.t.length, 0);
    expect(table.tiers.map(stored)).toEqual([5, 4, 3]);
    // The coarsest tier holds the newest three 20 s buckets, in order.
    expect(tierRows(table.tiers[2]!, [0, 1])).toEqual({
      t: [hours * 3_600_000 - 40_000, hours * 3_600_000 - 20_000, hours * 3_600_000],
      values: [
        [hours * 3600 - 40, hours * 3600 - 20, hours * 3600],
        [20, 20, 20],
      ],
    });
  });

  it('merges the tiers into one series, each instant covered once, with no gap', () => {
    const table = createTable(SPECS, ['last', 'sum']);
    for (let s = 1; s <= 47; s++) sample(table, s * 1000, [s, 1]);
    const merged = mergedRows(table, [0, 1]);
    // Tier 0 holds 43..47 s; tier 1 the 5 s buckets ending 30..45 s; tier 2 those ending 20
    // and 40 s. The 40 s bucket straddles tier 1's oldest edge (25 s), so it stays and tier 1
    // continues after it; tier 0 likewise continues after the 45 s bucket.
    expect(merged.t).toEqual([20_000, 40_000, 45_000, 46_000, 47_000]);
    expect(merged.stepMs).toEqual([20_000, 20_000, 5_000, 1_000, 1_000]);
    // Buckets tile the time line: each starts where the previous one ended.
    for (let i = 1; i < merged.t.length; i++) expect(merged.t[i]! - merged.stepMs[i]!).toBe(merged.t[i - 1]);
    // Sums over the merged buckets count every sample from 1 s to 47 s exactly once.
    expect(merged.values[1]!.reduce<number>((a, b) => a + (b ?? 0), 0)).toBe(47);
    expect(merged.values[0]!.at(-1)).toBe(47);
  });

  it('adds columns later with null history', () => {
    const table = createTable(SPECS, ['last']);
    sample(table, 1000, [1]);
    const col = addColumns(table, ['max']);
    expect(col).toBe(1);
    sample(table, 2000, [2, 9]);
    expect(tierRows(table.tiers[0]!, [0, 1]).values).toEqual([
      [1, 2],
      [null, 9],
    ]);
  });

  it('keeps every row when columns are added one by one (the rows are moved, not lost)', () => {
    const table = createTable(SPECS, ['sum']);
    for (let s = 1; s <= 12; s++) {
      addColumns(table, ['last']);
      beginSample(table, s * 1000);
      fold(table, 0, 1);
      for (let c = 1; c <= s; c++) fold(table, c, s * 100 + c);
      endSample(table, s * 1000);
    }
    // Column 3 appeared at 3 s: null before, then its own values.
    expect(tierRows(table.tiers[0]!, [3]).values[0]).toEqual([803, 903, 1003, 1103, 1203]);
    expect(tierRows(table.tiers[1]!, [0, 3, 12]).values).toEqual([[5, 5], [503, 1003], [null, null]]);
    expect(table.tiers.every((t) => t.current.stride >= 13 && t.current.values.length === t.current.t.length * t.current.stride)).toBe(true);
  });

  it('keeps at most capacity rows in chunks, dropping the oldest chunk whole', () => {
    const table = createTable([{ stepMs: 1_000, capacity: 20, chunkRows: 8 }], ['last']);
    const sizes: number[] = [];
    for (let s = 1; s <= 100; s++) {
      sample(table, s * 1000, [s]);
      sizes.push(table.tiers[0]!.size);
    }
    expect(Math.max(...sizes)).toBe(20);
    expect(Math.min(...sizes.slice(20))).toBe(13); // 20 + 1 - 8
    const rows = tierRows(table.tiers[0]!, [0]);
    expect(rows.values[0]).toEqual(rows.t.map((t) => t / 1000)); // in order, nothing lost inside
    expect(rows.t.at(-1)).toBe(100_000);
  });

  it('a copy for a checkpoint shares full chunks and copies the rest', () => {
    const table = createTable([{ stepMs: 1_000, capacity: 50, chunkRows: 4 }], ['sum']);
    for (let s = 1; s <= 10; s++) sample(table, s * 1000, [s]);
    const state = { tables: [table] };
    const copy = cloneSharingChunks(state, (v) => v.tables);
    expect(copy).toEqual(state);
    expect(copy.tables[0]!.tiers[0]!.chunks[0]).toBe(table.tiers[0]!.chunks[0]); // shared
    expect(copy.tables[0]!.tiers[0]!.current).not.toBe(table.tiers[0]!.current); // copied
    // Going on in the original leaves the copy as it was.
    for (let s = 11; s <= 20; s++) sample(table, s * 1000, [s]);
    expect(tierRows(copy.tables[0]!.tiers[0]!, [0]).t.at(-1)).toBe(10_000);
    expect(tierRows(table.tiers[0]!, [0]).t.at(-1)).toBe(20_000);
  });

  it('survives structuredClone as plain data', () => {
    const table = createTable(SPECS, ['last', 'sum']);
    for (let s = 1; s <= 30; s++) sample(table, s * 1000, [s, 1]);
    const copy = structuredClone(table);
    expect(copy).toEqual(table);
    expect(JSON.parse(JSON.stringify(table))).toEqual(table);
  });
});
