/**
 * The consumer group protocol (KIP-848) as the UI reads it: the group states it walks, each
 * member's epoch, reconciliation state and target, and the protocol's own events.
 */
import type { DomainEvent, GroupMemberSnapshot, GroupSnapshot } from '../engine/types';

/** The consumer protocol's group states, in the order a rebalance walks them. */
export const CONSUMER_GROUP_STATES = ['Empty', 'Assigning', 'Reconciling', 'Stable', 'Dead'] as const;

export type MemberState = NonNullable<GroupMemberSnapshot['memberState']>;

/** What a member of a consumer-protocol group carries beyond the classic snapshot (null under classic). */
export type Kip848Member = Pick<GroupMemberSnapshot, 'memberEpoch' | 'memberState' | 'target'>;

export function kip848Member(member: GroupMemberSnapshot | undefined): Kip848Member {
  return { memberEpoch: member?.memberEpoch ?? null, memberState: member?.memberState ?? null, target: member?.target ?? null };
}

/** The group's assignment epoch (null under classic). */
export function assignmentEpochOf(group: GroupSnapshot | undefined): number | null {
  return group?.assignmentEpoch ?? null;
}

const KIP848_TYPES = [
  'ConsumerGroupHeartbeatSent',
  'ConsumerGroupHeartbeatAnswered',
  'ConsumerGroupHeartbeatFailed',
  'GroupEpochBumped',
  'TargetAssignmentComputed',
] as const;

/** The consumer protocol's own events. */
export type Kip848Event = Extract<DomainEvent, { type: (typeof KIP848_TYPES)[number] }>;

const KIP848_TYPE_SET: ReadonlySet<string> = new Set(KIP848_TYPES);

/** The event as a consumer-protocol event, or null for every other kind. */
export function asKip848(event: DomainEvent): Kip848Event | null {
  return KIP848_TYPE_SET.has(event.type) ? (event as Kip848Event) : null;
}

/**
 * A member's reconciliation, for its card: what the target adds (to receive) and what it
 * takes away (to release), compared with what the member owns now.
 */
export function reconciliationOf(owned: readonly string[], target: readonly string[] | null): { toReceive: string[]; toRelease: string[] } {
  if (target === null) return { toReceive: [], toRelease: [] };
  const has = new Set(owned);
  const wants = new Set(target);
  return { toReceive: target.filter((p) => !has.has(p)).sort(), toRelease: owned.filter((p) => !wants.has(p)).sort() };
}
