import type { DomainEvent, DomainEventType } from '../engine/types';

/** Routine traffic: what happens every few ms while nothing changes for the learner. */
const ROUTINE: ReadonlySet<DomainEventType> = new Set<DomainEventType>([
  'HeartbeatSent',
  'RecordsFetched',
  'RecordsProcessed',
  'OffsetCommitSent',
  'OffsetCommitted',
]);

/** Routine traffic (and empty revocations): the event log hides it by default. */
export function isRoutine(event: DomainEvent): boolean {
  if (ROUTINE.has(event.type)) return true;
  // KIP-848's heartbeat is routine unless its answer hands out partitions.
  if (event.type === 'ConsumerGroupHeartbeatSent') return true;
  if (event.type === 'ConsumerGroupHeartbeatAnswered') return event.assigned === null;
  return event.type === 'PartitionsRevoked' && event.partitions.length === 0;
}

/** Events that end a quiet wait: anything but routine traffic and offset resets (which follow an assignment). */
export function isNotable(event: DomainEvent): boolean {
  return !isRoutine(event) && event.type !== 'OffsetReset';
}
