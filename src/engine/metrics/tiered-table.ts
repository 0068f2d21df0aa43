/**
 * A table of time series that share one time axis, kept in tiers of ring buffers: fine
 * buckets for the recent past, coarser ones further back, each tier a fixed number of rows.
 * Plain JSON (number arrays), because the whole World is structuredCloned for checkpoints
 * and digested by hash(); typed arrays would not survive either.
 *
 * A bucket of width `stepMs` labelled `t` covers the samples in (t - stepMs, t]. Samples
 * arrive at multiples of the sampling step; they fold into an open row of the finest tier,
 * which closes at its boundary. Each coarser bucket is then aggregated from the finer
 * tier's buckets inside it ('last': the newest value, 'max', 'sum'), which equals the same
 * aggregate over the raw samples. null means "no value" (not committed yet, not tracked
 * yet) and is skipped by 'max' and 'sum'; inside the arrays it is stored as NONE.
 *
 * One flat array per tier, row after row (`values[slot * stride + column]`): a sample
 * writes one contiguous row, fast with thousands of columns (10,000 group-partitions x 3
 * fields), and a checkpoint clones a few dense integer arrays instead of thousands of
 * small ones (every 10 s of virtual time, so this matters). All values are non-negative
 * integers, so NONE = -1 keeps the arrays dense small-integer arrays.
 */

export type Aggregate = 'last' | 'max' | 'sum';

/** "No value" inside the arrays (null outside). */
export const NONE = -1;

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
  /** Values per row; >= the column count, so adding a column rarely moves the rows. */
  stride: number;
  /** Row after row: `values[slot * stride + column]`; NONE = no value. */
  values: number[];
}

export interface TieredTable {
  /** Aggregate of each column. */
  kinds: Aggregate[];
  tiers: Tier[];
  /** Bucket end of the open finest-tier row, or null when no sample is pending. */
  openT: number | null;
  /** The open row, one value per column (NONE = no value). */
  open: number[];
}

export function createTable(specs: readonly TierSpec[], kinds: readonly Aggregate[] = []): TieredTable {
  specs.forEach((s, i) => {
    const prev = specs[i - 1];
    if (prev && s.stepMs % prev.stepMs !== 0) throw new Error(`internal: tier step ${s.stepMs} is not a multiple of ${prev.stepMs}`);
  });
  return {
    kinds: [...kinds],
    tiers: specs.map((s) => ({
      stepMs: s.stepMs, capacity: s.capacity, size: 0, head: 0, t: [], stride: kinds.length, values: [],
    })),
    openT: null,
    open: kinds.map(() => NONE),
  };
}

/** Adds columns (e.g. a partition that appeared); their past rows are null. Returns the first new index. */
export function addColumns(table: TieredTable, kinds: readonly Aggregate[]): number {
  const first = table.kinds.length;
  for (const kind of kinds) {
    table.kinds.push(kind);
    table.open.push(NONE);
  }
  const width = table.kinds.length;
  for (const tier of table.tiers) {
    // Grow by half at least, so a thousand partitions added one by one move the rows a few
    // dozen times, not a thousand.
    if (width > tier.stride) restride(tier, Math.max(width, Math.ceil(tier.stride * 1.5)));
  }
  return first;
}

function restride(tier: Tier, stride: number): void {
  const values = new Array<number>(tier.size * stride).fill(NONE);
  for (let slot = 0; slot < tier.size; slot++) {
    for (let c = 0; c < tier.stride; c++) values[slot * stride + c] = tier.values[slot * tier.stride + c]!;
  }
  tier.stride = stride;
  tier.values = values;
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
  table.open.fill(NONE);
}

