import { buildConstrained, type StickyBuild } from './sticky-constrained';
import { buildGeneral } from './sticky-general';
import { buildStickyModel, type StickyModel } from './sticky-model';
import type { AssignorInput } from './types';

/** Kafka's AbstractStickyAssignor.assignPartitions: the constrained builder when all subscriptions are equal. */
export function buildSticky(input: AssignorInput, userData = false): { model: StickyModel; build: StickyBuild } {
  const model = buildStickyModel(input, userData);
  if (model.memberIds.length === 0) return { model, build: { lists: [], transferring: new Int32Array(0) } };
  const build = model.allSubscriptionsEqual ? buildConstrained(model) : buildGeneral(model);
  return { model, build };
}
