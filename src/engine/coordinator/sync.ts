/** SyncGroup on the coordinator: followers wait for the leader's assignment, then Stable. */
import type { Ctx } from '../core/context';
import { reply, sendToConsumer } from '../core/network';
import type { KafkaError } from '../types';
import type { CoordinatorRequest, GroupState } from '../world';
import { membersOf, persistGroup, transition } from './group-state';
import { startRebalance } from './join';
import { removeMember } from './membership';

type SyncRequest = Extract<CoordinatorRequest, { type: 'SyncGroup' }>;

export function handleSyncGroup(ctx: Ctx, req: SyncRequest): void {
  const group = ctx.w.groups[req.groupId];
  const member = group?.members[req.memberId];
  const fail = (error: KafkaError) =>
    reply(ctx, req, { type: 'SyncGroup', error, assignment: [] });
  if (!group || !member) return fail('UNKNOWN_MEMBER_ID');
  if (req.generation !== group.generation) return fail('ILLEGAL_GENERATION');
  member.lastSeen = ctx.w.now;

  switch (group.state) {
    case 'PreparingRebalance':
      return fail('REBALANCE_IN_PROGRESS');
    case 'CompletingRebalance': {
      member.pendingSync = false;
      member.awaitingSync = true;
      member.syncCorrelationId = req.correlationId;
      if (req.memberId === group.leaderMemberId && req.assignment) completeSync(ctx, group, req.assignment);
      return;
    }
    case 'Stable':
      member.pendingSync = false;
      return reply(ctx, req, {
        type: 'SyncGroup',
        error: null,
        assignment: [...member.assignment],
      });
    default:
      return fail('UNKNOWN_MEMBER_ID');
  }
}

/** The leader's assignment arrived: store it, go Stable, answer everyone waiting. */
function completeSync(ctx: Ctx, group: GroupState, assignment: Record<string, string[]>): void {
  for (const member of membersOf(group)) member.assignment = [...(assignment[member.memberId] ?? [])];
  transition(ctx, group, 'Stable');
  persistGroup(group);
  group.rebalances += 1;
  ctx.emit({ type: 'RebalanceCompleted', groupId: group.groupId, generation: group.generation });
  for (const member of membersOf(group)) {
    if (!member.awaitingSync) continue;
    member.awaitingSync = false;
    sendToConsumer(ctx, { groupId: group.groupId, ...member }, member.syncCorrelationId, {
      type: 'SyncGroup',
      error: null,
      assignment: [...member.assignment],
    });
  }
}

/** Members that got a JoinGroup response but never synced within the rebalance timeout go. */
export function onSyncDeadline(ctx: Ctx, group: GroupState): void {
  if (group.state !== 'CompletingRebalance' && group.state !== 'Stable') return;
  const late = membersOf(group).filter((m) => m.pendingSync);
  if (late.length === 0) return;
  for (const member of late) removeMember(ctx, group, member.memberId, 'did not send SyncGroup before the rebalance timeout');
  startRebalance(ctx, group, 'sync timeout', null);
}
