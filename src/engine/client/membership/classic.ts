/**
 * The classic protocol's client side (Kafka's ConsumerCoordinator and AbstractCoordinator):
 * onJoinPrepare, JoinGroup, the leader's assignment, SyncGroup, the heartbeat thread and the
 * poll-timeout check. Eager and cooperative rebalancing differ in three places, each marked:
 * what a member gives up before it joins (everything, or nothing), whether it goes on
 * consuming while the group rebalances, and what it does with the new assignment (take it
 * whole, or revoke only what it lost and rejoin at once if it lost anything).
 */
import { assignors } from '../../assignors';
import type { Ctx } from '../../core/context';
import { sendToCoordinator } from '../../core/network';
import type { KafkaError } from '../../types';
import type { ClassicMembership, ConsumerResponse, ConsumerState } from '../../world';
import { sendCommit } from '../commits';
import { pickRebalanceProtocol, resolveClientAssignor } from '../../assignors/registry';
import { dropBuffered } from '../fetcher';
import { knownPartitions, refreshMetadata } from '../metadata';
import { sameTopics } from '../subscription';
import { armTimer, cancelTimer, wakeLoop } from '../thread';
import { commitBeforeRevoke, moveToAssignment } from './revocation';

type JoinResponse = Extract<ConsumerResponse, { type: 'JoinGroup' }>;
type SyncResponse = Extract<ConsumerResponse, { type: 'SyncGroup' }>;
type HeartbeatResponse = Extract<ConsumerResponse, { type: 'Heartbeat' }>;

export function newClassicMembership(c: Pick<ConsumerState, 'config'>): ClassicMembership {
  return {
    groupProtocol: 'classic',
    rebalanceProtocol: pickRebalanceProtocol(c.config.assignmentStrategies),
    memberId: null,
    generation: -1,
    phase: 'none',
    rejoinNeeded: false,
    fenced: false,
    isLeader: false,
    groupTopics: [],
    joinedWith: null,
    assignedWith: null,
    lastAssignment: null,
    pendingAssignment: null,
    deferredJoinResponse: null,
    revokeCommitted: false,
  };
}

/** A fatal error poll() throws to the application: the caller ends the process with it. */
export interface Fatal {
  exception: string;
  message: string;
}

/** What poll() may do: fetch ('ready'), wait for the group ('wait'), or nothing (the join took the thread). */
export type PollGate = 'ready' | 'wait' | 'busy' | Fatal;

export function pollGate(ctx: Ctx, c: ConsumerState, m: ClassicMembership): PollGate {
  if (m.deferredJoinResponse !== null) {
    const res = m.deferredJoinResponse;
    m.deferredJoinResponse = null;
    const fatal = handleJoinResponse(ctx, c, m, res);
    if (fatal) return fatal;
  }
  if (m.pendingAssignment !== null && !applyCooperativeAssignment(ctx, c, m)) return 'busy';
  if (m.phase === 'none' || (m.phase === 'stable' && rejoinNeededOrPending(c, m))) {
    prepareJoin(ctx, c, m);
    if (c.loop.kind === 'committing' || m.rebalanceProtocol === 'eager') return 'busy';
  }
  if (m.phase === 'stable') return 'ready';
  // Cooperative: the member keeps consuming what it owns while the group rebalances.
  return m.rebalanceProtocol === 'cooperative' && c.owned.length > 0 ? 'ready' : 'wait';
}

/**
 * Kafka's ConsumerCoordinator.rejoinNeededOrPending: a rebalance was asked for; or the
 * subscription changed since the JoinGroup (a regex matched a new topic meanwhile); or, for
 * the leader, the metadata its assignment was computed from is out of date (partitions
 * added, a subscribed topic created). Checked on every poll, so a change that arrived while
 * joining or syncing is acted on as soon as the join is done.
 */
