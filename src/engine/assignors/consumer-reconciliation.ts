/**
 * Kafka's CurrentAssignmentBuilder (group-coordinator, KIP-848): how one member of a
 * consumer-protocol group moves from its current assignment towards the group's target
 * assignment, one heartbeat at a time. Revoke first: partitions leaving the member are
 * pending revocation until its heartbeat no longer reports them as owned; partitions
 * joining it are handed over only once their previous owner released them (their
 * partition epoch is -1).
 *
 * A pure kernel. It lives here beside the assignors because the conformance file holds its
 * cases (K3, K4); it belongs with the coordinator's consumer-group code
 * (coordinator/consumer/reconciliation), where the coordinator calls it.
 */

/** Member states of a consumer-protocol group member (MemberState). */
export type ConsumerMemberState = 'STABLE' | 'UNREVOKED_PARTITIONS' | 'UNRELEASED_PARTITIONS' | 'UNKNOWN';

/** Topic -> partition numbers. */
export type TopicPartitions = Record<string, number[]>;

export interface ReconcilingMember {
  state: ConsumerMemberState;
  memberEpoch: number;
  previousMemberEpoch: number;
  /** Partitions the member may consume now. */
  assigned: TopicPartitions;
  /** Partitions it must give up before it moves on. */
  pendingRevocation: TopicPartitions;
}

export interface ReconcileInput {
  member: ReconcilingMember;
  target: { epoch: number; partitions: TopicPartitions };
  /** The epoch of the member that holds a partition now, -1 when nobody does. */
  currentPartitionEpoch: (topic: string, partition: number) => number;
  /** What the member's heartbeat reports as owned; null when it did not say. */
  owned: TopicPartitions | null;
}

/**
 * The member after one reconciliation step (CurrentAssignmentBuilder.build()).
 * @throws Error for a member in the UNKNOWN state that still owns partitions (Kafka fences
 * it: FencedMemberEpochException).
 */
export function reconcileMember(input: ReconcileInput): ReconcilingMember {
  const { member, target, owned } = input;
  switch (member.state) {
    case 'STABLE':
      return member.memberEpoch !== target.epoch ? next(input, member.memberEpoch, member.assigned) : member;
    case 'UNREVOKED_PARTITIONS':
      // It may move on only once it no longer reports any partition pending revocation.
      if (ownsAny(owned, member.pendingRevocation)) return member;
      return next(input, member.memberEpoch + 1, member.assigned);
    case 'UNRELEASED_PARTITIONS':
      return next(input, member.memberEpoch, member.assigned);
    case 'UNKNOWN':
      if (owned === null || Object.values(owned).some((list) => list.length > 0)) {
        throw new Error('The consumer group member is in a unknown state. The member must abandon all its partitions and rejoin.');
      }
      return next(input, target.epoch, member.assigned);
  }
}

/** computeNextAssignment: keep current ∩ target, revoke current − target, add free target partitions. */
function next(input: ReconcileInput, memberEpoch: number, current: TopicPartitions): ReconcilingMember {
  const { member, target, currentPartitionEpoch, owned } = input;
  const assigned: TopicPartitions = {};
  const pendingRevocation: TopicPartitions = {};
  const pendingAssignment: TopicPartitions = {};
  let hasUnreleased = false;
  const topics = [...new Set([...Object.keys(target.partitions), ...Object.keys(current)])].sort();
  for (const topic of topics) {
    const wanted = new Set(own(target.partitions, topic));
    const now = own(current, topic);
    const kept = now.filter((p) => wanted.has(p));
    const keptSet = new Set(kept);
    const revoke = now.filter((p) => !keptSet.has(p));
    const free: number[] = [];
    for (const p of wanted) {
      if (keptSet.has(p)) continue;
      if (currentPartitionEpoch(topic, p) !== -1) hasUnreleased = true;
      else free.push(p);
    }
    if (kept.length > 0) define(assigned, topic, kept.sort((a, b) => a - b));
    if (revoke.length > 0) define(pendingRevocation, topic, revoke.sort((a, b) => a - b));
    if (free.length > 0) define(pendingAssignment, topic, free.sort((a, b) => a - b));
  }

  const moved = (state: ConsumerMemberState, epoch: number, partitions: TopicPartitions, revoking: TopicPartitions): ReconcilingMember => ({
    state,
    memberEpoch: epoch,
    previousMemberEpoch: member.memberEpoch,
    assigned: partitions,
    pendingRevocation: revoking,
  });

  if (Object.keys(pendingRevocation).length > 0 && ownsAny(owned, pendingRevocation)) {
    return moved('UNREVOKED_PARTITIONS', memberEpoch, assigned, pendingRevocation);
  }
  for (const [topic, list] of Object.entries(pendingAssignment)) {
    define(assigned, topic, [...own(assigned, topic), ...list].sort((a, b) => a - b));
  }
  return moved(hasUnreleased ? 'UNRELEASED_PARTITIONS' : 'STABLE', target.epoch, assigned, {});
}

/** ownsRevokedPartitions: a member that did not report its owned partitions is assumed to own them. */
function ownsAny(owned: TopicPartitions | null, partitions: TopicPartitions): boolean {
  if (owned === null) return true;
  return Object.entries(owned).some(([topic, list]) => {
    const pending = new Set(own(partitions, topic));
    return list.some((p) => pending.has(p));
  });
}

function own(map: TopicPartitions, topic: string): number[] {
  return Object.hasOwn(map, topic) ? (map[topic] ?? []) : [];
}

/** Sets an own key, so a topic named "__proto__" stays an ordinary key. */
function define(map: TopicPartitions, topic: string, list: number[]): void {
  Object.defineProperty(map, topic, { value: list, enumerable: true, writable: true, configurable: true });
}
