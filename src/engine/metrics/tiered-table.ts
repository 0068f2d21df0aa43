/**
 * A table of time series that share one time axis, kept in tiers of ring buffers: fine
 * buckets for the recent past, coarser ones further back, each tier a fixed number of rows.
 * Plain JSON (number arrays and null), because the whole World is structuredCloned for
 * checkpoints and digested by hash(); typed arrays would not survive either.
 *
 * A bucket of width `stepMs` labelled `t` covers the samples in (t - stepMs, t]. Samples
 * arrive at multiples of the sampling step; they fold into an open row of the finest tier,
 * which closes at its boundary. Each coarser bucket is then aggregated from the finer
 * tier's buckets inside it ('last': the newest value, 'max', 'sum'), which equals the same
 * aggregate over the raw samples. null means "no value" (not committed yet, not tracked
 * yet) and is skipped by 'max' and 'sum'.
 */

export type Aggregate = 'last' | 'max' | 'sum';

export interface TierSpec {
  /** Bucket width, ms; a multiple of the previous tier's. */
  stepMs: number;
  /** Rows kept; the oldest is overwritten when full. */
  capacity: number;
}

export interface Tier {
  stepMs: number;
  capacity: number;
  /** Number of rows held (<= capacity). */
  size: number;
  /** Slot of the oldest row once the ring is full (the next one to overwrite). */
  head: number;
  /** Bucket end time per slot. */
  t: number[];
  /** One array per column, indexed by slot like `t`. */
  cols: (number | null)[][];
}

export interface TieredTable {
  /** Aggregate of each column. */
  kinds: Aggregate[];
  tiers: Tier[];
  /** Bucket end of the open finest-tier row, or null when no sample is pending. */
  openT: number | null;
  /** The open row, one value per column. */
  open: (number | null)[];
}

export function createTable(specs: readonly TierSpec[], kinds: readonly Aggregate[] = []): TieredTable {
  specs.forEach((s, i) => {
    const prev = specs[i - 1];
    if (prev && s.stepMs % prev.stepMs !== 0) throw new Error(`internal: tier step ${s.stepMs} is not a multiple of ${prev.stepMs}`);
  });
  return {
    kinds: [...kinds],
    tiers: specs.map((s) => ({
      stepMs: s.stepMs, capacity: s.capacity, size: 0, head: 0, t: [], cols: kinds.map(() => []),
    })),
    openT: null,
    open: kinds.map(() => null),
  };
}

/** Adds columns (e.g. a partition that appeared); their past rows are null. Returns the first new index. */
export function addColumns(table: TieredTable, kinds: readonly Aggregate[]): number {
  const first = table.kinds.length;
  for (const kind of kinds) {
    table.kinds.push(kind);
    table.open.push(null);
    for (const tier of table.tiers) tier.cols.push(new Array<number | null>(tier.size).fill(null));
  }
  return first;
}

/**
 * Starts the sample at `t` (a multiple of the sampling step): opens the finest-tier row
 * `t` belongs to, if it is not open yet.
 */
export function beginSample(table: TieredTable, t: number): void {
  const step = table.tiers[0]!.stepMs;
  const end = Math.ceil(t / step) * step;
  if (table.openT === end) return;
  if (table.openT !== null) closeOpenRow(table);
  table.openT = end;
  table.open.fill(null);
}

/** Folds one value of the current sample into the open row. */
export function fold(table: TieredTable, col: number, value: number | null): void {
  const open = table.open;
  switch (table.kinds[col]) {
    case 'last':
      open[col] = value;
      return;
    case 'max': {
      const prev = open[col] ?? null;
      if (value !== null && (prev === null || value > prev)) open[col] = value;
      return;
    }
    case 'sum': {
      if (value !== null) open[col] = (open[col] ?? 0) + value;
      return;
    }
    default:
      throw new Error(`internal: no column ${col}`);
  }
}

/** Ends the sample at `t`: at the finest tier's boundary the open row closes and cascades. */
export function endSample(table: TieredTable, t: number): void {
  if (table.openT !== null && t >= table.openT) closeOpenRow(table);
}