function rejoinNeededOrPending(c: ConsumerState, m: ClassicMembership): boolean {
  if (m.rejoinNeeded) return true;
  if (m.joinedWith !== null && !sameTopics(m.joinedWith, c.subscription)) return true;
  if (!m.isLeader || m.assignedWith === null) return false;
  const snapshot = m.assignedWith;
  return m.groupTopics.some((topic) => knownPartitions(c, topic) !== (snapshot[topic] ?? 0));
}

/**
 * onJoinPrepare: an eager member gives up everything before rejoining. With auto commit on
 * it first commits synchronously what it consumed, and so does an application whose
 * onPartitionsRevoked commits: the next owner starts there. A fenced member does neither.
 */
function prepareJoin(ctx: Ctx, c: ConsumerState, m: ClassicMembership): void {
  if (!m.fenced && c.owned.length > 0 && (c.config.enableAutoCommit || c.onRevoked === 'commit')) {
    c.loop = { kind: 'committing', then: 'rejoin' };
    if (sendCommit(ctx, c, 'sync', 'rejoin')) return;
  }
  revokeAndJoin(ctx, c, m);
}

export function revokeAndJoin(ctx: Ctx, c: ConsumerState, m: ClassicMembership): void {
  // Eager: everything goes before the JoinGroup. Cooperative: only what a fenced member must
  // give up (onPartitionsLost); it joins with the rest as its owned partitions.
  if (m.rebalanceProtocol === 'eager' || m.fenced) releaseAll(ctx, c, m);
  sendJoin(ctx, c, m);
}

/** onPartitionsRevoked, or onPartitionsLost when the member was fenced. */
export function releaseAll(ctx: Ctx, c: ConsumerState, m: ClassicMembership): void {
  if (c.owned.length > 0) {
    const partitions = [...c.owned];
    ctx.emit({ type: m.fenced ? 'PartitionsLost' : 'PartitionsRevoked', consumerId: c.consumerId, groupId: c.groupId, partitions });
  }
  for (const partition of c.owned) delete c.processedOffsets[partition];
  dropBuffered(c);
  c.owned = [];
  c.position = {};
  m.fenced = false;
}

function sendJoin(ctx: Ctx, c: ConsumerState, m: ClassicMembership): void {
  if (c.groupId === null) return;
  m.phase = 'joining';
  m.rejoinNeeded = false;
  m.isLeader = false;
  m.deferredJoinResponse = null;
  m.joinedWith = [...c.subscription];
  cancelTimer(c, 'heartbeat');
  ctx.emit({ type: 'JoinGroupSent', consumerId: c.consumerId, groupId: c.groupId, memberId: m.memberId });
  sendToCoordinator(ctx, c, {
    type: 'JoinGroup',
    groupId: c.groupId,
    consumerId: c.consumerId,
    incarnation: c.incarnation,
    memberId: m.memberId,
    instanceId: c.config.instanceId,
    sessionTimeoutMs: c.config.sessionTimeoutMs,
    rebalanceTimeoutMs: c.config.maxPollIntervalMs,
    topics: [...c.subscription],
    // Every configured assignor: the coordinator picks one by the members' vote.
    assignorNames: [...c.config.assignmentStrategies],
    owned: [...c.owned],
    generation: m.generation,
    stickyUserData: m.lastAssignment,
  });
  // Eager: the thread blocks in poll() until the group answers. Cooperative: it goes on with
  // what it owns (back from onJoinPrepare's commitSync, if that is where it was).
  if (m.rebalanceProtocol === 'eager' || c.loop.kind === 'committing') c.loop = { kind: 'waiting', wakeAt: null };
  if (m.rebalanceProtocol === 'cooperative') wakeLoop(ctx, c);
}

