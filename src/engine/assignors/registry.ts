/**
 * The one list of Kafka's assignors: name, Kafka class names, the rebalance protocols each
 * supports and where it runs. Config validation, the JoinGroup protocol list, the snapshot's
 * `protocol` and `assign()` read it, so an assignor's facts live in one place.
 *
 * The name 'range' exists twice with different code: the classic client's RangeAssignor
 * (run by the group leader) and the group coordinator's RangeAssignor (run by the broker
 * under group.protocol=consumer). Lookups therefore always say which side they mean.
 */

/** Classic-protocol rebalance protocols, in Kafka's order (RebalanceProtocol ids 0, 1). */
export type RebalanceProtocol = 'eager' | 'cooperative';

/** Where an assignor runs: the classic group's leader client, or the broker (KIP-848). */
export type AssignorSide = 'client' | 'broker';

/** Names of the classic (client-side) assignors: ConsumerPartitionAssignor.name(). */
export type ClientAssignorName = 'range' | 'roundrobin' | 'sticky' | 'cooperative-sticky';

/** Names of the consumer-protocol (broker-side) assignors: ConsumerGroupPartitionAssignor.name(). */
export type BrokerAssignorName = 'uniform' | 'range';

interface EntryBase {
  /** Kafka's fully qualified class name(s), as partition.assignment.strategy or group.consumer.assignors list them. */
  readonly kafkaClasses: readonly string[];
  /** One line for the UI's glossary. */
  readonly summary: string;
}

/** A classic assignor, computed by the group leader's client after JoinGroup. */
export interface ClientAssignorEntry extends EntryBase {
  readonly side: 'client';
  readonly name: ClientAssignorName;
  /** ConsumerPartitionAssignor.supportedProtocols(), lowest first. */
  readonly rebalanceProtocols: readonly RebalanceProtocol[];
}

/** A consumer-protocol assignor, run by the group coordinator (group.remote.assignor). */
export interface BrokerAssignorEntry extends EntryBase {
  readonly side: 'broker';
  readonly name: BrokerAssignorName;
}

export type AssignorEntry = ClientAssignorEntry | BrokerAssignorEntry;

const CLIENT_PACKAGE = 'org.apache.kafka.clients.consumer';
const BROKER_PACKAGE = 'org.apache.kafka.coordinator.group.assignor';

const CLIENT_ASSIGNORS: readonly ClientAssignorEntry[] = [
  {
    side: 'client',
    name: 'range',
    kafkaClasses: [`${CLIENT_PACKAGE}.RangeAssignor`],
    rebalanceProtocols: ['eager'],
    summary: 'Per topic, contiguous ranges over the subscribed members in member order.',
  },
  {
    side: 'client',
    name: 'roundrobin',
    kafkaClasses: [`${CLIENT_PACKAGE}.RoundRobinAssignor`],
    rebalanceProtocols: ['eager'],
    summary: 'All partitions dealt one by one around the sorted members.',
  },
  {
    side: 'client',
    name: 'sticky',
    kafkaClasses: [`${CLIENT_PACKAGE}.StickyAssignor`],
    rebalanceProtocols: ['eager'],
    summary: 'Balanced, keeping as many previously owned partitions as possible (owned read from user data).',
  },
  {
    side: 'client',
    name: 'cooperative-sticky',
    kafkaClasses: [`${CLIENT_PACKAGE}.CooperativeStickyAssignor`],
    rebalanceProtocols: ['eager', 'cooperative'],
    summary: 'Sticky, and a partition that changes owner is only revoked this round; the next rebalance hands it out.',
  },
];

const BROKER_ASSIGNORS: readonly BrokerAssignorEntry[] = [
  {
    side: 'broker',
    name: 'uniform',
    kafkaClasses: [`${BROKER_PACKAGE}.UniformAssignor`],
    summary: 'The broker balances partitions over members, sticky to the current target assignment.',
  },
  {
    side: 'broker',
    name: 'range',
    kafkaClasses: [`${BROKER_PACKAGE}.RangeAssignor`],
    summary: 'The broker gives each member contiguous ranges per topic; sticky only where ranges stay.',
  },
];

