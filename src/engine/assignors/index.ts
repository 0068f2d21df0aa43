import { cooperativeStickyAssignor } from './cooperative-sticky';
import { isIssuedUnchanged } from './partition-names';
import { rangeAssignor } from './range';
import { roundRobinAssignor } from './roundrobin';
import { assignServerRange } from './server-range';
import { stickyAssignor } from './sticky';
import { uniformAssignor } from './uniform';
import type { BrokerAssignorName } from './registry';
import type {
  Assignment,
  Assignor,
  AssignorInput,
  AssignorStrategy,
  SupportedAssignorName,
} from './types';

export { compareJavaStrings, compareMembers, sortMembers } from './member-order';
export { assignRange } from './range';
export { assignRoundRobin } from './roundrobin';
export { assignSticky } from './sticky';
export { assignCooperativeSticky } from './cooperative-sticky';
export { assignUniform } from './uniform';
export { assignServerRange } from './server-range';
export { reconcileMember } from './consumer-reconciliation';
export type { ConsumerMemberState, ReconcileInput, ReconcilingMember, TopicPartitions } from './consumer-reconciliation';
export {
  brokerAssignors,
  clientAssignors,
  DEFAULT_BROKER_ASSIGNORS,
  DEFAULT_CLIENT_ASSIGNORS,
  findBrokerAssignor,
  findClientAssignor,
  pickRebalanceProtocol,
  resolveBrokerAssignor,
  resolveClientAssignor,
} from './registry';
export type {
  AssignorEntry,
  AssignorSide,
  BrokerAssignorEntry,
  BrokerAssignorName,
  ClientAssignorEntry,
  ClientAssignorName,
  RebalanceProtocol,
} from './registry';
export type {
  Assignment,
  Assignor,
  AssignorInput,
  AssignorMember,
  AssignorStrategy,
  SupportedAssignorName,
} from './types';

const STRATEGIES: readonly AssignorStrategy[] = [
  'range',
  'roundrobin',
  'sticky',
  'cooperative-sticky',
  'uniform',
];

/** Wraps an assignor so that it validates its input first. */
function validated(assignor: Assignor): Assignor {
  return {
    name: assignor.name,
    assign: (input) => assignor.assign(validateAssignorInput(input)),
  };
}

/** The implemented assignors by name; each validates its input and throws on bad input. */
export const assignors: Record<SupportedAssignorName, Assignor> = {
  range: validated(rangeAssignor),
  roundrobin: validated(roundRobinAssignor),
  sticky: validated(stickyAssignor),
  'cooperative-sticky': validated(cooperativeStickyAssignor),
  uniform: validated(uniformAssignor),
};

/**
 * Runs a consumer-protocol (KIP-848) assignor as the broker does: 'uniform' or the
 * broker's own 'range' (not the client's RangeAssignor). Each member's `owned` is its current
 * target assignment; the result is the next target. Validates like {@link assign}.
 */
export function assignOnBroker(name: BrokerAssignorName, input: AssignorInput): Assignment {
  const valid = validateAssignorInput(input);
  if (name === 'uniform') return uniformAssignor.assign(valid);
  if (name === 'range') return assignServerRange(valid);
  throw new Error(`unknown broker assignor '${String(name)}': expected uniform or range`);
}

/** True when `name` is an assignor this engine implements. */
export function isSupportedAssignor(name: string): name is SupportedAssignorName {
  return Object.hasOwn(assignors, name);
}

/**
 * Runs the named assignor, with Kafka's inputs and outputs (engine-api.md). Partitions are
 * "topic-N"; every member gets an entry, maybe empty. `owned` + `generation` of a member:
 * for 'cooperative-sticky' its subscription's owned partitions; for 'sticky' its user data
 * (its last assignment); for 'uniform' its current target. 'cooperative-sticky' leaves out
 * partitions changing owner: run it again with the members owning its result (generation
 * + 1) for the follow-up rebalance, until nothing is held back.
 * 'uniform' is the broker's (KIP-848); the broker's range is {@link assignOnBroker}.
 * @throws Error on an unknown strategy or on invalid input (see {@link validateAssignorInput}).
 */
export function assign(strategy: AssignorStrategy, input: AssignorInput): Assignment {
  if (isSupportedAssignor(strategy)) return assignors[strategy].assign(input);
  throw new Error(
    `unknown assignor '${String(strategy)}': expected one of ${STRATEGIES.join(', ')}`,
  );
}

/**
 * Checks untrusted input (scenarios, tests, the console) and returns it unchanged.
 * @throws Error naming the problem: topics not an object, a partition count that is not a
 * non-negative integer, members not an array, a member without a non-empty string id, a
 * duplicate member id, or a mistyped instanceId, topics, owned or generation.
 */
export function validateAssignorInput(input: unknown): AssignorInput {
  if (!isRecord(input)) {
    throw new Error(`assignor input must be an object with 'topics' and 'members', got ${describe(input)}`);
  }
  const { topics, members } = input;
  if (!isRecord(topics)) {
    throw new Error(`assignor input 'topics' must be an object of topic -> partition count, got ${describe(topics)}`);
  }
  for (const [topic, count] of Object.entries(topics)) {
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
      throw new Error(`topic '${topic}': partition count must be a non-negative integer, got ${describe(count)}`);
    }
  }
  if (!Array.isArray(members)) {
    throw new Error(`assignor input 'members' must be an array, got ${describe(members)}`);
  }
  const seen = new Map<string, number>();
  let checkedTopics: unknown = null; // members often share one subscription array: check it once
  members.forEach((member: unknown, i) => {
    if (!isRecord(member)) throw new Error(`members[${i}] must be an object, got ${describe(member)}`);
    const { id, instanceId, topics: subscribed, owned, generation } = member;
    if (typeof id !== 'string' || id === '') {
      throw new Error(`members[${i}].id must be a non-empty string, got ${describe(id)}`);
    }
    const first = seen.get(id);
    if (first !== undefined) throw new Error(`duplicate member id '${id}' (members[${first}] and members[${i}])`);
    seen.set(id, i);
    if (instanceId !== undefined && typeof instanceId !== 'string') {
      throw new Error(`member '${id}': instanceId must be a string when set, got ${describe(instanceId)}`);
    }
    if (subscribed !== checkedTopics && !isStringArray(subscribed)) {
      throw new Error(`member '${id}': topics must be an array of topic names, got ${describe(subscribed)}`);
    }
    checkedTopics = subscribed;
    if (owned !== undefined && !isStringArray(owned)) {
      throw new Error(`member '${id}': owned must be an array of "topic-N" names, got ${describe(owned)}`);
    }
    if (generation !== undefined && !Number.isSafeInteger(generation)) {
      throw new Error(`member '${id}': generation must be an integer, got ${describe(generation)}`);
    }
  });
  return input as unknown as AssignorInput;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false;
  // An owned list an assignor returned (frozen) comes back as it was: no string read.
  if (isIssuedUnchanged(value)) return true;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') return false;
  return true;
}

/** A short, safe rendering of a bad value for error messages. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}
