import type { DomainEvent } from '../engine/types';
import { asKip848 } from './consumer-protocol';

/**
 * The phases of a classic rebalance as a learner should see them, in order. Slow motion
 * holds the clock on each one; "step to the next phase" stops at the next one.
 */
export const REBALANCE_PHASES = ['learn', 'revoke', 'join', 'assign', 'sync', 'resume'] as const;
/**
 * The consumer protocol's (KIP-848): no JoinGroup or SyncGroup. The group epoch is bumped,
 * the coordinator computes the target assignment, members revoke what they lose, receive
 * what they gain in heartbeat answers, and the group is Stable when all have reconciled.
 */
export const CONSUMER_PHASES = ['epoch', 'target', 'revoke', 'assign', 'resume'] as const;
export type RebalancePhase = (typeof REBALANCE_PHASES)[number] | (typeof CONSUMER_PHASES)[number];
export type PhaseProtocol = 'classic' | 'consumer';

export function phasesOf(protocol: PhaseProtocol): readonly RebalancePhase[] {
  return protocol === 'consumer' ? CONSUMER_PHASES : REBALANCE_PHASES;
}

/** Which protocol a group speaks, as far as the caller knows (the last frame's snapshot). */
export type ProtocolOf = (groupId: string) => PhaseProtocol;
const classicOnly: ProtocolOf = () => 'classic';

interface Mark {
  groupId: string;
  phase: RebalancePhase;
}

/** The group and phase an event marks in a classic rebalance, or null. */
function classicPhaseOf(event: DomainEvent): Mark | null {
  switch (event.type) {
    case 'RebalanceStarted':
      return { groupId: event.groupId, phase: 'learn' };
    case 'HeartbeatFailed':
      return event.error === 'REBALANCE_IN_PROGRESS' ? { groupId: event.groupId, phase: 'learn' } : null;
    case 'PartitionsRevoked':
      return event.groupId !== null && event.partitions.length > 0 ? { groupId: event.groupId, phase: 'revoke' } : null;
    case 'JoinGroupSent':
    case 'JoinGroupCompleted':
      return { groupId: event.groupId, phase: 'join' };
    case 'AssignmentComputed':
      return { groupId: event.groupId, phase: 'assign' };
    case 'SyncGroupSent':
      // Followers send SyncGroup as soon as they joined, before the leader's plan exists: the
      // sync phase is the coordinator handing the plan out (RebalanceCompleted).
      return null;
    case 'PartitionsAssigned':
      return event.groupId !== null ? { groupId: event.groupId, phase: 'resume' } : null;
    case 'RebalanceCompleted':
      // The coordinator has the leader's plan and answers every SyncGroup.
      return { groupId: event.groupId, phase: 'sync' };
    default:
      return null;
  }
}

/** The group and phase an event marks in a consumer-protocol rebalance, or null. */
function consumerPhaseOf(event: DomainEvent): Mark | null {
  switch (event.type) {
    case 'GroupEpochBumped':
      return { groupId: event.groupId, phase: 'epoch' };
    case 'TargetAssignmentComputed':
      return { groupId: event.groupId, phase: 'target' };
    case 'ConsumerGroupHeartbeatAnswered':
      return event.assigned !== null && event.assigned.length > 0 ? { groupId: event.groupId, phase: 'assign' } : null;
    case 'PartitionsRevoked':
      return event.groupId !== null && event.partitions.length > 0 ? { groupId: event.groupId, phase: 'revoke' } : null;
    case 'PartitionsAssigned':
      return event.groupId !== null && event.partitions.length > 0 ? { groupId: event.groupId, phase: 'assign' } : null;
    case 'GroupStateChanged':
      return event.to === 'Stable' ? { groupId: event.groupId, phase: 'resume' } : null;
    default:
      return null;
  }
}

/** The group and phase an event marks, or null for events outside a rebalance's story. */
export function phaseOf(event: DomainEvent, protocolOf: ProtocolOf = classicOnly): (Mark & { protocol: PhaseProtocol }) | null {
  const groupId = 'groupId' in event ? event.groupId : null;
  if (groupId === null) return null;
  // An event only the consumer protocol has says so itself; the others ask the caller.
  const protocol = asKip848(event) !== null ? 'consumer' : protocolOf(groupId);
  const mark = protocol === 'consumer' ? consumerPhaseOf(event) : classicPhaseOf(event);
  return mark ? { ...mark, protocol } : null;
}

/** Per group, the phases its current rebalance has shown so far, in order. */
export type PhaseProgress = Readonly<Record<string, readonly RebalancePhase[]>>;

/** The phase on screen: the group, its latest phase, and every phase its story has reached. */
export interface PhaseMark {
  groupId: string;
  phase: RebalancePhase;
  reached: readonly RebalancePhase[];
  protocol: PhaseProtocol;
}

/** The phases a story can open with: a rebalance's first sign in each protocol. */
const OPENERS: ReadonlySet<RebalancePhase> = new Set<RebalancePhase>(['learn', 'join', 'epoch', 'target']);
const RESTARTS: ReadonlySet<string> = new Set(['RebalanceStarted', 'GroupEpochBumped']);

/**
 * Folds events into the progress; `advanced` counts the events that reached a new phase
 * (slow motion holds about a second on each). Phases only move forward; a RebalanceStarted
 * (a GroupEpochBumped under the consumer protocol) begins a new story (the joiner's own
 * JoinGroup, sent before it, belongs to the one it starts). The store closes a story once
 * its group is Stable again after the last hold.
 */
export function foldPhases(
  progress: PhaseProgress,
  events: readonly DomainEvent[],
  protocolOf: ProtocolOf = classicOnly,
): { progress: PhaseProgress; advanced: number; latest: PhaseMark | null } {
  let next: Record<string, readonly RebalancePhase[]> | null = null;
  let advanced = 0;
  let latest: PhaseMark | null = null;
  for (const event of events) {
    const mark = phaseOf(event, protocolOf);
    if (!mark) continue;
    const order = phasesOf(mark.protocol);
    const story = (next ?? progress)[mark.groupId] ?? [];
    const current = story.at(-1);
    const from = current === undefined ? -1 : order.indexOf(current);
    const to = order.indexOf(mark.phase);
    const restart = RESTARTS.has(event.type) && from > 0;
    // A story starts with the rebalance's first sign, never mid-way.
    if (current === undefined && !OPENERS.has(mark.phase)) continue;
    if (to > from || restart) {
      next ??= { ...progress };
      const reached = restart ? [order[0]!] : [...story, mark.phase];
      next[mark.groupId] = reached;
      advanced += 1;
      latest = { groupId: mark.groupId, phase: mark.phase, reached, protocol: mark.protocol };
    }
  }
  return { progress: next ?? progress, advanced, latest };
}
