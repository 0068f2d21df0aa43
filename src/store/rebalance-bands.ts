import type { DomainEvent } from '../engine/types';

/** One rebalance of one group on the timeline: from RebalanceStarted to RebalanceCompleted. */
export interface RebalanceBand {
  groupId: string;
  start: number;
  /** null while it is still running. */
  end: number | null;
  reason: string;
}

/** Adds the events' rebalances to the bands (a new array when anything changed). */
export function foldBands(bands: readonly RebalanceBand[], events: readonly DomainEvent[]): readonly RebalanceBand[] {
  let next: RebalanceBand[] | null = null;
  for (const event of events) {
    if (event.type === 'RebalanceStarted') {
      next ??= [...bands];
      const open = next.findIndex((b) => b.groupId === event.groupId && b.end === null);
      // A rebalance restarted before it completed (a member joined mid-way) is one band.
      if (open < 0) next.push({ groupId: event.groupId, start: event.time, end: null, reason: event.reason });
    } else if (event.type === 'RebalanceCompleted') {
      next ??= [...bands];
      const open = next.findIndex((b) => b.groupId === event.groupId && b.end === null);
      if (open >= 0) next[open] = { ...next[open]!, end: event.time };
    }
  }
  return next ?? bands;
}
