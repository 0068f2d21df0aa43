import type { DomainEvent } from '../../engine/types';
import { formatClock, formatCount, formatDuration } from './time';
import { sortIds } from './ids';
import { messages } from '../i18n';

const e = messages().event;

/**
 * How an event line looks: routine traffic (heartbeats, fetches, commits) is hidden by
 * default; the rest is coloured by what it means for the group.
 */
export type EventTone = 'routine' | 'info' | 'rebalance' | 'ok' | 'warn' | 'danger';

export interface EventLine {
  seq: number;
  time: number;
  text: string;
  tone: EventTone;
}

/**
 * Groups whose rebalances are incremental (cooperative, consumer protocol): there an empty
 * assignment means "nothing new, keeps what it owns", not "idle".
 */
export type IsIncremental = (groupId: string) => boolean;
const eagerOnly: IsIncremental = () => false;

/** One DomainEvent → one human sentence and a tone. */
export function describeEvent(event: DomainEvent, incremental: IsIncremental = eagerOnly): EventLine {
  const line = (text: string, tone: EventTone): EventLine => ({ seq: event.seq, time: event.time, text, tone });
  switch (event.type) {
    case 'TopicCreated':
      return line(e.topicCreated(event.topic, formatCount(event.partitions), event.partitions), 'info');
    case 'PartitionsAdded':
      return line(e.partitionsAdded(event.topic, event.from, formatCount(event.to), event.to), 'info');
    case 'ProducerRateChanged':
      return event.rate > 0
        ? line(e.producerRate(event.topic, formatCount(event.rate)), 'info')
        : line(e.producerStopped(event.topic), 'info');
    case 'ConsumerStarted':
      return line(e.started(event.consumerId), 'info');
    case 'ConsumerCrashed':
      return line(e.crashed(event.consumerId, event.reason), 'danger');
    case 'ConsumerFailed':
      return line(e.failed(event.consumerId, event.exception, event.message), 'danger');
    case 'MetadataRefreshed':
      return line(e.metadataRefreshed(event.consumerId), 'routine');
    case 'OffsetCommitRefused':
      return line(e.commitRefused(event.consumerId, event.exception), 'warn');
    case 'BrokerCrashed':
      return line(e.brokerCrashed(event.broker), 'danger');
    case 'BrokerRestarted':
      return line(e.brokerRestarted(event.broker), 'ok');
    case 'CoordinatorMoved':
      return line(event.to === null ? e.coordinatorGone(event.groupId) : e.coordinatorMoved(event.groupId, event.to), 'warn');
    case 'CoordinatorFound':
      return line(e.coordinatorFound(event.consumerId, event.broker), 'info');
    case 'CoordinatorLost':
      return line(e.coordinatorLost(event.consumerId, event.broker, event.error), 'warn');
    case 'ConsumerClosing':
      return line(e.closing(event.consumerId), 'info');
    case 'ConsumerClosed':
      return line(e.closed(event.consumerId), 'info');
    case 'ConsumerStalled':
      return line(e.stalled(event.consumerId, formatClock(event.untilMs)), 'warn');
    case 'ConsumerResumed':
      return line(e.resumed(event.consumerId), 'ok');
    case 'JoinGroupSent':
      return line(e.joinSent(event.consumerId), 'rebalance');
    case 'JoinGroupFailed':
      return event.error === 'MEMBER_ID_REQUIRED'
        ? line(e.gotMemberId(event.consumerId), 'rebalance')
        : line(e.joinFailed(event.consumerId, event.error), 'warn');
    case 'JoinGroupCompleted':
      return line(e.joined(event.consumerId, event.generation, event.leader), 'rebalance');
    case 'SyncGroupSent':
      return line(e.syncSent(event.consumerId), 'rebalance');
    case 'SyncGroupFailed':
      return line(e.syncFailed(event.consumerId, event.error), 'warn');
    case 'AssignmentComputed':
      return line(e.assignment(event.consumerId, event.assignor), 'rebalance');
    case 'HeartbeatSent':
      return line(e.heartbeat(event.consumerId), 'routine');
    case 'HeartbeatFailed':
      return event.error === 'REBALANCE_IN_PROGRESS'
        ? line(e.learnsRebalance(event.consumerId), 'rebalance')
        : line(e.heartbeatFailed(event.consumerId, event.error), 'warn');
    case 'LeaveGroupSent':
      return line(e.leaveSent(event.consumerId), 'rebalance');
    case 'GroupStateChanged':
      return line(e.stateChanged(event.groupId, event.to), event.to === 'Stable' ? 'ok' : 'rebalance');
    case 'RebalanceStarted':
      return line(e.rebalanceStarted(event.groupId, event.reason), 'rebalance');
    case 'RebalanceCompleted':
      return line(e.rebalanceDone(event.generation), 'ok');
    case 'MemberJoined':
      return line(e.memberJoined(event.consumerId, event.groupId), 'rebalance');
    case 'MemberRemoved':
      return line(e.memberRemoved(event.consumerId, event.reason), 'rebalance');
    case 'SessionTimeout':
      return line(e.sessionTimeout(event.consumerId), 'danger');
    case 'PollTimeout':
      return line(e.pollTimeout(event.consumerId, formatDuration(event.sincePollMs)), 'danger');
    case 'PartitionsRevoked':
      return event.partitions.length === 0
        ? line(e.nothingToRevoke(event.consumerId), 'routine')
        : line(e.revoked(partitionList(event.partitions), event.consumerId), 'rebalance');
    case 'PartitionsAssigned':
      if (event.partitions.length === 0 && event.groupId !== null && incremental(event.groupId)) {
        return line(e.assignedNothingNew(event.consumerId), 'info');
      }
      return event.partitions.length === 0
        ? line(e.assignedNone(event.consumerId), 'warn')
        : line(e.assigned(partitionList(event.partitions), event.consumerId), 'ok');
    case 'PartitionsLost':
      return line(e.lost(event.consumerId, partitionList(event.partitions)), 'danger');
    case 'OffsetReset':
      return line(e.offsetReset(event.consumerId, event.partition, formatCount(event.offset), event.strategy), 'info');
    case 'RecordsFetched':
      return line(e.fetched(event.consumerId, formatCount(event.count), event.count), 'routine');
    case 'RecordsProcessed':
      return line(e.processed(event.consumerId, formatCount(event.count), event.count), 'routine');
    case 'OffsetCommitSent':
      return line(e.commitSent(event.consumerId, event.mode), 'routine');
    case 'OffsetCommitted':
      return line(e.committed(event.consumerId, offsetList(event.offsets)), 'routine');
    case 'OffsetCommitFailed':
      return line(e.commitFailed(event.consumerId, event.error), 'danger');
    case 'GroupConverted':
      return line(e.groupConverted(event.groupId, event.to, event.members), 'rebalance');
    case 'ConsumerGroupHeartbeatSent':
      return line(e.cghSent(event.consumerId, event.memberEpoch), 'routine');
    case 'ConsumerGroupHeartbeatAnswered':
      return event.assigned === null
        ? line(e.cghAnswered(event.consumerId, event.memberEpoch), 'routine')
        : line(e.cghAssigned(event.consumerId, event.memberEpoch, event.assigned.length === 0 ? e.nothing : sortIds(event.assigned).join(', ')), 'rebalance');
    case 'ConsumerGroupHeartbeatFailed':
      return line(e.cghFailed(event.consumerId, event.error), 'warn');
    case 'GroupEpochBumped':
      return line(e.epochBumped(event.groupId, event.epoch, event.reason), 'rebalance');
    case 'RegularExpressionsResolved':
      return line(e.regexResolved(event.groupId, event.resolved), 'rebalance');
    case 'TargetAssignmentComputed':
      return line(e.targetComputed(event.groupId, event.epoch), 'rebalance');
    default: {
      // Event kinds the engine grows later read as their name until they get a sentence.
      return line(e.other((event as { type: string }).type), 'info');
    }
  }
}


