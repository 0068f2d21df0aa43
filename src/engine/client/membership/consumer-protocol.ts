/**
 * The consumer protocol's client side (KIP-848, group.protocol=consumer; Kafka's
 * ConsumerMembershipManager, AbstractMembershipManager and HeartbeatRequestManager). One
 * RPC, ConsumerGroupHeartbeat: epoch 0 joins, -1 leaves, -2 leaves for a while (a static
 * member). The broker computes the assignment; the member reconciles to what each answer
 * hands it, in the application thread at its next poll(): auto commit first, then
 * onPartitionsRevoked for what it loses, onPartitionsAssigned for what it gains (always,
 * maybe empty), then an immediate heartbeat to acknowledge. No JoinGroup, no SyncGroup, no
 * group-wide stop: what a member keeps it goes on consuming.
 *
 * Simplifications: the reconciliation's auto commit blocks the application thread (Kafka's
 * background thread does it while the application goes on polling); the member id is a
 * seeded UUID in Kafka's usual text form rather than its base64 Uuid.
 */
import type { Ctx } from '../../core/context';
import { sendToCoordinator } from '../../core/network';
import { randomUuid } from '../../core/prng';
import type { KafkaError } from '../../types';
import type { ConsumerMembership, ConsumerResponse, ConsumerState } from '../../world';
import { sendCommit } from '../commits';
import { dropBuffered } from '../fetcher';
import { armTimer, cancelTimer, wakeLoop } from '../thread';
import type { Fatal, PollGate } from './classic';

type HeartbeatResponse = Extract<ConsumerResponse, { type: 'ConsumerGroupHeartbeat' }>;

/** ConsumerGroupHeartbeatRequest's epochs. */
export const JOIN_GROUP_MEMBER_EPOCH = 0;
export const LEAVE_GROUP_MEMBER_EPOCH = -1;
export const LEAVE_GROUP_STATIC_MEMBER_EPOCH = -2;

/** Until the first answer says otherwise (group.consumer.heartbeat.interval.ms's default). */
const DEFAULT_HEARTBEAT_INTERVAL_MS = 5_000;
/** retry.backoff.ms: a heartbeat the coordinator could not take is sent again after it. */
const RETRY_BACKOFF_MS = 100;

export function newConsumerMembership(c: Pick<ConsumerState, 'config'>): ConsumerMembership {
  return {
    groupProtocol: 'consumer',
    memberId: null,
    memberEpoch: 0,
    generation: 0,
    state: 'unsubscribed',
    phase: 'none',
    fenced: false,
    serverAssignor: c.config.remoteAssignor,
    heartbeatIntervalMs: DEFAULT_HEARTBEAT_INTERVAL_MS,
    inFlight: null,
    heartbeatNow: false,
    sentSubscription: null,
    sentOwned: null,
    pendingAssignment: null,
    target: null,
    reconcileCommitted: false,
    revokeCommitted: false,
  };
}

/**
 * poll(): a fenced or stale member gives its partitions up (onPartitionsLost) and joins
 * again with epoch 0; a new assignment is reconciled. False from the reconciliation means a
 * commitSync holds the thread.
 */
export function pollGate(ctx: Ctx, c: ConsumerState, m: ConsumerMembership): PollGate {
  if (m.state === 'fenced' || m.state === 'stale') {
    releaseAll(ctx, c, m);
    join(ctx, c, m);
  } else if (m.state === 'unsubscribed') {
    join(ctx, c, m);
  }
  if (m.pendingAssignment !== null && !reconcile(ctx, c, m)) return 'busy';
  return 'ready';
}

/** transitionToJoining: epoch 0, everything sent again, the current target forgotten. */
function join(ctx: Ctx, c: ConsumerState, m: ConsumerMembership): void {
  if (c.groupId === null) return;
  m.memberId ??= randomUuid(ctx.w);
  m.state = 'joining';
  m.memberEpoch = JOIN_GROUP_MEMBER_EPOCH;
  m.generation = JOIN_GROUP_MEMBER_EPOCH;
  m.fenced = false;
  m.sentSubscription = null;
  m.sentOwned = null;
  m.pendingAssignment = null;
  m.target = null;
  updatePhase(c, m);
  sendHeartbeat(ctx, c, m);
}

/**
 * The topics the heartbeat subscribes to. A pattern is a java.util.regex.Pattern, which
 * Kafka's client resolves itself against its metadata (metadata.max.age.ms) and sends as
 * topic names; only a SubscriptionPattern (not modelled) would go to the broker.
 */
function subscribedTopics(c: ConsumerState): string[] {
  return [...c.subscription].sort();
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
  const topics = subscribedTopics(c);
  const subscription = topics.join(',');
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
    serverAssignor: full ? m.serverAssignor : null,
    owned: sendOwned ? owned : null,
  });
  if (leaving) return;
  m.inFlight = correlationId;
  armTimer(ctx, c, 'heartbeat', ctx.w.now + m.heartbeatIntervalMs);
}

