/**
 * The generation a commit may be sent with (Kafka's ConsumerCoordinator.generationIfStable).
 * Pure data in, answer out: it sits below commits in the client chain.
 */
import type { MembershipState } from '../../world';

export type CommitException = 'RebalanceInProgressException' | 'CommitFailedException';

/**
 * A member commits only in a stable generation; otherwise the client throws without sending:
 * RebalanceInProgressException while it joins or syncs, CommitFailedException once it left
 * the group (max.poll.interval.ms) or was fenced. A standalone consumer commits as no
 * member with generation -1, like an admin tool.
 */
export function commitGeneration(m: MembershipState): { memberId: string | null; generation: number } | CommitException {
  if (m.groupProtocol === 'none') return { memberId: null, generation: -1 };
  if (m.groupProtocol === 'consumer') {
    // KIP-848: a commit carries the member epoch; outside the group there is none to send.
    const inGroup = m.state === 'member' && !m.fenced && m.memberId !== null && m.memberEpoch > 0;
    return inGroup ? { memberId: m.memberId, generation: m.memberEpoch } : 'CommitFailedException';
  }
  if (m.phase === 'stable' && !m.fenced && m.memberId !== null) return { memberId: m.memberId, generation: m.generation };
  return m.phase === 'joining' || m.phase === 'syncing' ? 'RebalanceInProgressException' : 'CommitFailedException';
}

/** Auto commit runs while the member may commit: classic only when stable, KIP-848 while reconciling too. */
export function mayAutoCommit(m: MembershipState): boolean {
  if (m.groupProtocol === 'none') return true;
  return m.phase === 'stable' || (m.groupProtocol === 'consumer' && m.phase === 'reconciling');
}