/** Folds one value of the current sample into the open row (null = no value). */
export function fold(table: TieredTable, col: number, value: number | null): void {
  const open = table.open;
  if (value === null) {
    if (table.kinds[col] === 'last') open[col] = NONE;
    return;
  }
  switch (table.kinds[col]) {
    case 'last':
      open[col] = value;
      return;
    case 'max':
      if (value > open[col]!) open[col] = value; // NONE (-1) is below every value
      return;
    case 'sum':
      open[col] = open[col] === NONE ? value : open[col]! + value;
      return;
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
  const finest = table.tiers[0]!;
  const base = appendRow(finest, t) * finest.stride;
  const { open } = table;
  const { values } = finest;
  for (let c = 0; c < open.length; c++) values[base + c] = open[c]!;
  table.openT = null;
  for (let i = 1; i < table.tiers.length; i++) {
    const tier = table.tiers[i]!;
    if (t % tier.stepMs !== 0) break;
    if (!aggregateInto(table.tiers[i - 1]!, tier, table.kinds, t)) break;
  }
}

/** Makes room for a row ending at t (growing, or overwriting the oldest) and returns its slot. */
function appendRow(tier: Tier, t: number): number {
  if (tier.size < tier.capacity) {
    tier.t.push(t);
    for (let c = 0; c < tier.stride; c++) tier.values.push(NONE);
    tier.size += 1;
    return tier.size - 1;
  }
  const slot = tier.head;
  tier.t[slot] = t;
  tier.head = (slot + 1) % tier.capacity;
  tier.values.fill(NONE, slot * tier.stride, (slot + 1) * tier.stride);
  return slot;
}

/** Slot of the k-th oldest row (0 = oldest). */
export function slotOf(tier: Tier, k: number): number {
  return tier.size < tier.capacity ? k : (tier.head + k) % tier.capacity;
}

/** A row's value in a column, null for none (also for a column the tier has not seen). */
export function valueAt(tier: Tier, slot: number, col: number): number | null {
  if (col >= tier.stride) return null;
  const v = tier.values[slot * tier.stride + col]!;
  return v === NONE ? null : v;
}

/**
 * Aggregates the finer tier's newest rows with bucket end in (t - coarse.stepMs, t] into a
 * new row of `coarse` ending at t. Returns false when there are none (nothing to cascade).
 */
function aggregateInto(fine: Tier, coarse: Tier, kinds: readonly Aggregate[], t: number): boolean {
  const from = t - coarse.stepMs;
  let rows = 0; // the newest `rows` rows of `fine` fall in the bucket (rows are in time order)
  while (rows < fine.size && fine.t[slotOf(fine, fine.size - 1 - rows)]! > from) rows++;
  if (rows === 0) return false;
  const out = appendRow(coarse, t) * coarse.stride;
  const newest = slotOf(fine, fine.size - 1) * fine.stride;
  const src = fine.values;
  const dst = coarse.values;
  for (let c = 0; c < kinds.length; c++) dst[out + c] = kinds[c] === 'last' ? src[newest + c]! : NONE;
  for (let k = 0; k < rows; k++) {
    const row = slotOf(fine, fine.size - 1 - k) * fine.stride;
    for (let c = 0; c < kinds.length; c++) {
      const kind = kinds[c];
      if (kind === 'last') continue;
      const v = src[row + c]!;
      if (v === NONE) continue;
      const acc = dst[out + c]!;
      dst[out + c] = acc === NONE ? v : kind === 'max' ? (v > acc ? v : acc) : acc + v;
    }
  }
  return true;
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
    cols.forEach((c, i) => values[i]!.push(valueAt(tier, slot, c)));
  }
  return { t, values };
}

/**
 * One series over the whole history, oldest first, each instant covered by exactly one
 * bucket: coarse tiers fill in only what finer ones no longer hold. Going from coarse to
 * fine, a finer tier replaces every bucket that starts inside its coverage; the one bucket
 * that straddles its oldest edge stays, and finer rows begin after it (so there is no
 * gap, at the cost of less than one coarse bucket of fine detail).
 * `stepMs[i]` is the width of bucket i (a rate is a sum divided by it): the tier's step,
 * or, with `spanCol`, that column's value (the time the bucket's samples really span).
 */
export function mergedRows(
  table: TieredTable,
  cols: readonly number[],
  spanCol: number | null = null,
): { t: number[]; stepMs: number[]; values: (number | null)[][] } {
  let t: number[] = [];
  let stepMs: number[] = [];
  let values: (number | null)[][] = cols.map(() => []);
  const widthOf = (tier: Tier, slot: number) => (spanCol === null ? tier.stepMs : (valueAt(tier, slot, spanCol) ?? tier.stepMs));
  for (let i = table.tiers.length - 1; i >= 0; i--) {
    const tier = table.tiers[i]!;
    if (tier.size === 0) continue;
    const oldestSlot = slotOf(tier, 0);
    const coverageStart = tier.t[oldestSlot]! - widthOf(tier, oldestSlot);
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
      stepMs.push(widthOf(tier, slot));
      cols.forEach((c, j) => values[j]!.push(valueAt(tier, slot, c)));
    }
  }
  return { t, stepMs, values };
}
