import type { ConsumerView, PartitionView } from '../../store/selectors';
import { compareIds } from '../format/ids';

/**
 * Where each partition's chip sits on the page. Every partition has exactly one chip, so a
 * move from one card to another animates as one element (framer-motion layoutId).
 *  - in the card of the live consumer that owns it;
 *  - else, greyed, in the card of a dead member the coordinator still counts in the group
 *    (a crashed consumer before its session timeout, or a closed static member): the
 *    partition is assigned, yet nobody reads it;
 *  - else in the "waiting for an owner" tray (mid-rebalance).
 */
export interface ChipPlacement {
  byConsumer: Record<string, PlacedChip[]>;
  waiting: string[];
}

export interface PlacedChip {
  partition: string;
  /** Assigned to a member whose process is gone: nobody fetches it. */
  stranded: boolean;
}

export function placeChips(
  partitions: readonly PartitionView[],
  consumers: readonly ConsumerView[],
  stranded: Record<string, string>,
): ChipPlacement {
  const byConsumer: Record<string, PlacedChip[]> = {};
  for (const consumer of consumers) byConsumer[consumer.id] = [];
  const waiting: string[] = [];
  // Chips in natural order ("orders-2" before "orders-10"): by topic, then index as a number,
  // without comparing the names as strings (a thousand partitions are sorted every frame).
  const ordered = [...partitions].sort(byTopicAndIndex);
  for (const partition of ordered) {
    if (partition.owner !== null && byConsumer[partition.owner]) {
      byConsumer[partition.owner]!.push({ partition: partition.id, stranded: false });
      continue;
    }
    const holder = stranded[partition.id];
    if (holder !== undefined && byConsumer[holder]) {
      byConsumer[holder]!.push({ partition: partition.id, stranded: true });
      continue;
    }
    waiting.push(partition.id);
  }
  return { byConsumer, waiting };
}

function byTopicAndIndex(a: PartitionView, b: PartitionView): number {
  return a.topic === b.topic ? a.index - b.index : compareIds(a.topic, b.topic);
}
