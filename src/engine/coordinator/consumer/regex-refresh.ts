/**
 * Regex subscriptions under the consumer protocol are resolved by the broker, in batches
 * (GroupMetadataManager.maybeUpdateRegularExpressions): a refresh runs off the heartbeat path
 * when the group subscribes to a regex not resolved yet, or when the cluster has topics the
 * last resolution did not see, but never within REGEX_BATCH_REFRESH_INTERVAL_MS (10 s) of the
 * previous one. Its result bumps the group epoch when it changes what the group subscribes.
 * So a new member's regex first gets an empty assignment, and a topic created later is picked
 * up up to 10 s after the last resolution (at the next heartbeat after that).
 */
import type { Ctx } from '../../core/context';
import type { ConsumerGroupState } from '../../world';
import { bumpGroupEpoch, consumerMembers, refreshState } from './group';
import { sameMetadata, subscriptionMetadata } from './target-assignment';

export const REGEX_BATCH_REFRESH_INTERVAL_MS = 10_000;

function subscribedRegexes(group: ConsumerGroupState): string[] {
  return [...new Set(consumerMembers(group).flatMap((m) => (m.subscribedRegex === null ? [] : [m.subscribedRegex])))].sort();
}

function topicNames(ctx: Ctx): string {
  return Object.keys(ctx.w.topics).sort().join('\u0000');
}

/** Called on every heartbeat that may change regex subscriptions: schedules a refresh when Kafka would. */
export function maybeRefreshRegexes(ctx: Ctx, group: ConsumerGroupState): void {
  const regexes = subscribedRegexes(group);
  if (regexes.length === 0 || group.regexRefreshPending) return;
  if (group.regexRefreshedAt !== null && ctx.w.now <= group.regexRefreshedAt + REGEX_BATCH_REFRESH_INTERVAL_MS) return;
  const unresolved = regexes.some((r) => !Object.hasOwn(group.resolvedRegex, r));
  if (!unresolved && group.regexResolvedWith === topicNames(ctx)) return;
  group.regexRefreshPending = true;
  // The resolution runs on the coordinator's executor: its result comes right after this request.
  ctx.schedule(ctx.w.now + 1, { kind: 'groupTimer', groupId: group.groupId, timer: 'regexRefresh', token: group.loads });
}

/** The executor's result: every subscribed regex resolved against the topics now; a change bumps the epoch. */
export function onRegexRefresh(ctx: Ctx, group: ConsumerGroupState, token: number): void {
  group.regexRefreshPending = false;
  if (token !== group.loads) return;
  const resolved: Record<string, string[]> = {};
  for (const source of subscribedRegexes(group)) {
    const regex = new RegExp(`^(?:${source})$`);
    resolved[source] = Object.keys(ctx.w.topics).filter((t) => regex.test(t)).sort();
  }
  group.resolvedRegex = resolved;
  group.regexRefreshedAt = ctx.w.now;
  group.regexResolvedWith = topicNames(ctx);
  const metadata = subscriptionMetadata(ctx.w, group);
  if (sameMetadata(metadata, group.subscriptionMetadata)) return;
  group.subscriptionMetadata = metadata;
  bumpGroupEpoch(ctx, group, 'metadata changed', null);
  refreshState(ctx, group);
}