/**
 * The event log's lines, newest first. A RebalanceStarted folds into the state change it
 * causes, so the log reads "Group g → PreparingRebalance (member joined)".
 */
export function describeEvents(
  events: readonly DomainEvent[],
  includeRoutine: boolean,
  limit: number,
  incremental: IsIncremental = eagerOnly,
): EventLine[] {
  const lines: EventLine[] = [];
  for (let i = events.length - 1; i >= 0 && lines.length < limit; i -= 1) {
    const event = events[i]!;
    if (event.type === 'RebalanceStarted' && foldsInto(events, i) !== null) continue;
    const line = describeEvent(event, incremental);
    if (event.type === 'GroupStateChanged') {
      const reason = reasonFor(events, i);
      if (reason !== null) line.text = `${line.text} (${reason})`; // the reason in the engine's words
    }
    if (line.tone === 'routine' && !includeRoutine) continue;
    lines.push(line);
  }
  return lines;
}

/** Index of the GroupStateChanged → PreparingRebalance a RebalanceStarted belongs to. */
function foldsInto(events: readonly DomainEvent[], index: number): number | null {
  const started = events[index]!;
  if (started.type !== 'RebalanceStarted') return null;
  for (const i of [index - 1, index + 1]) {
    const e = events[i];
    if (e?.type === 'GroupStateChanged' && e.groupId === started.groupId && e.time === started.time && e.to === 'PreparingRebalance') {
      return i;
    }
  }
  return null;
}

function reasonFor(events: readonly DomainEvent[], index: number): string | null {
  for (const i of [index - 1, index + 1]) {
    const e = events[i];
    if (e?.type === 'RebalanceStarted' && foldsInto(events, i) === index) return e.reason;
  }
  return null;
}

function partitionList(partitions: readonly string[]): string {
  const sorted = sortIds(partitions);
  if (sorted.length <= 4) return sorted.join(', ');
  return e.more(sorted.slice(0, 3).join(', '), sorted.length - 3);
}

function offsetList(offsets: Record<string, number>): string {
  const ids = sortIds(Object.keys(offsets));
  if (ids.length === 0) return e.nothing;
  const shown = ids.slice(0, 2).map((id) => `${id}@${formatCount(offsets[id]!)}`);
  return ids.length > 2 ? e.more(shown.join(', '), ids.length - 2) : shown.join(', ');
}
