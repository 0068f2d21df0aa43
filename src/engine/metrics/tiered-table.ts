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
 * Rows live in chunks of `chunkRows` rows, one flat array each, row after row
 * (`values[row * stride + column]`): a sample writes one contiguous row, fast with
 * thousands of columns (10,000 group-partitions x 3 fields). A chunk once full is never
 * written again, so a checkpoint (taken every few seconds of virtual time) can share the
 * full chunks instead of copying them (see shareChunks): copying costs about 20 ns per
 * number, and the series hold tens of thousands. The oldest chunk goes when the tier holds
 * more than `capacity` rows. All values are non-negative integers, so NONE = -1 keeps the
 * arrays dense small-integer arrays.
 */

export type Aggregate = 'last' | 'max' | 'sum';

/** "No value" inside the arrays (null outside). */
export const NONE = -1;

export interface TierSpec {
  /** Bucket width, ms; a multiple of the previous tier's. */
  stepMs: number;
  /** Rows kept at most; whole chunks of the oldest go when there are more. */
  capacity: number;
  /** Rows per chunk (default DEFAULT_CHUNK_ROWS); 1 makes an exact ring of `capacity` rows. */
  chunkRows?: number;
}

/** Rows per chunk: small, so what a checkpoint copies (the chunk being filled) stays small. */
export const DEFAULT_CHUNK_ROWS = 4;

/** A run of rows; once it holds chunkRows rows it is never written again. */
export interface Chunk {
  /** Bucket end time per row. */
  t: number[];
  /** Values per row (the column count when the chunk was filled). */
  stride: number;
  /** Row after row: `values[row * stride + column]`; NONE = no value. Sized for chunkRows rows once the first is written (rows not written yet hold NONE). */
  values: number[];
}

export interface Tier {
  stepMs: number;
  capacity: number;
  chunkRows: number;
  /** Full chunks, oldest first: shared, never written. */
  chunks: Chunk[];
  /** The chunk being filled (fewer than chunkRows rows). */
  current: Chunk;
  /** Rows held: chunks.length * chunkRows + current.t.length (<= capacity). */
  size: number;
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
      stepMs: s.stepMs,
      capacity: s.capacity,
      chunkRows: Math.max(1, Math.min(s.chunkRows ?? DEFAULT_CHUNK_ROWS, s.capacity)),
      chunks: [],
      current: { t: [], stride: kinds.length, values: [] },
      size: 0,
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
    // Only the chunk being filled moves; full chunks keep their stride. Grow by half at
    // least, so a thousand partitions added one by one move it a few dozen times.
    if (width > tier.current.stride) restride(tier.current, Math.max(width, Math.ceil(tier.current.stride * 1.5)));
  }
  return first;
}

function restride(chunk: Chunk, stride: number): void {
  const rows = chunk.t.length;
  // Room for every row the chunk will hold (see appendRow).
  const values = new Array<number>(Math.max(chunk.values.length / Math.max(1, chunk.stride), rows) * stride).fill(NONE);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < chunk.stride; c++) values[r * stride + c] = chunk.values[r * chunk.stride + c]!;
  }
  chunk.stride = stride;
  chunk.values = values;
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
  appendRow(finest, t, table.kinds.length, table.open, 0, table.open.length);
  table.openT = null;
  for (let i = 1; i < table.tiers.length; i++) {
    const tier = table.tiers[i]!;
    if (t % tier.stepMs !== 0) break;
    if (!aggregateInto(table.tiers[i - 1]!, tier, table.kinds, t)) break;
  }
}

/**
 * Adds a row ending at t to the tier's chunk being filled and returns that chunk; its last
 * row is the new one, holding src[from .. from + count) and NONE in the columns after. A full
 * chunk is set aside first, and the oldest chunk goes when the tier would hold more than its
 * capacity.
 */
function appendRow(tier: Tier, t: number, width: number, src: readonly number[] | null = null, from = 0, count = 0): Chunk {
  let chunk = tier.current;
  if (chunk.t.length >= tier.chunkRows) {
    tier.chunks.push(chunk);
    chunk = { t: [], stride: Math.max(width, chunk.stride), values: [] };
    tier.current = chunk;
  }
  chunk.t.push(t);
  const base = (chunk.t.length - 1) * chunk.stride;
  // Allocated once for all the chunk's rows (rows of thousands of columns: growing the array
  // row by row would copy it again and again and churn the collector).
  if (chunk.values.length < base + chunk.stride) {
    const room = new Array<number>(tier.chunkRows * chunk.stride).fill(NONE);
    for (let i = 0; i < base; i++) room[i] = chunk.values[i]!;
    chunk.values = room;
  }
  const values = chunk.values;
  const copied = src === null ? 0 : Math.min(count, chunk.stride);
  for (let c = 0; c < copied; c++) values[base + c] = src![from + c]!;
  for (let c = copied; c < chunk.stride; c++) values[base + c] = NONE;
  tier.size += 1;
  if (tier.size > tier.capacity && tier.chunks.length > 0) {
    tier.chunks.shift();
    tier.size -= tier.chunkRows;
  }
  return chunk;
}

