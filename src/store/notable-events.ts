import type { DomainEvent, DomainEventType } from '../engine/types';

/** Routine traffic: what happens every few ms while nothing changes for the learner. */
const ROUTINE: ReadonlySet<DomainEventType> = new Set<DomainEventType>([
  'HeartbeatSent',
  'RecordsFetched',
  'RecordsProcessed',
  'OffsetCommitSent',
  'OffsetCommitted',
  'OffsetReset',
]);

/** Events that end a quiet wait: anything but routine traffic (and empty revocations). */
export function isNotable(event: DomainEvent): boolean {
  if (ROUTINE.has(event.type)) return false;
  if (event.type === 'PartitionsRevoked' && event.partitions.length === 0) return false;
  return true;
}
