/** A world before anything happened: the start of every simulation and of world-level tests. */
import { seedState } from './core/prng';
import { initialBrokers } from './cluster/brokers';
import { createMetricsState } from './metrics';
import type { BrokerConfig, World } from './world';

/** Kafka's broker-side defaults (group.initial.rebalance.delay.ms, group.min/max.session.timeout.ms). */
export const DEFAULT_BROKER: BrokerConfig = {
  initialRebalanceDelayMs: 3_000,
  minSessionTimeoutMs: 6_000,
  maxSessionTimeoutMs: 1_800_000,
  consumerSessionTimeoutMs: 45_000,
  consumerHeartbeatIntervalMs: 5_000,
};

export const DEFAULT_BROKER_COUNT = 3;

export function newWorld(seed: number, broker: BrokerConfig = DEFAULT_BROKER, brokerCount = DEFAULT_BROKER_COUNT): World {
  return {
    seed, now: 0, seq: 0, ran: 0, eventSeq: 0, rng: seedState(seed), queue: [], broker: { ...broker },
    ...initialBrokers(brokerCount),
    topics: {}, producers: {}, groups: {}, consumerGroups: {}, consumers: {}, ledger: {}, channels: {}, commands: [],
    recordBytes: {}, heldFetches: {},
    metrics: createMetricsState(),
    consumptionModel: 'discrete',
  };
}