/** Kafka's default partition.assignment.strategy since 3.0. It runs eager (see {@link pickRebalanceProtocol}). */
export const DEFAULT_CLIENT_ASSIGNORS: readonly ClientAssignorName[] = ['range', 'cooperative-sticky'];

/** The broker's default group.consumer.assignors; the first is used when a member names none. */
export const DEFAULT_BROKER_ASSIGNORS: readonly BrokerAssignorName[] = ['uniform', 'range'];

/** Every classic (client-side) assignor, in Kafka's documentation order. */
export function clientAssignors(): readonly ClientAssignorEntry[] {
  return CLIENT_ASSIGNORS;
}

/** Every consumer-protocol (broker-side) assignor; the first is the broker's default. */
export function brokerAssignors(): readonly BrokerAssignorEntry[] {
  return BROKER_ASSIGNORS;
}

/**
 * The classic assignor that one entry of partition.assignment.strategy names: its short name
 * ('cooperative-sticky') or its Kafka class name
 * ('org.apache.kafka.clients.consumer.CooperativeStickyAssignor'). Surrounding spaces are
 * ignored, as Kafka's list parser trims them. Undefined when it names no known assignor.
 */
export function findClientAssignor(nameOrClass: string): ClientAssignorEntry | undefined {
  return findIn(CLIENT_ASSIGNORS, nameOrClass);
}

/** The broker-side assignor that group.remote.assignor or group.consumer.assignors names, by name or class. */
export function findBrokerAssignor(nameOrClass: string): BrokerAssignorEntry | undefined {
  return findIn(BROKER_ASSIGNORS, nameOrClass);
}

/**
 * Like {@link findClientAssignor}, but throws a message naming the config and the known
 * assignors when nothing matches.
 */
export function resolveClientAssignor(nameOrClass: string, key = 'partition.assignment.strategy'): ClientAssignorEntry {
  const entry = findClientAssignor(nameOrClass);
  if (entry) return entry;
  throw new Error(
    `config '${key}': unknown assignor '${nameOrClass.trim()}' (known: ${knownNames(CLIENT_ASSIGNORS)})`,
  );
}

/** Like {@link findBrokerAssignor}, but throws a clear message when nothing matches. */
export function resolveBrokerAssignor(nameOrClass: string, key = 'group.remote.assignor'): BrokerAssignorEntry {
  const entry = findBrokerAssignor(nameOrClass);
  if (entry) return entry;
  throw new Error(
    `config '${key}': unknown assignor '${nameOrClass.trim()}' (known: ${knownNames(BROKER_ASSIGNORS)})`,
  );
}

/**
 * The rebalance protocol a classic consumer runs with this strategy list, as Kafka's
 * ConsumerCoordinator picks it: only protocols that EVERY listed assignor supports, and of
 * those the highest (cooperative above eager). So the default [range, cooperative-sticky]
 * runs eager, and only a list of cooperative-sticky alone (or with other cooperative
 * assignors) runs cooperative.
 * @throws Error on an empty list, an unknown name, or no protocol common to all (Kafka's
 * IllegalArgumentException; unreachable with the built-in assignors, which all support eager).
 */
export function pickRebalanceProtocol(strategies: readonly string[]): RebalanceProtocol {
  if (strategies.length === 0) throw new Error('partition.assignment.strategy must name at least one assignor');
  const entries = strategies.map((s) => resolveClientAssignor(s));
  const first = entries[0]?.rebalanceProtocols ?? [];
  const common = first.filter((p) => entries.every((e) => e.rebalanceProtocols.includes(p)));
  if (common.length === 0) {
    const names = [...new Set(entries.map((e) => e.name))].join(', ');
    throw new Error(`Specified assignors [${names}] do not have commonly supported rebalance protocol`);
  }
  return common.includes('cooperative') ? 'cooperative' : 'eager';
}

function findIn<E extends AssignorEntry>(entries: readonly E[], nameOrClass: string): E | undefined {
  const wanted = nameOrClass.trim();
  return entries.find((e) => e.name === wanted || e.kafkaClasses.includes(wanted));
}

function knownNames(entries: readonly AssignorEntry[]): string {
  return entries.map((e) => e.name).join(', ');
}