/** Errors of a JoinGroup that the client does not retry: poll() throws them to the application. */
const FATAL_JOIN_ERRORS: Partial<Record<KafkaError, Fatal>> = {
  INCONSISTENT_GROUP_PROTOCOL: {
    exception: 'InconsistentGroupProtocolException',
    message: "the group's members share no assignor (partition.assignment.strategy)",
  },
  INVALID_SESSION_TIMEOUT: {
    exception: 'InvalidSessionTimeoutException',
    message: "session.timeout.ms is outside the broker's group.min.session.timeout.ms / group.max.session.timeout.ms",
  },
  GROUP_ID_NOT_FOUND: {
    exception: 'GroupIdNotFoundException',
    message: 'a static classic member (group.instance.id) joining a consumer-protocol group is not supported yet by the simulator',
  },
  FENCED_INSTANCE_ID: {
    exception: 'FencedInstanceIdException',
    message: 'another consumer with the same group.instance.id took over this member',
  },
};

export function onJoinResponse(ctx: Ctx, c: ConsumerState, m: ClassicMembership, res: JoinResponse): Fatal | null {
  if (m.phase !== 'joining' || c.groupId === null) return null;
  // The JoinGroup's answer is handled by the application thread inside poll() (the heartbeat
  // thread stays disabled while PREPARING_REBALANCE, AbstractCoordinator.HeartbeatThread): a
  // cooperative member busy processing what it kept gets to it, and to its SyncGroup, at its
  // next poll().
  if (c.loop.kind === 'processing' || ctx.w.now < c.stalledUntil) {
    m.deferredJoinResponse = res;
    return null;
  }
  return handleJoinResponse(ctx, c, m, res);
}

function handleJoinResponse(ctx: Ctx, c: ConsumerState, m: ClassicMembership, res: JoinResponse): Fatal | null {
  if (m.phase !== 'joining' || c.groupId === null) return null;
  const groupId = c.groupId;
  if (res.error !== null) {
    ctx.emit({ type: 'JoinGroupFailed', consumerId: c.consumerId, groupId, error: res.error });
    const fatal = FATAL_JOIN_ERRORS[res.error];
    if (fatal) {
      m.phase = 'none';
      return fatal;
    }
    if (res.error === 'MEMBER_ID_REQUIRED') m.memberId = res.memberId;
    else if (res.error === 'UNKNOWN_MEMBER_ID') m.memberId = null;
    sendJoin(ctx, c, m);
    return null;
  }
  m.memberId = res.memberId;
  m.generation = res.generation;
  m.isLeader = res.leaderId === res.memberId;
  if (m.isLeader) {
    m.groupTopics = [...new Set(res.members.flatMap((member) => member.topics))].sort();
    // The leader fetches metadata for group topics it has not seen (other members' subscriptions).
    if (m.groupTopics.some((topic) => !Object.hasOwn(c.metadata.topics, topic))) refreshMetadata(ctx, c);
  }
  // The heartbeat thread starts with the JoinGroup response (it keeps the member alive while it syncs).
  armTimer(ctx, c, 'heartbeat', ctx.w.now + c.config.heartbeatIntervalMs);
  ctx.emit({
    type: 'JoinGroupCompleted', consumerId: c.consumerId, groupId, memberId: res.memberId,
    generation: res.generation, leader: m.isLeader,
  });
  const assignment = m.isLeader && res.members.length > 0 ? computeAssignment(ctx, c, m, res) : null;
  m.phase = 'syncing';
  ctx.emit({ type: 'SyncGroupSent', consumerId: c.consumerId, groupId, generation: res.generation });
  sendToCoordinator(ctx, c, {
    type: 'SyncGroup', groupId, consumerId: c.consumerId, incarnation: c.incarnation,
    memberId: res.memberId, generation: res.generation, assignment,
  });
  return null;
}

/** AbstractCoordinator: a join whose JoinGroup or SyncGroup was lost is sent again, no revocation twice. */
export function onGroupRequestLost(ctx: Ctx, c: ConsumerState, m: ClassicMembership, type: 'JoinGroup' | 'SyncGroup'): void {
  if ((type === 'JoinGroup' && m.phase === 'joining') || (type === 'SyncGroup' && m.phase === 'syncing')) sendJoin(ctx, c, m);
}

