import type { WorldSnapshot } from '../../engine/types';
import { selectRequestsInFlight, type RequestInFlight } from '../../store/requests';
import {
  selectConsumers,
  selectGroup,
  selectGroupCapacity,
  selectGroupSummaries,
  selectPartitions,
  selectStrandedPartitions,
} from '../../store/selectors';
import type { ConsumerView, GroupCapacity, GroupSummary, GroupView, PartitionView } from '../../store/selectors';
import type { SimulationState } from '../../store/simulation-store';
import { consumerColorSlots } from '../format/consumer-colors';
import { placeChips, type ChipPlacement } from './chip-placement';

/**
 * The page's view models, computed at most once per published frame and shared by every
 * component that asks (so `useSim` sees the same object until the next frame). React asks a
 * component's selector up to three times per store change (the store's notice, the render,
 * the commit's check): anything that walks partitions or consumers belongs here, not inline.
 */
const cache = new WeakMap<WorldSnapshot, Map<string, unknown>>();

function perFrame<T>(state: SimulationState, name: string, compute: () => T): T {
  const snapshot = state.frame.snapshot;
  // Selecting another group or topic changes the answer while the frame (paused) stays.
  const key = `${name}\u0000${state.selectedGroup}\u0000${state.selectedTopic}`;
  let entries = cache.get(snapshot);
  if (!entries) {
    entries = new Map();
    cache.set(snapshot, entries);
  }
  if (!entries.has(key)) entries.set(key, compute());
  return entries.get(key) as T;
}

export const partitionsOf = (s: SimulationState): PartitionView[] =>
  perFrame(s, 'partitions', () => selectPartitions(s.frame.snapshot, s.selectedTopic, s.selectedGroup));

export const consumersOf = (s: SimulationState): ConsumerView[] =>
  perFrame(s, 'consumers', () => selectConsumers(s.frame.snapshot, s.selectedGroup));

export const groupOf = (s: SimulationState): GroupView =>
  perFrame(s, 'group', () => selectGroup(s.frame.snapshot, s.selectedGroup));

export const chipPlacementOf = (s: SimulationState): ChipPlacement =>
  perFrame(s, 'chips', () =>
    placeChips(partitionsOf(s), consumersOf(s), selectStrandedPartitions(s.frame.snapshot, s.selectedGroup)),
  );

/** partition → the dead member the coordinator still assigns it to. */
export const strandedOf = (s: SimulationState): Record<string, string> =>
  perFrame(s, 'stranded', () => selectStrandedPartitions(s.frame.snapshot, s.selectedGroup));

/** consumer id → colour slot, over every consumer of the group (stable as consumers come and go). */
export const colorSlotsOf = (s: SimulationState): Record<string, number> =>
  perFrame(s, 'colors', () => consumerColorSlots(Object.keys(s.frame.snapshot.consumers)));

export const capacityOf = (s: SimulationState): GroupCapacity =>
  perFrame(s, 'capacity', () => selectGroupCapacity(s.frame.snapshot, s.selectedTopic, s.selectedGroup));

/** Records/s the producer writes to the page's topic now. */
export const producerRateOf = (s: SimulationState): number => s.frame.snapshot.topics[s.selectedTopic]?.producerRate ?? 0;

/** The group's consumer ids, in the order the cards show them. */
export const consumerIdsOf = (s: SimulationState): string[] =>
  perFrame(s, 'consumerIds', () => consumersOf(s).map((c) => c.id));

/** The group's consumer ids joined by spaces: a key that changes only when the set does. */
export const consumerIdsKeyOf = (s: SimulationState): string => perFrame(s, 'consumerIdsKey', () => consumerIdsOf(s).join(' '));

/** The partitions of the page's topic waiting for an owner (the chip tray), joined by spaces. */
export const waitingKeyOf = (s: SimulationState): string => perFrame(s, 'waitingKey', () => chipPlacementOf(s).waiting.join(' '));

/** Every group, with what it reads and how much of it it owns now (the group tabs). */
export const groupSummariesOf = (s: SimulationState): GroupSummary[] =>
  perFrame(s, 'groupSummaries', () => selectGroupSummaries(s.frame.snapshot));

/** Requests of the selected group in flight now. */
export const requestsOf = (s: SimulationState): RequestInFlight[] =>
  perFrame(s, 'requests', () => selectRequestsInFlight(s.frame.events, s.frame.snapshot.now, s.selectedGroup));

export interface PartitionSummary {
  total: number;
  owned: number;
  unowned: number;
  stranded: number;
  lag: number;
}

