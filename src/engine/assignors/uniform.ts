import { buildBrokerModel, listsFromOwners } from './broker-model';
import { toNamedAssignment } from './partition-names';
import type { Assignment, Assignor, AssignorInput } from './types';
import { uniformHeterogeneous } from './uniform-heterogeneous';
import { uniformHomogeneous } from './uniform-homogeneous';

/**
 * Kafka's UniformAssignor, the broker's default under group.protocol=consumer (KIP-848):
 * a balanced target assignment that keeps each member's current target where balance
 * allows. `owned` of each member is its current target assignment (the previous epoch's);
 * the result is the new target. Homogeneous and heterogeneous subscriptions take Kafka's two
 * builders. Lists come sorted by topic, then partition (Kafka returns sets). Assumes valid input.
 */
export function assignUniform(input: AssignorInput): Assignment {
  const model = buildBrokerModel(input);
  if (model.memberIds.length === 0) return {};
  const lists = model.homogeneous
    ? uniformHomogeneous(model)
    : listsFromOwners(uniformHeterogeneous(model), model.memberIds.length);
  return toNamedAssignment(model, lists, model.ownedLists);
}

/** The uniform assignor, unvalidated; use `assignors.uniform` from ./index for checked input. */
export const uniformAssignor: Assignor = { name: 'uniform', assign: assignUniform };
