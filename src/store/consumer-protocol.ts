/**
 * The consumer group protocol (KIP-848) as the UI reads it, written against the contract the
 * engine will carry (another helper is building it). Until src/engine/types.ts has these
 * fields and events, they are read through the optional shapes and guards below, so the page
 * compiles and draws them as soon as the engine emits them.
 * TODO(lead, after the KIP-848 merge): replace these local shapes by the engine's types.
 */
import type { DomainEvent, GroupMemberSnapshot, GroupSnapshot } from '../engine/types';

/** The consumer protocol's group states, in the order a rebalance walks them. */
export const CONSUMER_GROUP_STATES = ['Empty', 'Assigning', 'Reconciling', 'Stable', 'Dead'] as const;

export type MemberState = 'STABLE' | 'UNREVOKED_PARTITIONS' | 'UNRELEASED_PARTITIONS';

/** What a member of a consumer-protocol group carries beyond the classic snapshot. */
export interface Kip848Member {
  memberEpoch: number | null;
  memberState: MemberState | null;
  target: string[] | null;
}

export function kip848Member(member: GroupMemberSnapshot | undefined): Kip848Member {
  const m = (member ?? {}) as Partial<Kip848Member>;
  return { memberEpoch: m.memberEpoch ?? null, memberState: m.memberState ?? null, target: m.target ?? null };
}

/** The group's assignment epoch (null under classic, or before the engine carries it). */
export function assignmentEpochOf(group: GroupSnapshot | undefined): number | null {
  return (group as (GroupSnapshot & { assignmentEpoch?: number | null }) | undefined)?.assignmentEpoch ?? null;
}

/** The consumer protocol's events (contract), as the UI reads them. */
export type Kip848Event = { seq: number; time: number } & (
  | { type: 'ConsumerGroupHeartbeatSent'; consumerId: string; groupId: string; memberEpoch: number }
  | { type: 'ConsumerGroupHeartbeatAnswered'; consumerId: string; groupId: string; memberEpoch: number; assigned: string[] | null }
  | { type: 'ConsumerGroupHeartbeatFailed'; consumerId: string; groupId: string; error: string }
  | { type: 'GroupEpochBumped'; groupId: string; epoch: number; reason: string }
  | { type: 'TargetAssignmentComputed'; groupId: string; epoch: number; assignment: Record<string, string[]> }
);

const KIP848_TYPES: ReadonlySet<string> = new Set([
  'ConsumerGroupHeartbeatSent',
  'ConsumerGroupHeartbeatAnswered',
  'ConsumerGroupHeartbeatFailed',
  'GroupEpochBumped',
  'TargetAssignmentComputed',
]);

/** The event as a consumer-protocol event, or null for every other kind. */
export function asKip848(event: DomainEvent | Kip848Event): Kip848Event | null {
  return KIP848_TYPES.has(event.type) ? (event as Kip848Event) : null;
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