/** The chunk holding the k-th oldest row (0 = oldest) and the row's index in it. */
function locate(tier: Tier, k: number): [chunk: Chunk, row: number] {
  const full = tier.chunks.length * tier.chunkRows;
  if (k >= full) return [tier.current, k - full];
  return [tier.chunks[Math.floor(k / tier.chunkRows)]!, k % tier.chunkRows];
}

/** Bucket end of the k-th oldest row. */
export function rowTime(tier: Tier, k: number): number {
  const [chunk, row] = locate(tier, k);
  return chunk.t[row]!;
}

/** The k-th oldest row's value in a column, null for none (also for a column added after it). */
export function rowValue(tier: Tier, k: number, col: number): number | null {
  const [chunk, row] = locate(tier, k);
  if (col >= chunk.stride) return null;
  const v = chunk.values[row * chunk.stride + col]!;
  return v === NONE ? null : v;
}

/**
 * Aggregates the finer tier's newest rows with bucket end in (t - coarse.stepMs, t] into a
 * new row of `coarse` ending at t. Returns false when there are none (nothing to cascade).
 */
function aggregateInto(fine: Tier, coarse: Tier, kinds: readonly Aggregate[], t: number): boolean {
  const from = t - coarse.stepMs;
  let rows = 0; // the newest `rows` rows of `fine` fall in the bucket (rows are in time order)
  while (rows < fine.size && rowTime(fine, fine.size - 1 - rows) > from) rows++;
  if (rows === 0) return false;
  if (rows === 1) {
    // One finer bucket: every aggregate of one row is that row ('last', 'max' and 'sum' alike).
    const [only, row] = locate(fine, fine.size - 1);
    appendRow(coarse, t, kinds.length, only.values, row * only.stride, Math.min(kinds.length, only.stride));
    return true;
  }
  const out = appendRow(coarse, t, kinds.length);
  const dst = out.values;
  const base = (out.t.length - 1) * out.stride;
  const [newest, newestRow] = locate(fine, fine.size - 1);
  for (let c = 0; c < kinds.length; c++) {
    dst[base + c] = kinds[c] === 'last' && c < newest.stride ? newest.values[newestRow * newest.stride + c]! : NONE;
  }
  for (let k = 0; k < rows; k++) {
    const [chunk, row] = locate(fine, fine.size - 1 - k);
    const src = chunk.values;
    const at = row * chunk.stride;
    const width = Math.min(kinds.length, chunk.stride);
    for (let c = 0; c < width; c++) {
      const kind = kinds[c];
      if (kind === 'last') continue;
      const v = src[at + c]!;
      if (v === NONE) continue;
      const acc = dst[base + c]!;
      dst[base + c] = acc === NONE ? v : kind === 'max' ? (v > acc ? v : acc) : acc + v;
    }
  }
  return true;
}

/**
 * A copy of `value` (plain data holding tables) in which every table's full chunks are
 * shared, not copied: they are never written again, so a checkpoint may hold them as they
 * are. Everything else is a deep copy (structuredClone).
 */
export function cloneSharingChunks<T>(value: T, tables: (v: T) => TieredTable[]): T {
  const original = tables(value);
  const saved = original.map((table) => table.tiers.map((tier) => tier.chunks));
  original.forEach((table) => table.tiers.forEach((tier) => (tier.chunks = [])));
  let copy: T;
  try {
    copy = structuredClone(value);
  } finally {
    original.forEach((table, i) => table.tiers.forEach((tier, j) => (tier.chunks = saved[i]![j]!)));
  }
  tables(copy).forEach((table, i) => table.tiers.forEach((tier, j) => (tier.chunks = [...saved[i]![j]!])));
  return copy;
}

/** The rows of one tier, oldest first, optionally only those with bucket end < before. */
export function tierRows(tier: Tier, cols: readonly number[], before = Infinity): { t: number[]; values: (number | null)[][] } {
  const t: number[] = [];
  const values: (number | null)[][] = cols.map(() => []);
  for (let k = 0; k < tier.size; k++) {
    const time = rowTime(tier, k);
    if (time >= before) break;
    t.push(time);
    cols.forEach((c, i) => values[i]!.push(rowValue(tier, k, c)));
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
  const widthOf = (tier: Tier, k: number) => (spanCol === null ? tier.stepMs : (rowValue(tier, k, spanCol) ?? tier.stepMs));
  for (let i = table.tiers.length - 1; i >= 0; i--) {
    const tier = table.tiers[i]!;
    if (tier.size === 0) continue;
    const coverageStart = rowTime(tier, 0) - widthOf(tier, 0);
    let keep = 0;
    while (keep < t.length && t[keep]! - stepMs[keep]! < coverageStart) keep++;
    const after = keep > 0 ? t[keep - 1]! : -Infinity;
    t = t.slice(0, keep);
    stepMs = stepMs.slice(0, keep);
    values = values.map((v) => v.slice(0, keep));
    for (let k = 0; k < tier.size; k++) {
      const time = rowTime(tier, k);
      if (time <= after) continue;
      t.push(time);
      stepMs.push(widthOf(tier, k));
      cols.forEach((c, j) => values[j]!.push(rowValue(tier, k, c)));
    }
  }
  return { t, stepMs, values };
}