/** The page's topic in numbers, for the selected group: owned, waiting, held by a dead member, lag. */
export const partitionSummaryOf = (s: SimulationState): PartitionSummary =>
  perFrame(s, 'partitionSummary', () => {
    const parts = partitionsOf(s);
    const stranded = strandedOf(s);
    let owned = 0;
    let strandedCount = 0;
    let lag = 0;
    for (const p of parts) {
      if (p.owner !== null) owned += 1;
      else if (stranded[p.id] !== undefined) strandedCount += 1;
      lag += p.lag;
    }
    return { total: parts.length, owned, unowned: parts.length - owned - strandedCount, stranded: strandedCount, lag };
  });

export interface MemberCounts {
  running: number;
  stalled: number;
  crashed: number;
  closed: number;
  /** Live members mid-rebalance (not stable, not standalone). */
  rebalancing: number;
  total: number;
}

/** The selected group's consumers counted by status (the member matrix's legend). */
export const memberCountsOf = (s: SimulationState): MemberCounts =>
  perFrame(s, 'memberCounts', () => {
    const c = { running: 0, stalled: 0, crashed: 0, closed: 0, rebalancing: 0, total: 0 };
    for (const v of consumersOf(s)) {
      c.total += 1;
      if (v.status in c) c[v.status as 'running'] += 1;
      if ((v.status === 'running' || v.status === 'stalled') && v.phase !== 'stable' && v.phase !== 'standalone') c.rebalancing += 1;
    }
    return c;
  });

export interface TopicReader {
  groupId: string;
  /** Owner of each partition in that group; empty past MATRIX_PARTITIONS (the page counts instead). */
  owners: (string | null)[];
  owned: number;
  partitions: number;
  lag: number;
  duplicates: number;
  lost: number;
}

/** Every group that reads the page's topic: who owns each partition there, and its lag. */
export const topicReadersOf = (s: SimulationState, drawnUpTo: number): TopicReader[] =>
  perFrame(s, `readers${drawnUpTo}`, () => {
    const snap = s.frame.snapshot;
    const topic = s.selectedTopic;
    const prefix = `${topic}-`;
    const reading = new Set<string>();
    for (const c of Object.values(snap.consumers)) {
      if (c.groupId === null || reading.has(c.groupId)) continue;
      if (c.subscription.includes(topic) || c.owned.some((p) => p.startsWith(prefix))) reading.add(c.groupId);
    }
    const readers: TopicReader[] = [];
    for (const groupId of Object.keys(snap.groups).sort()) {
      if (!reading.has(groupId)) continue;
      const parts = groupId === s.selectedGroup ? partitionsOf(s) : selectPartitions(snap, topic, groupId);
      let owned = 0;
      let lag = 0;
      for (const p of parts) {
        if (p.owner !== null) owned += 1;
        lag += p.lag;
      }
      const g = snap.groups[groupId]!;
      readers.push({
        groupId,
        owners: parts.length > drawnUpTo ? [] : parts.map((p) => p.owner),
        owned,
        partitions: parts.length,
        lag,
        duplicates: g.processed.duplicates,
        lost: g.processed.lost,
      });
    }
    return readers;
  });

export interface EventFilterChoices {
  /** Group ids, sorted, space-separated. */
  groups: string;
  /** Groups that rebalance incrementally (cooperative or consumer protocol). */
  incremental: string;
  /** consumer=group pairs, sorted, space-separated. */
  consumers: string;
}

/** What the event log's filters offer, as keys that change only when the groups or consumers do. */
export const eventFilterChoicesOf = (s: SimulationState): EventFilterChoices =>
  perFrame(s, 'eventFilters', () => {
    const snap = s.frame.snapshot;
    return {
      groups: Object.keys(snap.groups).sort().join(' '),
      incremental: Object.entries(snap.groups)
        .filter(([, g]) => g.protocol !== 'eager')
        .map(([id]) => id)
        .sort()
        .join(' '),
      consumers: Object.entries(snap.consumers)
        .map(([id, c]) => `${id}=${c.groupId ?? ''}`)
        .sort()
        .join(' '),
    };
  });

/** The partitions the selected group has offsets for, space-separated (the lag chart's scope menu). */
export const offsetPartitionsKeyOf = (s: SimulationState): string =>
  perFrame(s, 'offsetPartitions', () => Object.keys(s.frame.snapshot.groups[s.selectedGroup]?.offsets ?? {}).join(' '));
