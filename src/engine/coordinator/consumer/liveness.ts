/**
 * Liveness of consumer-protocol members: the session timeout is the broker's
 * (group.consumer.session.timeout.ms), checked against the member's last heartbeat. A member
 * that ran out is fenced: removed, its partitions free, a new group epoch. A static member
 * that left with -2 is removed the same way if it does not come back in time.
 *
 * Simplification: Kafka also fences a member that does not revoke within its rebalance
 * timeout (max.poll.interval.ms); here such a member is only removed by the session timeout
 * or its own poll timeout.
 */
import type { Ctx } from '../../core/context';
import type { ConsumerGroupMember, ConsumerGroupState } from '../../world';
import { memberGone } from './conversion';
import { removeConsumerMember } from './group';

/** The broker's session timeout; a classic member of a mixed group keeps its own session.timeout.ms. */
export function sessionTimeoutOf(ctx: Pick<Ctx, 'w'>, member: ConsumerGroupMember): number {
  return member.classic?.sessionTimeoutMs ?? ctx.w.broker.consumerSessionTimeoutMs;
}

export function scheduleConsumerSessionCheck(ctx: Ctx, group: ConsumerGroupState, member: ConsumerGroupMember): void {
  ctx.schedule(member.lastSeen + sessionTimeoutOf(ctx, member), {
    kind: 'sessionCheck', groupId: group.groupId, memberId: member.memberId, loads: group.loads,
  });
}

export function consumerSessionDeadline(ctx: Pick<Ctx, 'w'>, member: ConsumerGroupMember): number {
  return member.lastSeen + sessionTimeoutOf(ctx, member);
}

export function onConsumerSessionCheck(ctx: Ctx, group: ConsumerGroupState, memberId: string, loads: number): void {
  const member = group.members[memberId];
  if (!member || group.loads !== loads) return;
  const deadline = consumerSessionDeadline(ctx, member);
  if (ctx.w.now < deadline) {
    ctx.schedule(deadline, { kind: 'sessionCheck', groupId: group.groupId, memberId, loads });
    return;
  }
  ctx.emit({ type: 'SessionTimeout', groupId: group.groupId, consumerId: member.consumerId, memberId });
  const timeout = member.classic ? `session.timeout.ms (${member.classic.sessionTimeoutMs} ms)` : `group.consumer.session.timeout.ms (${ctx.w.broker.consumerSessionTimeoutMs} ms)`;
  removeConsumerMember(ctx, group, member, `no heartbeat within ${timeout}`);
  memberGone(ctx, group, 'session timeout', member.consumerId);
}
