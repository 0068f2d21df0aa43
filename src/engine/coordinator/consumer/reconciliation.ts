/**
 * One member's step towards the group's target (Kafka's CurrentAssignmentBuilder, the kernel
 * in assignors/consumer-reconciliation.ts): revoke first, and a partition is handed over only
 * once no other member holds it (its partition epoch is -1).
 */
import { reconcileMember, type TopicPartitions } from '../../assignors/consumer-reconciliation';
import { parsePartition, partitionId } from '../../cluster/log';
import type { ConsumerGroupMember, ConsumerGroupState } from '../../world';
import { consumerMembers } from './group';

export function toTopicPartitions(partitions: readonly string[]): TopicPartitions {
  const out: TopicPartitions = {};
  for (const p of partitions) {
    const parsed = parsePartition(p);
    if (!parsed) continue;
    if (!Object.hasOwn(out, parsed.topic)) Object.defineProperty(out, parsed.topic, { value: [], enumerable: true, writable: true, configurable: true });
    out[parsed.topic]!.push(parsed.index);
  }
  return out;
}

export function fromTopicPartitions(map: TopicPartitions): string[] {
  const out: string[] = [];
  for (const topic of Object.keys(map).sort()) for (const p of map[topic]!) out.push(partitionId(topic, p));
  return out;
}

/**
 * Moves `member` as far towards its target as its reported `owned` partitions allow
 * (null: it did not say, so it is assumed to still own them). Returns whether its assigned
 * partitions changed (then its heartbeat answer carries them).
 */
export function reconcile(group: ConsumerGroupState, member: ConsumerGroupMember, owned: string[] | null): boolean {
  if (member.memberEpoch < 0) return false;
  // Who holds each partition now, assigned or still pending revocation, other than this member.
  const held = new Map<string, number>();
  for (const other of consumerMembers(group)) {
    if (other.memberId === member.memberId) continue;
    for (const p of other.assigned) held.set(p, other.memberEpoch);
    for (const p of other.pendingRevocation) held.set(p, other.memberEpoch);
  }
  const before = member.assigned.join(',');
  const next = reconcileMember({
    member: {
      state: member.state,
      memberEpoch: member.memberEpoch,
      previousMemberEpoch: member.previousMemberEpoch,
      assigned: toTopicPartitions(member.assigned),
      pendingRevocation: toTopicPartitions(member.pendingRevocation),
    },
    target: { epoch: group.assignmentEpoch, partitions: toTopicPartitions(group.targetAssignment[member.memberId] ?? []) },
    currentPartitionEpoch: (topic, p) => held.get(partitionId(topic, p)) ?? -1,
    owned: owned === null ? null : toTopicPartitions(owned),
  });
  member.state = next.state;
  member.memberEpoch = next.memberEpoch;
  member.previousMemberEpoch = next.previousMemberEpoch;
  member.assigned = fromTopicPartitions(next.assigned);
  member.pendingRevocation = fromTopicPartitions(next.pendingRevocation);
  return member.assigned.join(',') !== before;
}
