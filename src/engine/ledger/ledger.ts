/**
 * The truth ledger: for each group and partition, which offsets were processed and how
 * many times, as an interval set with counts. Duplicates and losses are exact at any rate
 * because cost grows with ranges, not records.
 */
import type { LedgerGroup, LedgerPartition, World } from '../world';

function groupLedger(w: World, groupId: string): LedgerGroup {
  return (w.ledger[groupId] ??= { records: 0, duplicates: 0, skipped: 0, partitions: {} });
}

function partitionLedger(group: LedgerGroup, partition: string): LedgerPartition {
  return (group.partitions[partition] ??= { segments: [], floor: null, skipped: [] });
}

/** The group took its first position on a partition: records before it are not its to lose. */
export function recordStartPosition(w: World, groupId: string, partition: string, offset: number): void {
  const ledger = partitionLedger(groupLedger(w, groupId), partition);
  if (ledger.floor === null) ledger.floor = offset;
}

/**
 * Adds one processing of offsets [from, to). Every record already processed before counts
 * once more as a duplicate.
 */
export function recordProcessed(w: World, groupId: string, partition: string, from: number, to: number): void {
  if (to > from) addProcessing(groupLedger(w, groupId), partition, from, to);
}

/** recordProcessed for each range of a batch: the group's ledger is looked up once. */
export function recordProcessedRanges(w: World, groupId: string, ranges: readonly { partition: string; from: number; to: number }[]): void {
  let group: LedgerGroup | undefined;
  for (const r of ranges) if (r.to > r.from) addProcessing((group ??= groupLedger(w, groupId)), r.partition, r.from, r.to);
}

/** A group's ledger and one partition's in it, for a caller that writes there again and again. */
export function ledgerOf(w: World, groupId: string, partition: string): { group: LedgerGroup; partition: LedgerPartition } {
  const group = groupLedger(w, groupId);
  return { group, partition: partitionLedger(group, partition) };
}

/** recordProcessed into a ledger looked up once (ledgerOf). */
export function recordProcessedIn(at: { group: LedgerGroup; partition: LedgerPartition }, from: number, to: number): void {
  if (to > from) addToLedger(at.group, at.partition, from, to);
}

function addProcessing(group: LedgerGroup, partition: string, from: number, to: number): void {
  if (to <= from) return;
  addToLedger(group, partitionLedger(group, partition), from, to);
}

function addToLedger(group: LedgerGroup, ledger: LedgerPartition, from: number, to: number): void {
  group.records += to - from;
  const segments = ledger.segments;
  const last = segments[segments.length - 1];
  // The common case: a consumer reading on from where it stopped. Nothing is covered yet;
  // extend the last segment in place instead of rebuilding the list.
  if (last === undefined || last[1] <= from) {
    if (last !== undefined && last[1] === from && last[2] === 1) last[1] = to;
    else segments.push([from, to, 1]);
    return;
  }
  group.duplicates += coveredLength(segments, from, to);
  ledger.segments = addRange(segments, from, to);
}

/** Length of [from, to) already covered by at least one processing. */
function coveredLength(segments: LedgerPartition['segments'], from: number, to: number): number {
  let covered = 0;
  for (const [a, b] of segments) {
    if (b <= from) continue;
    if (a >= to) break;
    covered += Math.min(b, to) - Math.max(a, from);
  }
  return covered;
}

/** Returns the segments with +1 on [from, to), split where needed and merged where equal. */
export function addRange(
  segments: LedgerPartition['segments'],
  from: number,
  to: number,
): LedgerPartition['segments'] {
  if (to <= from) return segments;
  const out: LedgerPartition['segments'] = [];
  const push = (a: number, b: number, count: number) => {
    if (b <= a) return;
    const last = out[out.length - 1];
    if (last && last[1] === a && last[2] === count) last[1] = b;
    else out.push([a, b, count]);
  };
  let cursor = from;
  for (const [a, b, count] of segments) {
    if (b <= from || a >= to) {
      if (a >= to && cursor < to) {
        push(cursor, to, 1);
        cursor = to;
      }
      push(a, b, count);
      continue;
    }
    push(a, Math.max(a, from), count); // part before the new range
    if (cursor < a) push(cursor, a, 1); // gap inside the new range
    push(Math.max(a, from), Math.min(b, to), count + 1);
    cursor = Math.min(b, to);
    push(Math.min(b, to), b, count); // part after the new range
  }
  if (cursor < to) push(cursor, to, 1);
  return out;
}

/**
 * auto.offset.reset moved the group's position from `from` to `to` without processing what
 * lies between (deleted by retention, or jumped to the log end): skipped, not lost.
 */
export function recordSkipped(w: World, groupId: string, partition: string, from: number, to: number): void {
  if (to <= from) return;
  const group = groupLedger(w, groupId);
  const ledger = partitionLedger(group, partition);
  if (ledger.floor === null) ledger.floor = from;
  const before = unionLength([ledger.skipped], from, to);
  ledger.skipped = mergeRanges([...ledger.skipped, [from, to]]);
  group.skipped += to - from - before;
}

/**
 * Records in [floor, committed) that nobody processed, skipped or is still processing: lost.
 * A batch in flight (a zombie's included) is not lost yet, so the count never goes back down.
 */
export function lostBelow(
  ledger: LedgerPartition | undefined,
  committed: number | null,
  inFlight: readonly [number, number][] = [],
): number {
  if (!ledger || committed === null || ledger.floor === null || committed <= ledger.floor) return 0;
  // The common case, read every frame for every partition: one processed run from the floor
  // covers everything below the committed offset.
  const first = ledger.segments[0];
  if (first !== undefined && first[0] <= ledger.floor && first[1] >= committed) return 0;
  const processed = ledger.segments.map(([a, b]) => [a, b] as [number, number]);
  return committed - ledger.floor - unionLength([processed, ledger.skipped, [...inFlight]], ledger.floor, committed);
}

function mergeRanges(ranges: [number, number][]): [number, number][] {
  const sorted = ranges.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Length of [from, to) covered by the union of the range lists. */
function unionLength(lists: [number, number][][], from: number, to: number): number {
  let covered = 0;
  for (const [a, b] of mergeRanges(lists.flat())) covered += Math.max(0, Math.min(b, to) - Math.max(a, from));
  return covered;
}

export function ledgerTotals(
  w: World,
  groupId: string,
  committed: Record<string, number>,
  inFlight: Record<string, [number, number][]> = {},
): { records: number; duplicates: number; lost: number; skipped: number } {
  const group = w.ledger[groupId];
  if (!group) return { records: 0, duplicates: 0, lost: 0, skipped: 0 };
  let lost = 0;
  for (const partition in committed) lost += lostBelow(group.partitions[partition], committed[partition]!, inFlight[partition]);
  return { records: group.records, duplicates: group.duplicates, lost, skipped: group.skipped };
}
