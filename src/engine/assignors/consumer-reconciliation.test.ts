import { describe, expect, it } from 'vitest';
import { reconcileMember, type ReconcilingMember } from './consumer-reconciliation';

const stable: ReconcilingMember = {
  state: 'STABLE', memberEpoch: 10, previousMemberEpoch: 9, assigned: { T: [1, 2, 3] }, pendingRevocation: {},
};
const target = { epoch: 11, partitions: { T: [2, 3, 4] } };
const free = () => -1;

describe('consumer-protocol member reconciliation (CurrentAssignmentBuilder)', () => {
  it('revokes first: keeps T-2, T-3, waits for T-1 to be released before taking T-4', () => {
    const unrevoked = reconcileMember({ member: stable, target, currentPartitionEpoch: free, owned: { T: [1, 2, 3] } });
    expect(unrevoked).toEqual({ state: 'UNREVOKED_PARTITIONS', memberEpoch: 10, previousMemberEpoch: 10, assigned: { T: [2, 3] }, pendingRevocation: { T: [1] } });

    // Still reporting T-1: no progress.
    expect(reconcileMember({ member: unrevoked, target, currentPartitionEpoch: free, owned: { T: [1, 2, 3] } })).toBe(unrevoked);

    // T-1 revoked: next epoch, and the free T-4 is handed over.
    expect(reconcileMember({ member: unrevoked, target, currentPartitionEpoch: free, owned: { T: [2, 3] } })).toEqual({
      state: 'STABLE', memberEpoch: 11, previousMemberEpoch: 10, assigned: { T: [2, 3, 4] }, pendingRevocation: {},
    });
  });

  it('waits in UNRELEASED_PARTITIONS while another member still holds a target partition', () => {
    const grow = { epoch: 11, partitions: { T: [1, 2, 3, 4] } };
    const heldElsewhere = (_t: string, p: number) => (p === 4 ? 10 : -1);
    const waiting = reconcileMember({ member: stable, target: grow, currentPartitionEpoch: heldElsewhere, owned: { T: [1, 2, 3] } });
    expect(waiting).toMatchObject({ state: 'UNRELEASED_PARTITIONS', memberEpoch: 11, assigned: { T: [1, 2, 3] } });
    expect(reconcileMember({ member: waiting, target: grow, currentPartitionEpoch: free, owned: { T: [1, 2, 3] } })).toMatchObject({
      state: 'STABLE', memberEpoch: 11, assigned: { T: [1, 2, 3, 4] },
    });
  });

  it('stays put when already at the target epoch, and fences an UNKNOWN member that owns partitions', () => {
    const atTarget = { ...stable, memberEpoch: 11 };
    expect(reconcileMember({ member: atTarget, target, currentPartitionEpoch: free, owned: null })).toBe(atTarget);
    expect(() => reconcileMember({ member: { ...stable, state: 'UNKNOWN' }, target, currentPartitionEpoch: free, owned: { T: [1] } })).toThrow(/must abandon all its partitions/);
  });
});
