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
import { randomUuid } from '../../core/prng';
import type { KafkaError } from '../../types';
import type { ConsumerMembership, ConsumerResponse, ConsumerState } from '../../world';
import { armTimer, cancelTimer, wakeLoop } from '../thread';
import type { Fatal, PollGate } from './classic';
import { JOIN_GROUP_MEMBER_EPOCH, LEAVE_GROUP_MEMBER_EPOCH, LEAVE_GROUP_STATIC_MEMBER_EPOCH, sendHeartbeat } from './consumer-heartbeat';
import { reconcile, releaseAll, updatePhase } from './consumer-reconcile';

type HeartbeatResponse = Extract<ConsumerResponse, { type: 'ConsumerGroupHeartbeat' }>;

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
    patternTopics: [],
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
  // Kafka's poll() sends its PollEvent (onConsumerPoll: the join starts) before
  // updateAssignmentMetadataIfNeeded re-evaluates the pattern: the join goes with what
  // subscribe() matched, and a later heartbeat carries the topics found since.
  updatePatternSubscription(c, m);
  if (m.pendingAssignment !== null && !reconcile(ctx, c, m)) return 'busy';
  return 'ready';
}

/**
 * UpdatePatternSubscriptionEvent: the client evaluates its java.util.regex.Pattern against
 * its metadata (the consumer's `subscription` follows the metadata it has) and keeps the
 * topics it matched for the next heartbeat, which sends them because they changed.
 * Evaluating at every poll() is Kafka's "only after a metadata update": the regex is fixed,
 * so the match changes only when the metadata does.
 */
function updatePatternSubscription(c: ConsumerState, m: ConsumerMembership): void {
  if (c.mode !== 'pattern') return;
  const topics = [...c.subscription].sort();
  if (topics.join(',') !== m.patternTopics.join(',')) m.patternTopics = topics;
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
      // A SubscriptionPattern's topics are the broker's to resolve: the client learns them
      // from its assignment (the topics it needs metadata and lag for).
      if (c.mode === 'regex') c.subscription = topicsOf(next);
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

function topicsOf(partitions: readonly string[]): string[] {
  return [...new Set(partitions.map((p) => p.slice(0, p.lastIndexOf('-'))))].sort();
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
 * transitionToFenced (FENCED_MEMBER_EPOCH or UNKNOWN_MEMBER_ID): the epoch goes back to 0;
 * at its next poll the member reports its partitions lost (onPartitionsLost, no commit) and
 * joins again.
 */
function fence(ctx: Ctx, c: ConsumerState, m: ConsumerMembership): void {
  dropOut(c, m, 'fenced', JOIN_GROUP_MEMBER_EPOCH);
  wakeLoop(ctx, c);
}

/** Out of the group at `epoch`: what it owns is lost at its next poll(), where it joins again. */
function dropOut(c: ConsumerState, m: ConsumerMembership, state: 'fenced' | 'stale', epoch: number): void {
  m.state = state;
  m.memberEpoch = epoch;
  m.generation = epoch;
  m.fenced = c.owned.length > 0;
  m.pendingAssignment = null;
  m.phase = 'none';
  cancelTimer(c, 'heartbeat');
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
  dropOut(c, m, 'stale', epoch);
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
