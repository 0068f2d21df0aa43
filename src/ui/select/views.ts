import type { WorldSnapshot } from '../../engine/types';
import {
  selectConsumers,
  selectGroup,
  selectGroupCapacity,
  selectPartitions,
  selectStrandedPartitions,
} from '../../store/selectors';
import type { ConsumerView, GroupCapacity, GroupView, PartitionView } from '../../store/selectors';
import type { SimulationState } from '../../store/simulation-store';
import { consumerColorSlots } from '../format/consumer-colors';
import { placeChips, type ChipPlacement } from './chip-placement';

/**
 * The page's view models, computed at most once per published frame and shared by every
 * component that asks (so `useSim` sees the same object until the next frame).
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
