import type { DomainEvent } from '../engine/types';

/**
 * The phases of a classic rebalance as a learner should see them, in order. Slow motion
 * holds the clock on each one; "step to the next phase" stops at the next one.
 */
export const REBALANCE_PHASES = ['learn', 'revoke', 'join', 'assign', 'sync', 'resume'] as const;
export type RebalancePhase = (typeof REBALANCE_PHASES)[number];

/** The group and phase an event marks, or null for events outside a rebalance's story. */
export function phaseOf(event: DomainEvent): { groupId: string; phase: RebalancePhase } | null {
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

/** Per group, the phases its current rebalance has shown so far, in order. */
export type PhaseProgress = Readonly<Record<string, readonly RebalancePhase[]>>;

/** The phase on screen: the group, its latest phase, and every phase its story has reached. */
export interface PhaseMark {
  groupId: string;
  phase: RebalancePhase;
  reached: readonly RebalancePhase[];
}

/**
 * Folds events into the progress; `advanced` counts the events that reached a new phase
 * (slow motion holds about a second on each). Phases only move forward; a RebalanceStarted
 * begins a new story (the joiner's own JoinGroup, sent before it, belongs to the one it
 * starts). The store closes a story once its group is Stable again after the last hold.
 */
export function foldPhases(
  progress: PhaseProgress,
  events: readonly DomainEvent[],
): { progress: PhaseProgress; advanced: number; latest: PhaseMark | null } {
  let next: Record<string, readonly RebalancePhase[]> | null = null;
  let advanced = 0;
  let latest: PhaseMark | null = null;
  for (const event of events) {
    const mark = phaseOf(event);
    if (!mark) continue;
    const story = (next ?? progress)[mark.groupId] ?? [];
    const current = story.at(-1);
    const from = current === undefined ? -1 : REBALANCE_PHASES.indexOf(current);
    const to = REBALANCE_PHASES.indexOf(mark.phase);
    const restart = event.type === 'RebalanceStarted' && from > 0;
    // A story starts with the coordinator's rebalance or a member's JoinGroup, never mid-way.
    if (current === undefined && mark.phase !== 'learn' && mark.phase !== 'join') continue;
    if (to > from || restart) {
      next ??= { ...progress };
      const reached = restart ? ['learn' as const] : [...story, mark.phase];
      next[mark.groupId] = reached;
      advanced += 1;
      latest = { groupId: mark.groupId, phase: mark.phase, reached };
    }
  }
  return { progress: next ?? progress, advanced, latest };
}