/** Only the leader runs the assignor, over the member list the coordinator sent it. */
function computeAssignment(ctx: Ctx, c: ConsumerState, m: ClassicMembership, res: JoinResponse): Record<string, string[]> {
  const protocol = resolveClientAssignor(res.assignorName ?? c.config.assignmentStrategies[0]!).name;
  // From the leader's own metadata, which may lag the cluster by up to metadata.max.age.ms.
  const topics: Record<string, number> = {};
  for (const topic of m.groupTopics) {
    const count = knownPartitions(c, topic);
    if (count > 0) topics[topic] = count;
  }
  m.assignedWith = { ...topics };
  const assignment = assignors[protocol].assign({
    topics,
    members: res.members.map((member) => ({
      id: member.memberId,
      ...(member.instanceId !== null ? { instanceId: member.instanceId } : {}),
      topics: member.topics,
      // StickyAssignor reads the member's user data; CooperativeStickyAssignor its owned partitions.
      ...(protocol === 'sticky' && member.stickyUserData
        ? { owned: member.stickyUserData.partitions, generation: member.stickyUserData.generation }
        : protocol === 'cooperative-sticky'
          ? { owned: member.owned, generation: member.generation }
          : {}),
    })),
  });
  ctx.emit({
    type: 'AssignmentComputed', groupId: c.groupId ?? '', consumerId: c.consumerId,
    assignor: protocol, generation: res.generation, assignment,
  });
  return assignment;
}

export function onSyncResponse(ctx: Ctx, c: ConsumerState, m: ClassicMembership, res: SyncResponse): void {
  if (m.phase !== 'syncing' || c.groupId === null) return;
  if (res.error !== null) {
    ctx.emit({ type: 'SyncGroupFailed', consumerId: c.consumerId, groupId: c.groupId, error: res.error });
    onGroupError(c, m, res.error);
    m.phase = 'none';
    return wakeLoop(ctx, c);
  }
  m.phase = 'stable';
  m.lastAssignment = { partitions: [...res.assignment], generation: m.generation };
  // onJoinComplete restarts the auto-commit clock: the first commit comes a full interval after the assignment.
  if (c.config.enableAutoCommit) c.nextAutoCommitAt = ctx.w.now + c.config.autoCommitIntervalMs;
  if (m.rebalanceProtocol === 'cooperative') {
    // onJoinComplete runs in the application thread, at its next poll().
    m.pendingAssignment = [...res.assignment];
    m.revokeCommitted = false;
    return wakeLoop(ctx, c);
  }
  c.owned = [...res.assignment];
  ctx.emit({ type: 'PartitionsAssigned', consumerId: c.consumerId, groupId: c.groupId, partitions: [...res.assignment] });
  wakeLoop(ctx, c);
}

/**
 * Cooperative onJoinComplete: revoke only the partitions the new assignment takes away
 * (onPartitionsRevoked, after its commit if the listener commits), add the new ones
 * (onPartitionsAssigned), and, if anything was revoked, rejoin at once: the follow-up
 * rebalance hands those partitions to their new owners. Returns false while the listener's
 * commitSync holds the thread.
 */
function applyCooperativeAssignment(ctx: Ctx, c: ConsumerState, m: ClassicMembership): boolean {
  const assignment = m.pendingAssignment!;
  if (commitBeforeRevoke(ctx, c, c.owned.filter((p) => !assignment.includes(p)), m)) return false;
  m.pendingAssignment = null;
  // Kafka calls onPartitionsAssigned after every cooperative rebalance, with what was added (maybe nothing).
  const { revoked } = moveToAssignment(ctx, c, assignment);
  if (revoked.length > 0) m.rejoinNeeded = true;
  return true;
}

