import { toNamedAssignment } from './partition-names';
import { buildSticky } from './sticky-build';
import type { Assignment, Assignor, AssignorInput } from './types';

/**
 * Kafka's StickyAssignor (eager): balanced first, then as sticky as possible. Each member's
 * previous assignment and generation come from its user data, which the engine passes as
 * the member's `owned` and `generation` (under eager rebalancing a member owns nothing
 * while it rejoins, so the subscription's own list would be empty), read in the order the
 * user data serializes it (grouped by topic). Assumes valid input.
 */
export function assignSticky(input: AssignorInput): Assignment {
  const { model, build } = buildSticky(input, true);
  return toNamedAssignment(model, build.lists, model.ownedLists);
}

/** The sticky assignor, unvalidated; use `assignors.sticky` from ./index for checked input. */
export const stickyAssignor: Assignor = { name: 'sticky', assign: assignSticky };
