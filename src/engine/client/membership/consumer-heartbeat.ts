/**
 * ConsumerGroupHeartbeat as the consumer protocol's client sends it (Kafka's
 * HeartbeatRequestManager and its HeartbeatState): one in flight at a time, and each one
 * carries only the fields that changed since the last (a joining member sends them all).
 */
import type { Ctx } from '../../core/context';
import { sendToCoordinator } from '../../core/network';
import type { ConsumerMembership, ConsumerState } from '../../world';
import { armTimer } from '../thread';

/** ConsumerGroupHeartbeatRequest's epochs. */
export const JOIN_GROUP_MEMBER_EPOCH = 0;
export const LEAVE_GROUP_MEMBER_EPOCH = -1;
export const LEAVE_GROUP_STATIC_MEMBER_EPOCH = -2;

/**
 * The topics the heartbeat subscribes to. A pattern is a java.util.regex.Pattern, which
 * Kafka's client resolves itself (a client-side regex: AsyncKafkaConsumer's
 * updatePatternSubscription) and sends as topic names: what the regex matched when the
 * client last evaluated it, see updatePatternSubscription in consumer-protocol.ts. A
 * SubscriptionPattern (RE2J) goes to the broker as SubscribedTopicRegex, with no names.
 */
function subscribedTopics(c: ConsumerState, m: ConsumerMembership): string[] {
  if (c.mode === 'regex') return [];
  return c.mode === 'pattern' ? [...m.patternTopics] : [...c.subscription].sort();
}

/** SubscribedTopicRegex: the SubscriptionPattern itself, null for every other subscription. */
function subscribedRegex(c: ConsumerState): string | null {
  return c.mode === 'regex' ? c.pattern : null;
}

/**
 * Sends a heartbeat now, or right after the one in flight (one at a time, as Kafka's
 * HeartbeatRequestManager). Fields that did not change since the last one are left out
 * (null); a joining member sends them all.
 */
export function sendHeartbeat(ctx: Ctx, c: ConsumerState, m: ConsumerMembership, memberEpoch = m.memberEpoch): void {
  if (c.groupId === null || m.memberId === null) return;
  const leaving = memberEpoch < 0;
  if (m.inFlight !== null && !leaving) {
    m.heartbeatNow = true;
    return;
  }
  m.heartbeatNow = false;
  const full = memberEpoch === JOIN_GROUP_MEMBER_EPOCH;
  const topics = subscribedTopics(c, m);
  const regex = subscribedRegex(c);
  // One key for both fields: HeartbeatState sends either when it differs from what it sent last.
  const subscription = regex === null ? topics.join(',') : `regex:${regex}`;
  const owned = [...c.owned].sort();
  const ownedKey = owned.join(',');
  const sendSubscription = !leaving && (full || subscription !== m.sentSubscription);
  const sendOwned = !leaving && (full || ownedKey !== m.sentOwned);
  if (sendSubscription) m.sentSubscription = subscription;
  if (sendOwned) m.sentOwned = ownedKey;
  ctx.emit({ type: 'ConsumerGroupHeartbeatSent', consumerId: c.consumerId, groupId: c.groupId, memberEpoch });
  c.lastHeartbeatAt = ctx.w.now;
  const correlationId = sendToCoordinator(ctx, c, {
    type: 'ConsumerGroupHeartbeat',
    groupId: c.groupId,
    consumerId: c.consumerId,
    incarnation: c.incarnation,
    memberId: m.memberId,
    memberEpoch,
    instanceId: c.config.instanceId,
    rebalanceTimeoutMs: c.config.maxPollIntervalMs,
    subscribedTopics: sendSubscription ? topics : null,
    subscribedTopicRegex: sendSubscription ? regex : null,
    serverAssignor: full ? m.serverAssignor : null,
    owned: sendOwned ? owned : null,
  });
  if (leaving) return;
  m.inFlight = correlationId;
  armTimer(ctx, c, 'heartbeat', ctx.w.now + m.heartbeatIntervalMs);
}
