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
