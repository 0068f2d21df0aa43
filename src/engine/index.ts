/**
 * The engine's public API (shared/engine-api.md): a deterministic simulation of Kafka
 * consumer groups, and Kafka's assignors callable on their own.
 */

/** Creates a simulation; same seed and same commands give the same hash(). */
export { createSimulation } from './simulation';
/** Options of createSimulation: the seed and broker-side settings. */
export type { SimulationOptions } from './simulation';
/** A simulation that continues from a checkpoint (taken with sim.checkpoint()). */
export { restoreSimulation } from './simulation';
/** The world as plain JSON data, its command log inside: sim.checkpoint() / sim.restore(). */
export type { Checkpoint } from './timeline/checkpoint';
/** Runs one of Kafka's partition assignors on its own (same inputs and outputs as Kafka's). */
export { assign } from './assignors';
/** Runs a consumer-protocol (KIP-848) assignor as the broker does: 'uniform' or the broker's 'range'. */
export { assignOnBroker } from './assignors';
/** The assignor registry: names, Kafka classes, rebalance protocols, client or broker side. */
export { brokerAssignors, clientAssignors, findBrokerAssignor, findClientAssignor, pickRebalanceProtocol } from './assignors/registry';
export type { AssignorEntry, BrokerAssignorName, ClientAssignorName, RebalanceProtocol } from './assignors/registry';
/** Turns a metrics Series into an array of points ordered by time (for d3). */
export { seriesPoints } from './metrics';
/** Metrics shapes: sim.metrics() returns Metrics (see src/engine/metrics/types.ts). */
export type {
  GroupTotalField,
  Metrics,
  MetricsQuery,
  MetricsTier,
  PartitionField,
  PartitionInterruption,
  RebalanceCause,
  RebalanceRecord,
  Series,
  TopicTotalField,
} from './metrics';
/** One partition's processed-twice, lost and skipped offset ranges (sim.ledgerRanges). */
export type { LedgerRanges } from './ledger/ranges';
/** The engine's data shapes. */
export type {
  Command,
  CommitStrategy,
  ConfigValue,
  ConsumerSnapshot,
  DomainEvent,
  DomainEventType,
  GroupSnapshot,
  KafkaError,
  MembershipPhase,
  OffsetRange,
  Simulation,
  WorldSnapshot,
} from './types';
