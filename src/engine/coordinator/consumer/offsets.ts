/**
 * OffsetCommit and OffsetFetch for consumer-protocol groups (Kafka's ConsumerGroup.validateOffsetCommit):
 * the commit carries the member epoch; an unknown member is UNKNOWN_MEMBER_ID, another epoch
 * than the member's STALE_MEMBER_EPOCH. A commit without a member (epoch -1: standalone
 * consumers, tools) is accepted only while the group has no members.
 */
import type { Ctx } from '../../core/context';
import { reply } from '../../core/network';
import type { KafkaError } from '../../types';
import type { ConsumerGroupState, CoordinatorRequest } from '../../world';

type CommitRequest = Extract<CoordinatorRequest, { type: 'OffsetCommit' }>;

export function handleConsumerOffsetCommit(ctx: Ctx, group: ConsumerGroupState, req: CommitRequest): void {
  const error = validate(group, req);
  if (error === null) for (const [partition, offset] of Object.entries(req.offsets)) group.offsets[partition] = offset;
  reply(ctx, req, { type: 'OffsetCommit', error, offsets: req.offsets });
}

function validate(group: ConsumerGroupState, req: CommitRequest): KafkaError | null {
  if (req.memberId === null && req.generation < 0) return Object.keys(group.members).length === 0 ? null : 'UNKNOWN_MEMBER_ID';
  const member = req.memberId === null ? undefined : group.members[req.memberId];
  if (!member) return 'UNKNOWN_MEMBER_ID';
  // A classic member of a mixed group commits with its generation, the member epoch.
  if (member.classic !== null) return req.generation === member.memberEpoch ? null : 'ILLEGAL_GENERATION';
  // validateMemberEpoch: a newer epoch than the broker's is fenced, an older one stale.
  if (req.generation > member.memberEpoch) return 'FENCED_MEMBER_EPOCH';
  if (req.generation < member.memberEpoch) return 'STALE_MEMBER_EPOCH';
  return null;
}
