/**
 * Liveness on the coordinator: heartbeats, LeaveGroup, and expelling members whose session
 * ran out (session.timeout.ms without a heartbeat).
 */
import type { Ctx } from '../core/context';
import { reply } from '../core/network';
import type { KafkaError, RebalanceReason } from '../types';
import type { CoordinatorRequest, GroupState } from '../world';
import { prepareRebalance, sessionDeadline } from './group-state';
import { tryCompleteJoin } from './join';

type HeartbeatRequest = Extract<CoordinatorRequest, { type: 'Heartbeat' }>;
type LeaveRequest = Extract<CoordinatorRequest, { type: 'LeaveGroup' }>;

export function handleHeartbeat(ctx: Ctx, req: HeartbeatRequest): void {
  const group = ctx.w.groups[req.groupId];
  const member = group?.members[req.memberId];
  const answer = (error: KafkaError | null) => reply(ctx, req, { type: 'Heartbeat', error });
  if (!group || !member || group.state === 'Empty' || group.state === 'Dead') return answer('UNKNOWN_MEMBER_ID');
  if (req.generation !== group.generation) return answer('ILLEGAL_GENERATION');
  member.lastSeen = ctx.w.now;
  // During PreparingRebalance the heartbeat is how a busy member learns it must rejoin.
  answer(group.state === 'PreparingRebalance' ? 'REBALANCE_IN_PROGRESS' : null);
}

export function handleLeaveGroup(ctx: Ctx, req: LeaveRequest): void {
  const group = ctx.w.groups[req.groupId];
  if (!group?.members[req.memberId]) return;
  removeMember(ctx, group, req.memberId, 'left the group (LeaveGroup)');
  membershipShrunk(ctx, group, 'member left', req.consumerId);
}

export function removeMember(ctx: Ctx, group: GroupState, memberId: string, reason: string): void {
  const member = group.members[memberId];
  if (!member) return;
  delete group.members[memberId];
  if (group.leaderMemberId === memberId) group.leaderMemberId = null;
  ctx.emit({ type: 'MemberRemoved', groupId: group.groupId, consumerId: member.consumerId, memberId, reason });
}

/** After a member is gone: a settled group rebalances; a joining one may now complete. */
export function membershipShrunk(ctx: Ctx, group: GroupState, reason: RebalanceReason, consumerId: string | null): void {
  if (group.state === 'Stable' || group.state === 'CompletingRebalance') {
    prepareRebalance(ctx, group, reason, consumerId);
  }
  tryCompleteJoin(ctx, group);
}

/** One pending check per member, re-armed at its current deadline: cheap at any heartbeat rate. */
export function onSessionCheck(ctx: Ctx, groupId: string, memberId: string, loads: number): void {
  const group = ctx.w.groups[groupId];
  const member = group?.members[memberId];
  if (!group || !member || group.loads !== loads) return;
  const deadline = sessionDeadline(member);
  if (deadline === null || ctx.w.now < deadline) {
    const next = deadline ?? ctx.w.now + member.sessionTimeoutMs;
    ctx.schedule(next, { kind: 'sessionCheck', groupId, memberId, loads });
    return;
  }
  ctx.emit({ type: 'SessionTimeout', groupId, consumerId: member.consumerId, memberId });
  removeMember(ctx, group, memberId, `no heartbeat within session.timeout.ms (${member.sessionTimeoutMs} ms)`);
  membershipShrunk(ctx, group, 'session timeout', member.consumerId);
}
