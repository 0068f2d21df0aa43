/**
 * Metrics and history (issue 11, section 4): bounded time series of log ends, committed
 * offsets, lag in records and in time, produce and consume rates, and a rebalance history.
 * The simulation calls three functions: observeEvent from ctx.emit, takeSamplesUntil from
 * advance(), buildMetrics for sim.metrics().
 */
export { createMetricsState, PARTITION_TIERS, SAMPLE_MS, TOTALS_TIERS } from './tracking';
export { observeEvent } from './observe';
export { takeSamplesUntil } from './sampler';
export { cloneWorldForCheckpoint } from './checkpoint-copy';
export { buildMetrics, seriesPoints } from './view';
export { MAX_REBALANCES } from './rebalance-history';
export type {
  GroupTotalField,
  Metrics,
  MetricsQuery,
  MetricsState,
  MetricsTier,
  PartitionField,
  PartitionInterruption,
  RebalanceCause,
  RebalanceRecord,
  Series,
  TopicTotalField,
} from './types';