function closeOpenRow(table: TieredTable): void {
  const t = table.openT!;
  pushRow(table.tiers[0]!, t, table.open);
  table.openT = null;
  for (let i = 1; i < table.tiers.length; i++) {
    const tier = table.tiers[i]!;
    if (t % tier.stepMs !== 0) break;
    const row = aggregateNewest(table.tiers[i - 1]!, table.kinds, t - tier.stepMs, t);
    if (row) pushRow(tier, t, row);
  }
}

function pushRow(tier: Tier, t: number, row: readonly (number | null)[]): void {
  const { cols } = tier;
  if (tier.size < tier.capacity) {
    tier.t.push(t);
    for (let c = 0; c < cols.length; c++) cols[c]!.push(row[c] ?? null);
    tier.size += 1;
    return;
  }
  const slot = tier.head;
  tier.t[slot] = t;
  for (let c = 0; c < cols.length; c++) cols[c]![slot] = row[c] ?? null;
  tier.head = (slot + 1) % tier.capacity;
}

/** Slot of the k-th oldest row (0 = oldest). */
export function slotOf(tier: Tier, k: number): number {
  return tier.size < tier.capacity ? k : (tier.head + k) % tier.capacity;
}

/** Aggregates the rows of `tier` with bucket end in (from, to]; null if there are none. */
function aggregateNewest(tier: Tier, kinds: readonly Aggregate[], from: number, to: number): (number | null)[] | null {
  const slots: number[] = [];
  for (let k = tier.size - 1; k >= 0; k--) {
    const slot = slotOf(tier, k);
    const t = tier.t[slot]!;
    if (t <= from) break;
    if (t <= to) slots.push(slot); // newest first
  }
  if (slots.length === 0) return null;
  return kinds.map((kind, c) => {
    const col = tier.cols[c]!;
    if (kind === 'last') return col[slots[0]!] ?? null;
    let acc: number | null = null;
    for (const slot of slots) {
      const v = col[slot] ?? null;
      if (v === null) continue;
      acc = acc === null ? v : kind === 'max' ? Math.max(acc, v) : acc + v;
    }
    return acc;
  });
}

/** The rows of one tier, oldest first, optionally only those with bucket end < before. */
export function tierRows(tier: Tier, cols: readonly number[], before = Infinity): { t: number[]; values: (number | null)[][] } {
  const t: number[] = [];
  const values: (number | null)[][] = cols.map(() => []);
  for (let k = 0; k < tier.size; k++) {
    const slot = slotOf(tier, k);
    const time = tier.t[slot]!;
    if (time >= before) break;
    t.push(time);
    cols.forEach((c, i) => values[i]!.push(tier.cols[c]![slot] ?? null));
  }
  return { t, values };
}

/**
 * One series over the whole history, oldest first, each instant covered by exactly one
 * bucket: coarse tiers fill in only what finer ones no longer hold. Going from coarse to
 * fine, a finer tier replaces every bucket that starts inside its coverage; the one bucket
 * that straddles its oldest edge stays, and finer rows begin after it (so there is no
 * gap, at the cost of less than one coarse bucket of fine detail).
 * `stepMs[i]` is the width of bucket i (a rate is a sum divided by it).
 */
export function mergedRows(table: TieredTable, cols: readonly number[]): { t: number[]; stepMs: number[]; values: (number | null)[][] } {
  let t: number[] = [];
  let stepMs: number[] = [];
  let values: (number | null)[][] = cols.map(() => []);
  for (let i = table.tiers.length - 1; i >= 0; i--) {
    const tier = table.tiers[i]!;
    if (tier.size === 0) continue;
    const oldest = tier.t[slotOf(tier, 0)]!;
    const coverageStart = oldest - tier.stepMs;
    let keep = 0;
    while (keep < t.length && t[keep]! - stepMs[keep]! < coverageStart) keep++;
    const after = keep > 0 ? t[keep - 1]! : -Infinity;
    t = t.slice(0, keep);
    stepMs = stepMs.slice(0, keep);
    values = values.map((v) => v.slice(0, keep));
    for (let k = 0; k < tier.size; k++) {
      const slot = slotOf(tier, k);
      const time = tier.t[slot]!;
      if (time <= after) continue;
      t.push(time);
      stepMs.push(tier.stepMs);
      cols.forEach((c, j) => values[j]!.push(tier.cols[c]![slot] ?? null));
    }
  }
  return { t, stepMs, values };
}
