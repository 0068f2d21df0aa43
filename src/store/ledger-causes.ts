import type { LedgerRanges } from '../engine';
import type { DomainEvent } from '../engine/types';

export type LedgerMarkKind = 'duplicate' | 'lost' | 'skipped';

/** The event a range is blamed on: enough for a sentence and a jump to its time. */
export interface LedgerCause {
  type: DomainEvent['type'];
  time: number;
  seq: number;
  consumerId: string | null;
}

/** One range of one partition to draw and explain. */
export interface LedgerMark {
  kind: LedgerMarkKind;
  partition: string;
  from: number;
  to: number;
  /** For a duplicate: how many times each record was processed. */
  times: number;
  /** Who processed it first (duplicate) or committed past it (lost). */
  by: string | null;
  cause: LedgerCause | null;
  /** For a lost range: the owner's crash after the commit, when there was one. */
  then: LedgerCause | null;
  /** False past the `explain` limit: drawn, not looked up (cause and then stay null). */
  explained: boolean;
}

/** Most convincing first: a record is processed again because its first processor died, lost it, or could not commit. */
const DUPLICATE_CAUSES: readonly DomainEvent['type'][] = [
  'ConsumerCrashed',
  'ConsumerFailed',
  'PartitionsLost',
  'PollTimeout',
  'OffsetCommitFailed',
  'OffsetCommitRefused',
  'PartitionsRevoked',
];

const overlaps = (ranges: readonly { partition: string; from: number; to: number }[], p: string, from: number, to: number) =>
  ranges.some((r) => r.partition === p && r.from < to && r.to > from);

const causeOf = (e: DomainEvent): LedgerCause => ({
  type: e.type,
  time: e.time,
  seq: e.seq,
  consumerId: 'consumerId' in e ? e.consumerId : null,
});

/**
 * Each range of the ledger, with the event that explains it, read off the engine's
 * retained events (oldest first):
 * - processed twice: the first processor's crash, failure, lost or revoked partition, poll
 *   timeout or failed commit between its processing and the second one (that order of
 *   preference), else the group's rebalance before the second processing;
 * - lost: the first commit past the range (committing before processing), and the
 *   committer's crash after it;
 * - skipped: the offset reset that jumped over it.
 * A cause older than the retained events is null.
 */
export function explainLedger(
  groupId: string,
  ranges: Readonly<Record<string, LedgerRanges>>,
  events: readonly DomainEvent[],
  explain = Infinity,
): LedgerMark[] {
  // Each explanation scans the events: a big group can have hundreds of ranges, so only the
  // first `explain` (the ones a list shows) are looked up; the rest are drawn as they are.
  const marks: LedgerMark[] = [];
  const none = (kind: LedgerMarkKind, partition: string, from: number, to: number, times = 0): LedgerMark => ({
    kind, partition, from, to, times, by: null, cause: null, then: null, explained: false,
  });
  const more = () => marks.length < explain;
  for (const [partition, r] of Object.entries(ranges)) {
    for (const d of r.duplicated) marks.push(more() ? explainDuplicate(groupId, partition, d.from, d.to, d.times, events) : none('duplicate', partition, d.from, d.to, d.times));
    for (const l of r.lost) marks.push(more() ? explainLost(groupId, partition, l.from, l.to, events) : none('lost', partition, l.from, l.to));
    for (const s of r.skipped) marks.push(more() ? explainSkipped(partition, s.from, s.to, events) : none('skipped', partition, s.from, s.to));
  }
  return marks;
}

function explainDuplicate(groupId: string, partition: string, from: number, to: number, times: number, events: readonly DomainEvent[]): LedgerMark {
  // The first processing may take many events (one batch each): the second processing is
  // the first event that covers a record of the range already covered once.
  let first: DomainEvent | null = null;
  let second: DomainEvent | null = null;
  const covered: [number, number][] = [];
  for (const e of events) {
    if (e.type !== 'RecordsProcessed' || !overlaps(e.ranges, partition, from, to)) continue;
    const mine = e.ranges.filter((r) => r.partition === partition && r.from < to && r.to > from);
    if (mine.some((r) => covered.some(([a, b]) => r.from < b && r.to > a))) {
      second = e;
      break;
    }
    first ??= e;
    for (const r of mine) covered.push([r.from, r.to]);
  }
  const by = first !== null && first.type === 'RecordsProcessed' ? first.consumerId : null;
  let cause: LedgerCause | null = null;
  if (first !== null && second !== null) {
    let best = Infinity;
    for (const e of events) {
      if (e.seq <= first.seq) continue;
      if (e.seq > second.seq) break;
      if (e.type === 'RebalanceStarted' && e.groupId === groupId && best === Infinity) {
        cause ??= causeOf(e);
        continue;
      }
      const rank = DUPLICATE_CAUSES.indexOf(e.type);
      if (rank < 0 || rank >= best || !('consumerId' in e) || e.consumerId !== by) continue;
      if ((e.type === 'PartitionsLost' || e.type === 'PartitionsRevoked') && !e.partitions.includes(partition)) continue;
      best = rank;
      cause = causeOf(e);
    }
  }
  return { kind: 'duplicate', partition, from, to, times, by, cause, then: null, explained: true };
}

function explainLost(groupId: string, partition: string, from: number, to: number, events: readonly DomainEvent[]): LedgerMark {
  let commit: DomainEvent | null = null;
  for (const e of events) {
    if (e.type === 'OffsetCommitted' && e.groupId === groupId && (e.offsets[partition] ?? -1) > from) {
      commit = e;
      break;
    }
  }
  const by = commit !== null && commit.type === 'OffsetCommitted' ? commit.consumerId : null;
  let then: LedgerCause | null = null;
  if (commit !== null) {
    for (const e of events) {
      if (e.seq > commit.seq && (e.type === 'ConsumerCrashed' || e.type === 'ConsumerFailed') && e.consumerId === by) {
        then = causeOf(e);
        break;
      }
    }
  }
  return { kind: 'lost', partition, from, to, times: 0, by, cause: commit === null ? null : causeOf(commit), then, explained: true };
}

function explainSkipped(partition: string, from: number, to: number, events: readonly DomainEvent[]): LedgerMark {
  let reset: DomainEvent | null = null;
  for (const e of events) {
    if (e.type === 'OffsetReset' && e.partition === partition && e.offset >= to) {
      reset = e;
      break;
    }
  }
  const by = reset !== null && reset.type === 'OffsetReset' ? reset.consumerId : null;
  return { kind: 'skipped', partition, from, to, times: 0, by, cause: reset === null ? null : causeOf(reset), then: null, explained: true };
}
