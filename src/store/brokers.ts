import type { DomainEvent, WorldSnapshot } from '../engine/types';

export interface BrokerView {
  id: number;
  status: 'up' | 'down';
  /** Groups this broker coordinates (leads their __consumer_offsets partition), sorted. */
  coordinates: string[];
}

/** The brokers, each with the groups it coordinates now. */
export function selectBrokers(snapshot: WorldSnapshot): BrokerView[] {
  const byBroker = new Map<number, string[]>();
  for (const [groupId, group] of Object.entries(snapshot.groups)) {
    if (group.coordinator === null) continue;
    byBroker.set(group.coordinator, [...(byBroker.get(group.coordinator) ?? []), groupId]);
  }
  return snapshot.brokers.map((b) => ({ id: b.id, status: b.status, coordinates: (byBroker.get(b.id) ?? []).sort() }));
}

/** Groups that have no coordinator now (no broker up to lead their offsets partition). */
export function selectOrphanGroups(snapshot: WorldSnapshot): string[] {
  return Object.entries(snapshot.groups)
    .filter(([, g]) => g.coordinator === null)
    .map(([id]) => id)
    .sort();
}

export interface CoordinatorMove {
  groupId: string;
  from: number | null;
  to: number | null;
  time: number;
}

/** How long (virtual ms) a coordinator move stays marked on the brokers. */
export const MOVE_MARK_MS = 10_000;

/** The latest coordinator move of each group within the last MOVE_MARK_MS of `now`. */
export function selectRecentMoves(events: readonly DomainEvent[], now: number): CoordinatorMove[] {
  const latest = new Map<string, CoordinatorMove>();
  for (const e of events) {
    if (e.type !== 'CoordinatorMoved' || now - e.time > MOVE_MARK_MS || e.time > now) continue;
    latest.set(e.groupId, { groupId: e.groupId, from: e.from, to: e.to, time: e.time });
  }
  return [...latest.values()].sort((a, b) => a.groupId.localeCompare(b.groupId));
}