/** The heartbeat interval passed: beat again while in (or joining) the group. */
export function onHeartbeatTimer(ctx: Ctx, c: ConsumerState, m: ConsumerMembership): void {
  if (m.state === 'joining' || m.state === 'member') sendHeartbeat(ctx, c, m);
}

/** Errors of a heartbeat that poll() throws to the application: the process ends. */
const FATAL_HEARTBEAT_ERRORS: Partial<Record<KafkaError, Fatal>> = {
  UNRELEASED_INSTANCE_ID: {
    exception: 'UnreleasedInstanceIdException',
    message: 'another consumer with the same group.instance.id is still a member of the group',
  },
  GROUP_ID_NOT_FOUND: {
    exception: 'GroupIdNotFoundException',
    message:
      'the group is a classic group with static members (group.instance.id): converting it to the consumer protocol online is not supported yet by the simulator',
  },
};

export function onHeartbeatResponse(ctx: Ctx, c: ConsumerState, m: ConsumerMembership, correlationId: number, res: HeartbeatResponse): Fatal | null {
  if (correlationId !== m.inFlight) return null;
  m.inFlight = null;
  if (c.groupId === null || (m.state !== 'joining' && m.state !== 'member')) return null;
  if (res.error !== null) {
    ctx.emit({ type: 'ConsumerGroupHeartbeatFailed', consumerId: c.consumerId, groupId: c.groupId, error: res.error });
    const fatal = FATAL_HEARTBEAT_ERRORS[res.error];
    if (fatal) {
      m.state = 'unsubscribed';
      m.phase = 'none';
      return fatal;
    }
    if (res.error === 'FENCED_MEMBER_EPOCH' || res.error === 'UNKNOWN_MEMBER_ID') {
      fence(ctx, c, m);
      return null;
    }
    // Retriable (the coordinator is loading or moved): everything again, after a backoff.
    m.sentSubscription = null;
    m.sentOwned = null;
    armTimer(ctx, c, 'heartbeat', ctx.w.now + RETRY_BACKOFF_MS);
    return null;
  }
  ctx.emit({
    type: 'ConsumerGroupHeartbeatAnswered', consumerId: c.consumerId, groupId: c.groupId,
    memberEpoch: res.memberEpoch, assigned: res.assignment === null ? null : [...res.assignment],
  });
  m.memberId = res.memberId;
  m.memberEpoch = res.memberEpoch;
  m.generation = res.memberEpoch;
  m.heartbeatIntervalMs = res.heartbeatIntervalMs;
  if (m.state === 'joining' && res.memberEpoch > 0) m.state = 'member';
  if (res.assignment !== null) {
    const next = [...res.assignment].sort();
    // replaceTargetAssignmentWithNewAssignment: only a different set is a new target.
    if (m.target === null || next.join(',') !== m.target.join(',')) {
      m.target = next;
      m.pendingAssignment = next;
      m.reconcileCommitted = false;
      m.revokeCommitted = false;
      wakeLoop(ctx, c);
    }
  }
  updatePhase(c, m);
  // The interval counts from the answer; an acknowledgement asked for meanwhile goes now.
  armTimer(ctx, c, 'heartbeat', ctx.w.now + m.heartbeatIntervalMs);
  if (m.heartbeatNow) sendHeartbeat(ctx, c, m);
  return null;
}

/** The heartbeat never reached a coordinator (down, or moved): it goes again once one is found, in full. */
export function onHeartbeatLost(ctx: Ctx, c: ConsumerState, m: ConsumerMembership, correlationId: number): void {
  if (correlationId !== m.inFlight) return;
  m.inFlight = null;
  m.sentSubscription = null;
  m.sentOwned = null;
  if (m.state === 'joining' || m.state === 'member') sendHeartbeat(ctx, c, m);
}

/**
 * Reconciles the newest assignment (AbstractMembershipManager.maybeReconcile): the auto
 * commit of everything consumed (maybeAutoCommitSyncBeforeRevocation), the listener's
 * commit if it commits on revocation, onPartitionsRevoked for what is gone,
 * onPartitionsAssigned for what is new (called even when nothing is), then the
 * acknowledging heartbeat with the new owned partitions. False while a commitSync holds the thread.
 */
