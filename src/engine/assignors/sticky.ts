import { buildSticky } from './sticky-build';
import { toNamedAssignment } from './sticky-model';
import type { Assignment, Assignor, AssignorInput } from './types';

/**
 * Kafka's StickyAssignor (eager): balanced first, then as sticky as possible. Each member's
 * previous assignment and generation come from its user data, which the engine passes as
 * the member's `owned` and `generation` (under eager rebalancing a member owns nothing
 * while it rejoins, so the subscription's own list would be empty). Assumes valid input.
 */
export function assignSticky(input: AssignorInput): Assignment {
  const { model, build } = buildSticky(input);
  return toNamedAssignment(model, build.lists);
}

/** The sticky assignor, unvalidated; use `assignors.sticky` from ./index for checked input. */
export const stickyAssignor: Assignor = { name: 'sticky', assign: assignSticky };