/** The heartbeat thread: runs from the JoinGroup response on, independent of the poll loop. */
export function onHeartbeatTimer(ctx: Ctx, c: ConsumerState, m: ClassicMembership): void {
  if ((m.phase !== 'stable' && m.phase !== 'syncing') || c.groupId === null || m.memberId === null) return;
  if (c.coordinator === null) {
    // No coordinator known: the heartbeat thread waits for the lookup, then beats again.
    armTimer(ctx, c, 'heartbeat', ctx.w.now + c.config.heartbeatIntervalMs);
    return;
  }
  c.lastHeartbeatAt = ctx.w.now;
  ctx.emit({ type: 'HeartbeatSent', consumerId: c.consumerId, groupId: c.groupId });
  const correlationId = sendToCoordinator(ctx, c, {
    type: 'Heartbeat', groupId: c.groupId, consumerId: c.consumerId, incarnation: c.incarnation,
    memberId: m.memberId, generation: m.generation,
  });
  c.pendingHeartbeats[correlationId] = m.generation;
  armTimer(ctx, c, 'heartbeat', ctx.w.now + c.config.heartbeatIntervalMs);
}

export function onHeartbeatResponse(ctx: Ctx, c: ConsumerState, m: ClassicMembership, correlationId: number, res: HeartbeatResponse): void {
  const sentWith = c.pendingHeartbeats[correlationId];
  delete c.pendingHeartbeats[correlationId];
  if (res.error === null || c.groupId === null) return;
  // A late answer about an older generation says nothing about the current one.
  if ((m.phase !== 'stable' && m.phase !== 'syncing') || sentWith !== m.generation) return;
  ctx.emit({ type: 'HeartbeatFailed', consumerId: c.consumerId, groupId: c.groupId, error: res.error });
  onGroupError(c, m, res.error);
  wakeLoop(ctx, c);
}

/**
 * How the classic client reacts to a group error on any response: a rebalance means
 * rejoin; an unknown member or stale generation means it was fenced, and the partitions it
 * holds are lost, not revoked (it must not commit them).
 */
export function onGroupError(c: ConsumerState, m: ClassicMembership, error: KafkaError): void {
  if (error === 'REBALANCE_IN_PROGRESS') {
    m.rejoinNeeded = true;
  } else if (error === 'UNKNOWN_MEMBER_ID' || error === 'ILLEGAL_GENERATION') {
    // resetGenerationOnResponseError: a fenced member joins again as a new one.
    if (error === 'UNKNOWN_MEMBER_ID') m.memberId = null;
    m.generation = -1;
    m.fenced = c.owned.length > 0;
    m.phase = 'none';
    m.rejoinNeeded = true;
  }
}

/**
 * max.poll.interval.ms passed without a poll(): the heartbeat thread gives the member up.
 * A dynamic member sends LeaveGroup; a static one just stops and waits to be expelled.
 */
export function onPollTimeout(ctx: Ctx, c: ConsumerState, m: ClassicMembership): void {
  if (c.groupId === null || c.lastPollAt === null || m.phase === 'none') return;
  const sincePollMs = ctx.w.now - c.lastPollAt;
  ctx.emit({ type: 'PollTimeout', consumerId: c.consumerId, groupId: c.groupId, sincePollMs });
  leaveGroup(ctx, c, m, 'consumer poll timeout has expired');
  // maybeLeaveGroup -> resetGenerationOnLeaveGroup: static or not, the member id is gone.
  m.memberId = null;
  m.generation = -1;
  m.fenced = c.owned.length > 0;
  m.phase = 'none';
  m.rejoinNeeded = true;
  cancelTimer(c, 'heartbeat');
}

/** LeaveGroup, which a static member (group.instance.id) never sends: its partitions wait for it. */
export function leaveGroup(ctx: Ctx, c: ConsumerState, m: ClassicMembership, reason: string): void {
  if (c.groupId === null || m.memberId === null || c.config.instanceId !== null) return;
  ctx.emit({ type: 'LeaveGroupSent', consumerId: c.consumerId, groupId: c.groupId, memberId: m.memberId, reason });
  sendToCoordinator(ctx, c, {
    type: 'LeaveGroup', groupId: c.groupId, consumerId: c.consumerId, incarnation: c.incarnation, memberId: m.memberId,
  });
}

