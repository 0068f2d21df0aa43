/**
 * OffsetCommit and OffsetFetch on the coordinator (the __consumer_offsets side of a group).
 * A committed offset is the NEXT offset to read.
 */
import type { Ctx } from '../core/context';
import { reply } from '../core/network';
import type { KafkaError } from '../types';
import type { CoordinatorRequest } from '../world';
import { getOrCreateGroup, membersOf } from './group-state';

type CommitRequest = Extract<CoordinatorRequest, { type: 'OffsetCommit' }>;
type FetchRequest = Extract<CoordinatorRequest, { type: 'OffsetFetch' }>;

export function handleOffsetCommit(ctx: Ctx, req: CommitRequest): void {
  const group = getOrCreateGroup(ctx, req.groupId);
  const error = validateCommit(ctx, req);
  if (error === null) {
    for (const [partition, offset] of Object.entries(req.offsets)) group.offsets[partition] = offset;
    const member = req.memberId === null ? undefined : group.members[req.memberId];
    if (member) member.lastSeen = ctx.w.now;
  }
  reply(ctx, req, { type: 'OffsetCommit', error, offsets: req.offsets });
}

/**
 * Kafka's rules (ClassicGroup.validateOffsetCommit), in its order: generation -1 commits
 * (standalone consumers, tools) only while the group has no members; then the member id and
 * the generation must match; then a group in CompletingRebalance refuses every commit.
 * PreparingRebalance accepts them, which is what lets an eager member commit in
 * onJoinPrepare before it rejoins.
 */
function validateCommit(ctx: Ctx, req: CommitRequest): KafkaError | null {
  const group = ctx.w.groups[req.groupId]!;
  if (req.generation < 0 && req.memberId === null) {
    return membersOf(group).length === 0 ? null : 'UNKNOWN_MEMBER_ID';
  }
  if (req.memberId === null || !group.members[req.memberId]) return 'UNKNOWN_MEMBER_ID';
  if (req.generation !== group.generation) return 'ILLEGAL_GENERATION';
  if (group.state === 'CompletingRebalance') return 'REBALANCE_IN_PROGRESS';
  return null;
}

export function handleOffsetFetch(ctx: Ctx, req: FetchRequest): void {
  const offsets = ctx.w.groups[req.groupId]?.offsets ?? ctx.w.consumerGroups[req.groupId]?.offsets ?? {};
  const committed: Record<string, number | null> = {};
  for (const partition of req.partitions) committed[partition] = offsets[partition] ?? null;
  reply(ctx, req, { type: 'OffsetFetch', committed });
}
