import type { DomainEvent } from '../../engine/types';
import { formatClock, formatCount, formatDuration } from './time';
import { sortIds } from './ids';

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

/** One DomainEvent → one human sentence and a tone. */
export function describeEvent(event: DomainEvent): EventLine {
  const line = (text: string, tone: EventTone): EventLine => ({ seq: event.seq, time: event.time, text, tone });
  switch (event.type) {
    case 'TopicCreated':
      return line(`Topic ${event.topic} created with ${plural(event.partitions, 'partition')}`, 'info');
    case 'PartitionsAdded':
      return line(`Topic ${event.topic} grew from ${event.from} to ${plural(event.to, 'partition')}`, 'info');
    case 'ProducerRateChanged':
      return event.rate > 0
        ? line(`Producer writes ${formatCount(event.rate)} records/s to ${event.topic}`, 'info')
        : line(`Producer to ${event.topic} stopped`, 'info');
    case 'ConsumerStarted':
      return line(`${event.consumerId} started`, 'info');
    case 'ConsumerCrashed':
      return line(
        `${event.consumerId} crashed${event.reason ? ` (${event.reason})` : ''}: no LeaveGroup, no final commit`,
        'danger',
      );
    case 'ConsumerFailed':
      return line(`${event.consumerId} failed: ${event.exception} (${event.message})`, 'danger');
    case 'MetadataRefreshed':
      return line(`${event.consumerId} refreshed its cluster metadata`, 'routine');
    case 'OffsetCommitRefused':
      return line(`${event.consumerId}'s commit was refused by its own client: ${event.exception}`, 'warn');
    case 'BrokerCrashed':
      return line(`Broker ${event.broker} crashed`, 'danger');
    case 'BrokerRestarted':
      return line(`Broker ${event.broker} restarted`, 'ok');
    case 'CoordinatorMoved':
      return line(
        event.to === null
          ? `Group ${event.groupId} has no coordinator: no broker is up to lead its __consumer_offsets partition`
          : `Group ${event.groupId}'s coordinator moved to broker ${event.to}, which loads it from __consumer_offsets`,
        'warn',
      );
    case 'CoordinatorFound':
      return line(`${event.consumerId} found its coordinator: broker ${event.broker}`, 'info');
    case 'CoordinatorLost':
      return line(`${event.consumerId} lost its coordinator (broker ${event.broker}: ${event.error}) and looks again`, 'warn');
    case 'ConsumerClosing':
      return line(`${event.consumerId} is closing: final commit, then LeaveGroup`, 'info');
    case 'ConsumerClosed':
      return line(`${event.consumerId} closed`, 'info');
    case 'ConsumerStalled':
      return line(`${event.consumerId}'s poll loop hangs until ${formatClock(event.untilMs)}`, 'warn');
    case 'ConsumerResumed':
      return line(`${event.consumerId}'s poll loop resumed`, 'ok');
    case 'JoinGroupSent':
      return line(`${event.consumerId} sent JoinGroup`, 'rebalance');
    case 'JoinGroupFailed':
      return event.error === 'MEMBER_ID_REQUIRED'
        ? line(`${event.consumerId} got a member id and joins again`, 'rebalance')
        : line(`${event.consumerId}'s JoinGroup failed: ${event.error}`, 'warn');
    case 'JoinGroupCompleted':
      return line(
        `${event.consumerId} joined generation ${event.generation}${event.leader ? ' as leader' : ''}`,
        'rebalance',
      );
    case 'SyncGroupSent':
      return line(`${event.consumerId} sent SyncGroup`, 'rebalance');
    case 'SyncGroupFailed':
      return line(`${event.consumerId}'s SyncGroup failed: ${event.error}`, 'warn');
    case 'AssignmentComputed':
      return line(`Leader ${event.consumerId} computed a ${event.assignor} assignment`, 'rebalance');
    case 'HeartbeatSent':
      return line(`${event.consumerId} sent a heartbeat`, 'routine');
    case 'HeartbeatFailed':
      return event.error === 'REBALANCE_IN_PROGRESS'
        ? line(`${event.consumerId} learns of the rebalance from its heartbeat`, 'rebalance')
        : line(`${event.consumerId}'s heartbeat failed: ${event.error}`, 'warn');
    case 'LeaveGroupSent':
      return line(`${event.consumerId} sent LeaveGroup`, 'rebalance');
    case 'GroupStateChanged':
      return line(`Group ${event.groupId} → ${event.to}`, event.to === 'Stable' ? 'ok' : 'rebalance');
    case 'RebalanceStarted':
      return line(`Group ${event.groupId} starts a rebalance (${event.reason})`, 'rebalance');
    case 'RebalanceCompleted':
      return line(`Rebalance done: generation ${event.generation}`, 'ok');
    case 'MemberJoined':
      return line(`${event.consumerId} is now a member of ${event.groupId}`, 'rebalance');
    case 'MemberRemoved':
      return line(`Coordinator removed ${event.consumerId}: ${event.reason}`, 'rebalance');
    case 'SessionTimeout':
      return line(`${event.consumerId} missed its session timeout: expelled`, 'danger');
    case 'PollTimeout':
      return line(
        `${event.consumerId} did not poll for ${formatDuration(event.sincePollMs)}: leaves the group`,
        'danger',
      );
    case 'PartitionsRevoked':
      return event.partitions.length === 0
        ? line(`${event.consumerId} had nothing to revoke`, 'routine')
        : line(`${partitionList(event.partitions)} revoked from ${event.consumerId}`, 'rebalance');
    case 'PartitionsAssigned':
      return event.partitions.length === 0
        ? line(`${event.consumerId} got no partitions: idle`, 'warn')
        : line(`${partitionList(event.partitions)} assigned to ${event.consumerId}`, 'ok');
    case 'PartitionsLost':
      return line(`${event.consumerId} lost ${partitionList(event.partitions)} without committing`, 'danger');
    case 'OffsetReset':
      return line(
        `${event.consumerId} starts ${event.partition} at offset ${formatCount(event.offset)} (${event.strategy})`,
        'info',
      );
    case 'RecordsFetched':
      return line(`${event.consumerId} fetched ${plural(event.count, 'record')}`, 'routine');
    case 'RecordsProcessed':
      return line(`${event.consumerId} processed ${plural(event.count, 'record')}`, 'routine');
    case 'OffsetCommitSent':
      return line(`${event.consumerId} sent OffsetCommit (${event.mode})`, 'routine');
    case 'OffsetCommitted':
      return line(`${event.consumerId} committed ${offsetList(event.offsets)}`, 'routine');
    case 'OffsetCommitFailed':
      return line(`${event.consumerId}'s commit failed: ${event.error}`, 'danger');
  }
}

/**
 * The event log's lines, newest first. A RebalanceStarted folds into the state change it
 * causes, so the log reads "Group g → PreparingRebalance (member joined)".
 */
export function describeEvents(events: readonly DomainEvent[], includeRoutine: boolean, limit: number): EventLine[] {
  const lines: EventLine[] = [];
  for (let i = events.length - 1; i >= 0 && lines.length < limit; i -= 1) {
    const event = events[i]!;
    if (event.type === 'RebalanceStarted' && foldsInto(events, i) !== null) continue;
    const line = describeEvent(event);
    if (event.type === 'GroupStateChanged') {
      const reason = reasonFor(events, i);
      if (reason !== null) line.text = `${line.text} (${reason})`;
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
  return `${sorted.slice(0, 3).join(', ')} +${sorted.length - 3} more`;
}

function offsetList(offsets: Record<string, number>): string {
  const ids = sortIds(Object.keys(offsets));
  if (ids.length === 0) return 'nothing';
  const shown = ids.slice(0, 2).map((id) => `${id}@${formatCount(offsets[id]!)}`);
  return ids.length > 2 ? `${shown.join(', ')} +${ids.length - 2} more` : shown.join(', ');
}

function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
}
