/**
 * The classic group's state machine, as small guarded transitions (Kafka's GroupMetadata /
 * ClassicGroup): Empty -> PreparingRebalance -> CompletingRebalance -> Stable -> ...
 */
import type { Ctx } from '../core/context';
import type { ClassicGroupState, RebalanceReason } from '../types';
import type { GroupState, MemberState } from '../world';
import { sendToConsumer } from '../core/network';

const VALID_PREVIOUS: Record<ClassicGroupState, ClassicGroupState[]> = {
  Empty: ['PreparingRebalance'],
  PreparingRebalance: ['Empty', 'CompletingRebalance', 'Stable'],
  CompletingRebalance: ['PreparingRebalance'],
  Stable: ['CompletingRebalance'],
  Dead: ['Empty', 'PreparingRebalance', 'CompletingRebalance', 'Stable'],
};

export function getOrCreateGroup(ctx: Ctx, groupId: string): GroupState {
  return (ctx.w.groups[groupId] ??= {
    groupProtocol: 'classic',
    groupId,
    state: 'Empty',
    generation: 0,
    assignorName: null,
    leaderMemberId: null,
    members: {},
    pendingMemberIds: [],
    offsets: {},
    rebalances: 0,
    initialDelay: null,
    joinDeadline: null,
    syncDeadline: null,
    timerToken: 0,
    loads: 0,
    persisted: null,
  });
}

export function transition(ctx: Ctx, group: GroupState, to: ClassicGroupState): void {
  const from = group.state;
  if (!VALID_PREVIOUS[to].includes(from)) {
    throw new Error(`internal: illegal group transition ${from} -> ${to} in ${group.groupId}`);
  }
  group.state = to;
  ctx.emit({ type: 'GroupStateChanged', groupId: group.groupId, from, to, generation: group.generation });
}

export function membersOf(group: GroupState): MemberState[] {
  return Object.values(group.members);
}

/** The longest rebalance timeout (max.poll.interval.ms) among members bounds a join phase. */
export function rebalanceTimeoutMs(group: GroupState): number {
  return Math.max(0, ...membersOf(group).map((m) => m.rebalanceTimeoutMs));
}

/**
 * Starts (or restarts) a rebalance. An Empty group waits group.initial.rebalance.delay.ms
 * for more members; otherwise members have the rebalance timeout to rejoin.
 */
export function prepareRebalance(ctx: Ctx, group: GroupState, reason: RebalanceReason, consumerId: string | null): void {
  const { w } = ctx;
  if (group.state === 'CompletingRebalance') failPendingSyncs(ctx, group);
  const wasEmpty = group.state === 'Empty';
  group.timerToken += 1;
  group.syncDeadline = null;
  if (wasEmpty && w.broker.initialRebalanceDelayMs > 0) {
    // Kafka's InitialDelayedJoin: the first delay is waited in full, even past a shorter
    // rebalance timeout; extensions stop at the rebalance timeout.
    const delay = w.broker.initialRebalanceDelayMs;
    const until = w.now + delay;
    group.initialDelay = { until, maxUntil: w.now + Math.max(delay, rebalanceTimeoutMs(group)), newMemberAdded: false };
    group.joinDeadline = null;
    ctx.schedule(until, { kind: 'groupTimer', groupId: group.groupId, timer: 'initialDelay', token: group.timerToken });
  } else {
    group.initialDelay = null;
    group.joinDeadline = w.now + rebalanceTimeoutMs(group);
    ctx.schedule(group.joinDeadline, { kind: 'groupTimer', groupId: group.groupId, timer: 'joinDeadline', token: group.timerToken });
  }
  ctx.emit({ type: 'RebalanceStarted', groupId: group.groupId, reason, consumerId });
  transition(ctx, group, 'PreparingRebalance');
}

/** Members that sent SyncGroup for a generation that will not complete get REBALANCE_IN_PROGRESS. */
function failPendingSyncs(ctx: Ctx, group: GroupState): void {
  for (const member of membersOf(group)) {
    if (member.awaitingSync) {
      sendToConsumer(ctx, { groupId: group.groupId, ...member }, member.syncCorrelationId, {
        type: 'SyncGroup',
        error: 'REBALANCE_IN_PROGRESS',
        assignment: [],
      });
    }
    member.awaitingSync = false;
    member.pendingSync = false;
  }
}

/**
 * Session deadline of a member, or null while the coordinator holds its JoinGroup or
 * SyncGroup request (Kafka keeps such members alive). A member that got its JoinGroup
 * response but has not synced is on the clock again, so a process that died mid-rebalance
 * is expelled after session.timeout.ms.
 */
export function sessionDeadline(member: MemberState): number | null {
  if (member.awaitingJoin || member.awaitingSync) return null;
  return member.lastSeen + member.sessionTimeoutMs;
}

/** Writes the group's record to __consumer_offsets (when a generation completes or it empties). */
export function persistGroup(group: GroupState): void {
  group.persisted = {
    generation: group.generation,
    assignorName: group.assignorName,
    leaderMemberId: group.leaderMemberId,
    members: structuredClone(membersOf(group)),
  };
}
