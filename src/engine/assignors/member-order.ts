import type { AssignorMember } from './types';

/** The fields that decide a member's place in the order. */
export type OrderedMember = Pick<AssignorMember, 'id' | 'instanceId'>;

/**
 * Java's `String.compareTo`: compares UTF-16 code units, then lengths, and returns the same
 * number Java does. Kafka sorts member ids and topic names this way; `localeCompare` would
 * not (it puts "a" before "B", and orders astral characters by code point).
 */
export function compareJavaStrings(a: string, b: string): number {
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i++) {
    const diff = a.charCodeAt(i) - b.charCodeAt(i);
    if (diff !== 0) return diff;
  }
  return a.length - b.length;
}

/**
 * Kafka's `MemberInfo.compareTo`, the order of the range and roundrobin assignors: static
 * members (with an instanceId) first, by instanceId; then dynamic members, by member id.
 * Static members cannot share an instanceId in Kafka (the coordinator fences the older
 * one); should they here, the member id breaks the tie so the result stays deterministic.
 */
export function compareMembers(a: OrderedMember, b: OrderedMember): number {
  if (a.instanceId !== undefined && b.instanceId !== undefined) {
    return compareJavaStrings(a.instanceId, b.instanceId) || compareJavaStrings(a.id, b.id);
  }
  if (a.instanceId !== undefined) return -1;
  if (b.instanceId !== undefined) return 1;
  return compareJavaStrings(a.id, b.id);
}

/** A sorted copy of `members` in Kafka's member order (see {@link compareMembers}). */
export function sortMembers<T extends OrderedMember>(members: readonly T[]): T[] {
  return [...members].sort(compareMembers);
}
