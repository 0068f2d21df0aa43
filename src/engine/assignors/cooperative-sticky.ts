import { buildSticky } from './sticky-build';
import { toNamedAssignment } from './partition-names';
import type { Assignment, Assignor, AssignorInput } from './types';

/**
 * Kafka's CooperativeStickyAssignor: the sticky assignment, minus every partition that
 * changes owner this round. Its old owner revokes it and rejoins; the follow-up rebalance
 * hands it out, so no partition is ever owned by two members at once. Owned partitions and
 * generation come from the subscription (`owned`, `generation`). Assumes valid input.
 *
 * Partitions changing owner: the constrained builder tracks them as it goes; after the
 * general builder they are those assigned to a member that did not own them while another
 * member that owned them lost them.
 */
export function assignCooperativeSticky(input: AssignorInput): Assignment {
  const { model, build } = buildSticky(input);
  const { lists } = build;
  const transferring = build.transferring ?? transferringAfterGeneral(lists, model.claimed, model.totalPartitions);
  // transferring[p] is the member p moves to, plus one (0 = none).
  const dropped = new Uint8Array(lists.length);
  for (let p = 0; p < transferring.length; p++) {
    const m = transferring[p] ?? 0;
    if (m !== 0) dropped[m - 1] = 1;
  }
  const adjusted = lists.map((list, m) =>
    dropped[m] === 1 ? list.filter((p) => transferring[p] !== m + 1) : list,
  );
  return toNamedAssignment(model, adjusted, model.ownedLists);
}

/** computePartitionsTransferringOwnership: added to someone (not owned by it) AND revoked from someone. */
function transferringAfterGeneral(
  lists: readonly ArrayLike<number>[],
  claimed: readonly Int32Array[],
  totalPartitions: number,
): Int32Array {
  const newOwner = new Int32Array(totalPartitions).fill(-1);
  lists.forEach((list, m) => {
    for (let i = 0; i < list.length; i++) newOwner[list[i] ?? 0] = m;
  });
  const claimedBy = new Uint8Array(totalPartitions);
  const revoked = new Uint8Array(totalPartitions);
  claimed.forEach((list, m) => {
    for (const p of list) {
      if (newOwner[p] !== m) revoked[p] = 1;
    }
  });
  const added = new Int32Array(totalPartitions); // member + 1, 0 = none
  lists.forEach((list, m) => {
    const mine = claimed[m] ?? new Int32Array(0);
    for (const p of mine) claimedBy[p] = 1;
    for (let i = 0; i < list.length; i++) {
      const p = list[i] ?? 0;
      if (claimedBy[p] === 0 && revoked[p] === 1) added[p] = m + 1;
    }
    for (const p of mine) claimedBy[p] = 0;
  });
  return added;
}

/** The cooperative-sticky assignor, unvalidated; use `assignors['cooperative-sticky']` from ./index for checked input. */
export const cooperativeStickyAssignor: Assignor = { name: 'cooperative-sticky', assign: assignCooperativeSticky };
