/**
 * Regex subscriptions the group coordinator resolves (KIP-848's SubscriptionPattern: the
 * client sends SubscribedTopicRegex, RE2J syntax, and the broker matches it against its own
 * topics). Kafka's GroupMetadataManager rules: a regex new to the group is resolved
 * asynchronously (an executor task), so the heartbeat that brought it is answered without
 * it; when the resolution lands, the group epoch is bumped if a regex's topics changed. All
 * the group's regexes are resolved together, at most once per REGEX_REFRESH_INTERVAL_MS,
 * and only when one is unresolved or the cluster has new topics since the last resolution.
 * A member bringing a regex the group already resolved bumps the epoch at once.
 *
 * Simplification: Kafka's executor runs the task on a thread of its own; here it lands
 * RESOLUTION_DELAY_MS later, a group timer. Topic authorization (ACLs) is not modelled.
 */
import { compileRe2 } from './re2-syntax';
import type { Ctx } from '../../core/context';
import type { ConsumerGroupMember, ConsumerGroupState, ResolvedRegularExpression } from '../../world';
import { bumpGroupEpoch, consumerMembers, othersSubscribed, refreshState } from './group';
import { sameMetadata, subscriptionMetadata } from './target-assignment';

/** Kafka's REGEX_BATCH_REFRESH_INTERVAL_MS: the group's regexes are resolved again at most this often. */
export const REGEX_REFRESH_INTERVAL_MS = 10_000;
/** How long the coordinator's executor takes to resolve the group's regexes (the simulator's choice). */
export const RESOLUTION_DELAY_MS = 20;

/** RE2J's Pattern.compile: null when valid, else the parser's message (Kafka's InvalidRegularExpression). */
export function re2jSyntaxError(regex: string): string | null {
  const compiled = compileRe2(regex);
  return typeof compiled === 'string' ? compiled : null;
}

/** The topics a regex matches in full (RE2J's matcher(topic).matches()), sorted. */
export function matchTopics(regex: string, topics: readonly string[]): string[] {
  const pattern = compileRe2(regex);
  if (typeof pattern === 'string') return []; // refused when the command was validated
  return topics.filter((t) => pattern.test(t)).sort();
}

/** The distinct regexes the group's members subscribe to, sorted. */
function subscribedRegexes(group: ConsumerGroupState): string[] {
  const out = new Set<string>();
  for (const m of consumerMembers(group)) if (m.subscribedTopicRegex !== null) out.add(m.subscribedTopicRegex);
  return [...out].sort();
}

/** All resolutions share one time and version (Kafka reads the first entry's for all). */
function lastResolution(group: ConsumerGroupState): ResolvedRegularExpression | null {
  const first = Object.keys(group.resolvedRegularExpressions).sort()[0];
  return first === undefined ? null : group.resolvedRegularExpressions[first]!;
}

function topicsVersion(ctx: Ctx): number {
  return Object.keys(ctx.w.topics).length;
}

/**
 * maybeUpdateRegularExpressions, at every heartbeat of the member (which already carries
 * its new regex; `previous` is the one it had). True: bump the group epoch now (the member
 * brought a regex the group already resolved, or dropped the last use of one).
 */
export function maybeUpdateRegularExpressions(ctx: Ctx, group: ConsumerGroupState, member: ConsumerGroupMember, previous: string | null): boolean {
  const next = member.subscribedTopicRegex;
  // A group that never resolved a regex, and a member that has none: nothing to look at (a
  // regex member's own heartbeats bring a resolution on), so a plain group pays no O(members) walk.
  if (previous === null && next === null && Object.keys(group.resolvedRegularExpressions).length === 0) return false;
  let bump = false;
  let requireRefresh = false;
  if (previous !== next) {
    if (previous !== null && !othersSubscribed(group, member, previous)) {
      // The last member of that regex left it: its resolution goes (Kafka's tombstone).
      bump = Object.hasOwn(group.resolvedRegularExpressions, previous);
      delete group.resolvedRegularExpressions[previous];
    }
    if (next !== null) {
      if (!othersSubscribed(group, member, next)) requireRefresh = true;
      else bump ||= Object.hasOwn(group.resolvedRegularExpressions, next);
    }
  }
  const regexes = subscribedRegexes(group);
  if (regexes.length === 0) return bump;
  if (group.regexResolution !== null && group.regexResolution.loads === group.loads) return bump;
  const last = lastResolution(group);
  if (last !== null && ctx.w.now <= last.resolvedAt + REGEX_REFRESH_INTERVAL_MS) return bump;
  requireRefresh ||= regexes.some((r) => !Object.hasOwn(group.resolvedRegularExpressions, r));
  requireRefresh ||= (last?.topicsVersion ?? 0) < topicsVersion(ctx);
  if (requireRefresh) {
    group.regexResolution = { loads: group.loads };
    ctx.schedule(ctx.w.now + RESOLUTION_DELAY_MS, { kind: 'groupTimer', groupId: group.groupId, timer: 'regexResolution', token: group.loads });
  }
  return bump;
}

/**
 * handleRegularExpressionsResult: every regex still subscribed is resolved against the
 * topics the broker has now; a change of any regex's topics bumps the group epoch, and the
 * members' next heartbeats get the new target. A resolution of an earlier load is void
 * (a coordinator that lost the group lost its executor's tasks).
 */
export function onRegexResolution(ctx: Ctx, groupId: string, loads: number): void {
  const group = Object.hasOwn(ctx.w.consumerGroups, groupId) ? ctx.w.consumerGroups[groupId] : undefined;
  if (!group || group.loads !== loads || group.regexResolution?.loads !== loads) return;
  group.regexResolution = null;
  const regexes = subscribedRegexes(group);
  // Every member of a regex left meanwhile: Kafka skips regexes no member subscribes to.
  if (regexes.length === 0) return;
  const topics = Object.keys(ctx.w.topics);
  const version = topicsVersion(ctx);
  let changed = false;
  for (const regex of regexes) {
    const before = Object.hasOwn(group.resolvedRegularExpressions, regex) ? group.resolvedRegularExpressions[regex]!.topics : [];
    const matched = matchTopics(regex, topics);
    if (matched.join(',') !== before.join(',')) changed = true;
    group.resolvedRegularExpressions[regex] = { topics: matched, resolvedAt: ctx.w.now, topicsVersion: version };
  }
  ctx.emit({ type: 'RegularExpressionsResolved', groupId, resolved: Object.fromEntries(Object.entries(group.resolvedRegularExpressions).map(([r, v]) => [r, [...v.topics]])) });
  // The subscription metadata is written with the resolution, so the next heartbeat does not bump again.
  const metadata = subscriptionMetadata(ctx.w, group);
  changed ||= !sameMetadata(metadata, group.subscriptionMetadata);
  if (!changed) return;
  group.subscriptionMetadata = metadata;
  bumpGroupEpoch(ctx, group, 'metadata changed', null);
  refreshState(ctx, group);
}