function reconcile(ctx: Ctx, c: ConsumerState, m: ConsumerMembership): boolean {
  const target = m.pendingAssignment!;
  const revoked = c.owned.filter((p) => !target.includes(p));
  if (c.config.enableAutoCommit && !m.reconcileCommitted) {
    m.reconcileCommitted = true;
    c.loop = { kind: 'committing', then: 'poll' };
    if (sendCommit(ctx, c, 'sync', 'poll')) return false;
  }
  if (revoked.length > 0 && c.onRevoked === 'commit' && !m.revokeCommitted) {
    m.revokeCommitted = true;
    const offsets = Object.fromEntries(revoked.flatMap((p) => (c.position[p] === undefined ? [] : [[p, c.position[p]!]])));
    c.loop = { kind: 'committing', then: 'poll' };
    if (sendCommit(ctx, c, 'sync', 'poll', offsets)) return false;
  }
  m.pendingAssignment = null;
  const added = target.filter((p) => !c.owned.includes(p));
  if (revoked.length > 0) {
    ctx.emit({ type: 'PartitionsRevoked', consumerId: c.consumerId, groupId: c.groupId, partitions: revoked });
    for (const partition of revoked) {
      delete c.position[partition];
      delete c.processedOffsets[partition];
    }
    dropBuffered(c, revoked);
  }
  c.owned = [...c.owned.filter((p) => target.includes(p)), ...added];
  ctx.emit({ type: 'PartitionsAssigned', consumerId: c.consumerId, groupId: c.groupId, partitions: added });
  // signalReconciliationCompleting: the auto-commit clock starts again with the new assignment.
  if (c.config.enableAutoCommit) c.nextAutoCommitAt = ctx.w.now + c.config.autoCommitIntervalMs;
  updatePhase(c, m);
  sendHeartbeat(ctx, c, m);
  return true;
}

/**
 * transitionToFenced (FENCED_MEMBER_EPOCH or UNKNOWN_MEMBER_ID): the epoch goes back to 0;
 * at its next poll the member reports its partitions lost (onPartitionsLost, no commit) and
 * joins again.
 */
function fence(ctx: Ctx, c: ConsumerState, m: ConsumerMembership): void {
  m.state = 'fenced';
  m.memberEpoch = JOIN_GROUP_MEMBER_EPOCH;
  m.generation = JOIN_GROUP_MEMBER_EPOCH;
  m.fenced = c.owned.length > 0;
  m.pendingAssignment = null;
  m.phase = 'none';
  cancelTimer(c, 'heartbeat');
  wakeLoop(ctx, c);
}

/** onPartitionsLost when the member is out of the group (fenced, stale); onPartitionsRevoked otherwise. */
function releaseAll(ctx: Ctx, c: ConsumerState, m: ConsumerMembership): void {
  if (c.owned.length > 0) {
    const lost = m.fenced || m.memberEpoch <= 0;
    ctx.emit({ type: lost ? 'PartitionsLost' : 'PartitionsRevoked', consumerId: c.consumerId, groupId: c.groupId, partitions: [...c.owned] });
  }
  for (const partition of c.owned) delete c.processedOffsets[partition];
  dropBuffered(c);
  c.owned = [];
  c.position = {};
  m.fenced = false;
}

/** The epoch a leaving member sends: a static one leaves for a while (-2), keeping its assignment on the broker. */
function leaveEpoch(c: ConsumerState): number {
  return c.config.instanceId !== null ? LEAVE_GROUP_STATIC_MEMBER_EPOCH : LEAVE_GROUP_MEMBER_EPOCH;
}

/**
 * max.poll.interval.ms passed without a poll(): the background thread leaves the group
 * (transitionToSendingLeaveGroup(true), with the member's leave epoch) and the member goes
 * stale: its partitions are lost, and it joins again at its next poll().
 */
export function onPollTimeout(ctx: Ctx, c: ConsumerState, m: ConsumerMembership): void {
  if (c.groupId === null || c.lastPollAt === null || (m.state !== 'joining' && m.state !== 'member')) return;
  ctx.emit({ type: 'PollTimeout', consumerId: c.consumerId, groupId: c.groupId, sincePollMs: ctx.w.now - c.lastPollAt });
  const epoch = leaveEpoch(c);
  sendHeartbeat(ctx, c, m, epoch);
  m.inFlight = null;
  m.state = 'stale';
  m.memberEpoch = epoch;
  m.generation = epoch;
  m.fenced = c.owned.length > 0;
  m.pendingAssignment = null;
  m.phase = 'none';
  cancelTimer(c, 'heartbeat');
}

/** close(): onPartitionsRevoked (or Lost when out of the group), then the leave heartbeat (-1, or -2 if static). */
export function leaveOnClose(ctx: Ctx, c: ConsumerState, m: ConsumerMembership): void {
  const inGroup = m.state === 'joining' || m.state === 'member';
  releaseAll(ctx, c, m);
  if (inGroup) {
    const epoch = leaveEpoch(c);
    sendHeartbeat(ctx, c, m, epoch);
    m.memberEpoch = epoch;
    m.generation = epoch;
  }
  m.state = 'unsubscribed';
  m.phase = 'none';
  m.inFlight = null;
  cancelTimer(c, 'heartbeat');
}

function updatePhase(c: ConsumerState, m: ConsumerMembership): void {
  if (m.state === 'joining') m.phase = 'joining';
  else if (m.state !== 'member') m.phase = 'none';
  else m.phase = m.pendingAssignment !== null || (m.target !== null && m.target.join(',') !== [...c.owned].sort().join(',')) ? 'reconciling' : 'stable';
}
