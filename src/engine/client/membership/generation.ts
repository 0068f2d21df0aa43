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
  if (m.phase === 'stable' && !m.fenced && m.memberId !== null) return { memberId: m.memberId, generation: m.generation };
  return m.phase === 'joining' || m.phase === 'syncing' ? 'RebalanceInProgressException' : 'CommitFailedException';
}
