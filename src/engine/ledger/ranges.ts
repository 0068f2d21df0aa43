/**
 * A read-only view of the truth ledger as offset ranges, for drawing: per partition, the
 * ranges processed more than once, the ranges lost (committed past, never processed) and
 * the ranges skipped by auto.offset.reset. The counts in the snapshot's `processed` are the
 * lengths of these ranges (duplicates count each extra processing).
 */
import type { LedgerPartition, World } from '../world';

/** Offsets [from, to) of one partition; `times` = how many times each was processed. */
export interface LedgerRanges {
  duplicated: { from: number; to: number; times: number }[];
  lost: { from: number; to: number }[];
  skipped: { from: number; to: number }[];
}

/**
 * The group's ranges per "topic-N", only for partitions with at least one range.
 * `inFlight`: batches a live member is processing now (not lost yet, as in ledgerTotals).
 */
export function ledgerRanges(
  w: World,
  groupId: string,
  inFlight: Record<string, [number, number][]>,
): Record<string, LedgerRanges> {
  const group = w.ledger[groupId];
  const committed = w.groups[groupId]?.offsets ?? {};
  const out: Record<string, LedgerRanges> = {};
  if (!group) return out;
  for (const [partition, ledger] of Object.entries(group.partitions).sort(([a], [b]) => a.localeCompare(b))) {
    const duplicated = ledger.segments.filter(([, , count]) => count > 1).map(([from, to, count]) => ({ from, to, times: count }));
    const skipped = ledger.skipped.map(([from, to]) => ({ from, to }));
    const lost = lostRanges(ledger, committed[partition] ?? null, inFlight[partition] ?? []);
    if (duplicated.length + skipped.length + lost.length > 0) out[partition] = { duplicated, lost, skipped };
  }
  return out;
}

/** The gaps of [floor, committed) not covered by a processing, a skip or a batch in flight. */
function lostRanges(ledger: LedgerPartition, committed: number | null, inFlight: readonly [number, number][]): { from: number; to: number }[] {
  if (committed === null || ledger.floor === null || committed <= ledger.floor) return [];
  const covered = [...ledger.segments.map(([a, b]) => [a, b] as [number, number]), ...ledger.skipped, ...inFlight]
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const gaps: { from: number; to: number }[] = [];
  let cursor = ledger.floor;
  for (const [a, b] of covered) {
    if (a >= committed) break;
    if (a > cursor) gaps.push({ from: cursor, to: Math.min(a, committed) });
    cursor = Math.max(cursor, b);
    if (cursor >= committed) break;
  }
  if (cursor < committed) gaps.push({ from: cursor, to: committed });
  return gaps;
}

/** Offsets some live consumer of the group has fetched and is processing now: not lost (yet). */
export function batchesInFlight(w: World, groupId: string): Record<string, [number, number][]> {
  return batchesInFlightByGroup(w).get(groupId) ?? {};
}

/** batchesInFlight of every group that has one, in one pass over the consumers. */
export function batchesInFlightByGroup(w: World): Map<string, Record<string, [number, number][]>> {
  const byGroup = new Map<string, Record<string, [number, number][]>>();
  for (const id in w.consumers) {
    const c = w.consumers[id]!;
    if (c.groupId === null || c.status !== 'running' || (c.loop.kind !== 'processing' && c.loop.kind !== 'committing')) continue;
    let out = byGroup.get(c.groupId);
    if (out === undefined) byGroup.set(c.groupId, (out = {}));
    for (const r of c.loop.batch?.ranges ?? []) (out[r.partition] ??= []).push([r.from, r.to]);
  }
  return byGroup;
}
