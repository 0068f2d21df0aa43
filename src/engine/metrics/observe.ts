/**
 * Feeds metrics from the one place every domain event passes (ctx.emit). Most events are
 * ignored; the switch is the whole cost for them.
 */
import { partitionId } from '../cluster/log';
import type { DomainEvent } from '../types';
import type { World } from '../world';
import { recordSegment } from './append-time';
import { forHeld, onAssigned, onRebalanceEnded, onRebalanceStarted, onReleased } from './rebalance-history';
import { ensureTopicPartitions, groupMetrics, topicMetrics, trackPartition } from './tracking';
import type { GroupMetricsState, MetricsState } from './types';

export function observeEvent(w: World, event: DomainEvent): void {
  // Nine events in ten are these; leave before the switch compares every case.
  if (event.type === 'RecordsFetched' || event.type === 'RecordsProcessed' || event.type === 'HeartbeatSent') return;
  const m = w.metrics;
  const now = event.time;
  switch (event.type) {
    case 'TopicCreated':
    case 'PartitionsAdded':
    case 'ProducerRateChanged': {
      const topic = topicMetrics(m, event.topic);
      ensureTopicPartitions(m, topic, w.topics[event.topic]?.partitions.length ?? 0);
      recordSegment(w, topic, event.topic);
      // Groups already on this topic follow its new partitions at once, as the snapshot's lag does.
      if (event.type === 'PartitionsAdded') {
        for (const group of Object.values(m.groups)) {
          if (!group.topics.includes(event.topic)) continue;
          trackTopic(w, group, event.topic);
          group.metadataChanged = true;
        }
      }
      return;
    }
    case 'ConsumerStarted':
      m.consumerGroups[event.consumerId] = event.groupId;
      return;
    case 'TargetAssignmentComputed':
    case 'AssignmentComputed': {
      const group = groupMetrics(m, event.groupId);
      for (const partitions of Object.values(event.assignment)) partitions.forEach((p) => trackPartition(m, group, p));
      return;
    }
    case 'OffsetCommitted': {
      // A standalone consumer (assign) commits to a group no assignment names; subscribers'
      // partitions are tracked already, so skip the per-commit walk for them.
      if (w.consumers[event.consumerId]?.mode !== 'assign') return;
      const group = groupMetrics(m, event.groupId);
      for (const p of Object.keys(event.offsets)) trackPartition(m, group, p);
      return;
    }
    case 'PartitionsAssigned': {
      if (event.groupId === null) return;
      const group = groupMetrics(m, event.groupId);
      event.partitions.forEach((p) => trackPartition(m, group, p));
      return onAssigned(m, now, group, event.consumerId, event.partitions);
    }
    case 'PartitionsRevoked':
    case 'PartitionsLost':
      if (event.groupId === null || !m.groups[event.groupId]) return;
      return onReleased(now, m.groups[event.groupId]!, event.consumerId, event.partitions);
    case 'ConsumerCrashed':
    case 'ConsumerFailed':
    case 'ConsumerStalled': {
      // The group still counts the partitions as owned, but nobody consumes them.
      const group = groupOf(m, event.consumerId);
      if (group) forHeld(group, event.consumerId, (watch) => (watch.pausedSince ??= now));
      return;
    }
    case 'ConsumerResumed': {
      const group = groupOf(m, event.consumerId);
      if (group) forHeld(group, event.consumerId, (watch) => (watch.pausedSince = null));
      return;
    }
    case 'MemberRemoved': {
      const group = m.groups[event.groupId];
      if (!group) return;
      forHeld(group, event.consumerId, (watch) => {
        watch.holder = null;
        watch.unownedSince ??= now;
        watch.pausedSince ??= now;
      });
      return;
    }
    case 'PollTimeout':
      m.pollTimedOut[event.consumerId] = true;
      return;
    case 'ConsumerGroupHeartbeatSent':
      // KIP-848: a join (epoch 0) starts the subscription's tracking, as a JoinGroup does.
      if (event.memberEpoch === 0) onJoinSent(w, event.consumerId, event.groupId);
      return;
    case 'JoinGroupSent':
      return onJoinSent(w, event.consumerId, event.groupId);
    case 'RebalanceStarted':
      return onRebalanceStarted(m, now, event.groupId, event.reason, event.consumerId);
    case 'RebalanceCompleted':
      return onRebalanceEnded(m, now, event.groupId, event.generation, 'completed');
    case 'GroupStateChanged':
      if (event.to === 'Empty') onRebalanceEnded(m, now, event.groupId, event.generation, 'emptied');
      return;
    default:
      return;
  }
}

function onJoinSent(w: World, consumerId: string, groupId: string): void {
  const m = w.metrics;
  delete m.pollTimedOut[consumerId];
  // Lag counts from the subscription on, before any assignment (as the snapshot's lag does).
  const group = groupMetrics(m, groupId);
  for (const topic of w.consumers[consumerId]?.subscription ?? []) trackTopic(w, group, topic);
}

function trackTopic(w: World, group: GroupMetricsState, topic: string): void {
  const count = w.topics[topic]?.partitions.length ?? 0;
  // Every JoinGroupSent asks again: skip the walk when all of them are tracked already.
  if ((group.trackedPerTopic[topic] ?? 0) >= count) return;
  for (let i = 0; i < count; i++) trackPartition(w.metrics, group, partitionId(topic, i));
}

function groupOf(m: MetricsState, consumerId: string): GroupMetricsState | undefined {
  const groupId = m.consumerGroups[consumerId];
  return groupId ? m.groups[groupId] : undefined;
}
