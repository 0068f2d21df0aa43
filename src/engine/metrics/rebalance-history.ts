/**
 * The rebalance history, built from domain events: one record per rebalance, and per
 * partition how long it had no owner and how long nobody consumed it (see
 * PartitionInterruption for the exact meaning of each number).
 */
import type { RebalanceReason } from '../types';
import { groupMetrics } from './tracking';
import type { GroupMetricsState, MetricsState, PartitionWatch, RebalanceCause, RebalanceRecord } from './types';

/** Rebalance records kept (all groups together); older ones are dropped and counted. */
export const MAX_REBALANCES = 100;

/** What metrics saw before the rebalance started, to name causes the coordinator cannot tell apart. */
export interface CauseHints {
  /** The triggering consumer's LeaveGroup came from its heartbeat thread after max.poll.interval.ms. */
  pollTimedOut: boolean;
  /** Partitions were added to a topic of the group since its last rebalance. */
  metadataChanged: boolean;
}

/** The engine's reasons in the words. A new reason must be mapped here (tsc says so). */
export function causeOf(reason: RebalanceReason, hints: CauseHints): RebalanceCause {
  switch (reason) {
    case 'member joined':
      return 'join';
    case 'leader rejoined':
      // The leader rejoins when it sees new partitions (Kafka's metadata check), or when a
      // static leader restarts; the coordinator only sees a JoinGroup either way.
      return hints.metadataChanged ? 'metadata' : 'join';
    case 'member left':
      return hints.pollTimedOut ? 'poll timeout' : 'leave';
    case 'session timeout':
      return 'session timeout';
    case 'poll timeout':
      return 'poll timeout';
    case 'metadata changed':
    case 'subscription changed':
      return 'metadata';
    case 'sync timeout':
      return 'rebalance timeout';
    default: {
      const unmapped: never = reason;
      throw new Error(`internal: no rebalance cause for reason '${String(unmapped)}'`);
    }
  }
}

function latestRecord(m: MetricsState, group: GroupMetricsState): RebalanceRecord | null {
  if (group.lastRebalanceId === 0) return null;
  for (let i = m.rebalances.length - 1; i >= 0; i--) {
    const record = m.rebalances[i]!;
    if (record.id === group.lastRebalanceId) return record;
    if (record.id < group.lastRebalanceId) break;
  }
  return null; // dropped from the bounded history
}

export function onRebalanceStarted(m: MetricsState, now: number, groupId: string, reason: RebalanceReason, consumerId: string | null): void {
  const group = groupMetrics(m, groupId);
  const hints: CauseHints = {
    pollTimedOut: consumerId !== null && m.pollTimedOut[consumerId] === true,
    metadataChanged: group.metadataChanged,
  };
  if (consumerId !== null) delete m.pollTimedOut[consumerId];
  group.metadataChanged = false;
  const cause = causeOf(reason, hints);
  const open = latestRecord(m, group);
  if (open && open.outcome === 'open') {
    open.restartedBy.push(cause);
    return;
  }
  const record: RebalanceRecord = {
    id: m.nextRebalanceId,
    groupId,
    cause,
    reason,
    consumerId,
    startMs: now,
    endMs: null,
    generation: null,
    outcome: 'open',
    restartedBy: [],
    partitions: {},
  };
  m.nextRebalanceId += 1;
  group.lastRebalanceId = record.id;
  m.rebalances.push(record);
  if (m.rebalances.length > MAX_REBALANCES) {
    m.rebalances.shift();
    m.droppedRebalances += 1;
  }
}

export function onRebalanceEnded(m: MetricsState, now: number, groupId: string, generation: number, outcome: 'completed' | 'emptied'): void {
  const group = m.groups[groupId];
  const open = group ? latestRecord(m, group) : null;
  if (!open || open.outcome !== 'open') return;
  open.endMs = now;
  open.generation = generation;
  open.outcome = outcome;
}

/** A member received partitions in a SyncGroup answer: their stretches without owner or consumer end. */
export function onAssigned(m: MetricsState, now: number, group: GroupMetricsState, consumerId: string, partitions: readonly string[]): void {
  const record = latestRecord(m, group);
  for (const partition of partitions) {
    const watch = group.watches[partition];
    if (!watch) continue;
    const neverOwned = watch.holder === null && watch.unownedSince === null;
    if (record && neverOwned && record.startMs <= now) {
      // Never owned by the group: it waited for the whole of this rebalance.
      attribute(record, partition, now - record.startMs, now - record.startMs, record.startMs);
    } else if (record && (watch.unownedSince !== null || watch.pausedSince !== null)) {
      const unownedMs = watch.holder === null && watch.unownedSince !== null ? now - watch.unownedSince : 0;
      const pausedMs = watch.pausedSince !== null ? now - watch.pausedSince : 0;
      const since = Math.min(watch.unownedSince ?? now, watch.pausedSince ?? now);
      attribute(record, partition, unownedMs, pausedMs, since);
    }
    watch.holder = consumerId;
    watch.unownedSince = null;
    watch.pausedSince = null;
  }
}

/** Counts a stretch [since, now] for the record only if it overlaps the rebalance. */
function attribute(record: RebalanceRecord, partition: string, unownedMs: number, pausedMs: number, since: number): void {
  if (record.endMs !== null && record.endMs < since) return; // stopped after that rebalance was over
  const entry = (record.partitions[partition] ??= { unownedMs: 0, pausedMs: 0 });
  entry.unownedMs += unownedMs;
  entry.pausedMs += pausedMs;
}

/** The holder gave the partitions up (revoked, or lost when fenced). */
export function onReleased(now: number, group: GroupMetricsState, consumerId: string, partitions: readonly string[]): void {
  for (const partition of partitions) {
    const watch = group.watches[partition];
    if (!watch) continue;
    if (watch.holder === consumerId) {
      watch.holder = null;
      watch.unownedSince ??= now;
    }
    watch.pausedSince ??= now;
  }
}

/** For every partition the consumer holds in the group. */
export function forHeld(group: GroupMetricsState, consumerId: string, action: (watch: PartitionWatch) => void): void {
  for (const partition of group.tracked) {
    const watch = group.watches[partition]!;
    if (watch.holder === consumerId) action(watch);
  }
}
