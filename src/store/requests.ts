import type { DomainEvent } from '../engine/types';

/** ConsumerGroupHeartbeat: the consumer protocol's (KIP-848) one request for joining, leaving and reconciling. */
export type RequestKind = 'JoinGroup' | 'SyncGroup' | 'Heartbeat' | 'LeaveGroup' | 'OffsetCommit' | 'ConsumerGroupHeartbeat';

/** A request a member sent the coordinator that has not been answered yet (as of `now`). */
export interface RequestInFlight {
  key: string;
  consumerId: string;
  kind: RequestKind;
  sentAt: number;
}

/**
 * A heartbeat's success and a LeaveGroup's answer emit no event: the engine's network
 * takes 1–5 ms each way, so they count as in flight for one full round trip.
 */
const SILENT_ROUND_TRIP_MS = 10;
/** A request whose answer never comes (its sender crashed) stops being drawn after this. */
const GIVE_UP_MS = 2_000;

/** Requests of the group's members in flight at `now`, from the recent events, oldest first. */
export function selectRequestsInFlight(events: readonly DomainEvent[], now: number, groupId: string): RequestInFlight[] {
  const open = new Map<string, RequestInFlight>();
  const openReq = (consumerId: string, kind: RequestKind, e: DomainEvent) =>
    open.set(`${consumerId}:${kind}`, { key: `${consumerId}:${kind}:${e.seq}`, consumerId, kind, sentAt: e.time });
  const close = (consumerId: string, kind: RequestKind) => open.delete(`${consumerId}:${kind}`);
  for (const e of events) {
    switch (e.type) {
      case 'ConsumerGroupHeartbeatSent':
        if (e.groupId === groupId) openReq(e.consumerId, 'ConsumerGroupHeartbeat', e);
        break;
      case 'ConsumerGroupHeartbeatAnswered':
      case 'ConsumerGroupHeartbeatFailed':
        close(e.consumerId, 'ConsumerGroupHeartbeat');
        break;
      case 'JoinGroupSent':
        if (e.groupId === groupId) openReq(e.consumerId, 'JoinGroup', e);
        break;
      case 'JoinGroupCompleted':
      case 'JoinGroupFailed':
        close(e.consumerId, 'JoinGroup');
        break;
      case 'SyncGroupSent':
        if (e.groupId === groupId) openReq(e.consumerId, 'SyncGroup', e);
        break;
      case 'PartitionsAssigned':
      case 'SyncGroupFailed':
        close(e.consumerId, 'SyncGroup');
        break;
      case 'HeartbeatSent':
        if (e.groupId === groupId) openReq(e.consumerId, 'Heartbeat', e);
        break;
      case 'HeartbeatFailed':
        close(e.consumerId, 'Heartbeat');
        break;
      case 'LeaveGroupSent':
        if (e.groupId === groupId) openReq(e.consumerId, 'LeaveGroup', e);
        break;
      case 'OffsetCommitSent':
        if (e.groupId === groupId) openReq(e.consumerId, 'OffsetCommit', e);
        break;
      case 'OffsetCommitted':
      case 'OffsetCommitFailed':
        close(e.consumerId, 'OffsetCommit');
        break;
      default:
        break;
    }
  }
  return [...open.values()].filter((r) => {
    const age = now - r.sentAt;
    if (r.kind === 'Heartbeat' || r.kind === 'LeaveGroup') return age <= SILENT_ROUND_TRIP_MS;
    return age <= GIVE_UP_MS;
  });
}

/**
 * Partitions a consumer gave up in the current rebalance and has not been given back:
 * revoked (handed over after a commit) or lost (taken without one). Cleared by its next
 * assignment.
 */
export function selectGivenUp(events: readonly DomainEvent[], consumerId: string): { revoked: string[]; lost: string[] } {
  let revoked: string[] = [];
  let lost: string[] = [];
  for (const e of events) {
    if (!('consumerId' in e) || e.consumerId !== consumerId) continue;
    if (e.type === 'PartitionsRevoked') revoked = [...new Set([...revoked, ...e.partitions])];
    else if (e.type === 'PartitionsLost') lost = [...new Set([...lost, ...e.partitions])];
    else if (e.type === 'PartitionsAssigned') {
      revoked = [];
      lost = [];
    }
  }
  return { revoked, lost };
}
