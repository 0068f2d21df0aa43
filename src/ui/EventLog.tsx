import { useId, useMemo, useState } from 'react';
import { describeEvents } from './format/event-text';
import { formatEventTime } from './format/time';
import { useEventHistory } from './useEventHistory';
import { useMessages } from './i18n';
import { useSim } from './StoreContext';
import { eventFilterChoicesOf } from './select/views';
import type { DomainEvent } from '../engine/types';

/**
 * An event belongs to a group when it names it, or when it names a consumer of that group
 * (fetches and crashes carry no group); to a consumer when it names it.
 */
function matches(e: DomainEvent, group: string, consumer: string, groupOf: Map<string, string>): boolean {
  const consumerOf = 'consumerId' in e ? e.consumerId : null;
  if (consumer !== '' && consumerOf !== consumer) return false;
  if (group === '') return true;
  if ('groupId' in e && e.groupId !== null) return e.groupId === group;
  return consumerOf !== null && groupOf.get(consumerOf) === group;
}

const LINES = 60;

/**
 * Recent domain events as sentences, newest first. Routine traffic is one click away.
 * New lines fade in with a CSS animation on insert; old ones simply drop off the end.
 */
export function EventLog() {
  const m = useMessages().events;
  const [showRoutine, setShowRoutine] = useState(false);
  const { events, epoch } = useEventHistory(showRoutine);
  const f = useSim((s) => ({
    group: s.eventGroup,
    consumer: s.eventConsumer,
    ...eventFilterChoicesOf(s),
    setFilter: s.setEventFilter,
  }));
  // One ms after the event: what happened at that instant, a command's effect included.
  const seekTo = useSim((s) => s.seekTo);
  const groupOf = useMemo(() => new Map(f.consumers.split(' ').filter(Boolean).map((pair) => pair.split('=') as [string, string])), [f.consumers]);
  // The filters' options change only when groups or consumers come and go: built once then.
  const groupOptions = useMemo(
    () =>
      f.groups
        .split(' ')
        .filter(Boolean)
        .map((g) => (
          <option key={g} value={g}>
            {g}
          </option>
        )),
    [f.groups],
  );
  const consumerOptions = useMemo(
    () =>
      f.consumers
        .split(' ')
        .filter(Boolean)
        .map((pair) => pair.split('=')[0]!)
        .map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        )),
    [f.consumers],
  );
  const lines = useMemo(() => {
    const shown = f.group === '' && f.consumer === '' ? events : events.filter((e) => matches(e, f.group, f.consumer, groupOf));
    const incremental = new Set(f.incremental.split(' ').filter(Boolean));
    return describeEvents(shown, showRoutine, LINES, (groupId) => incremental.has(groupId));
  }, [events, showRoutine, f.group, f.consumer, groupOf, f.incremental]);
  const toggleId = useId();
  const groupId = useId();
  const consumerId = useId();
  return (
    <aside className="panel event-panel" aria-labelledby="event-heading">
      <header className="panel-head">
        <div>
          <span className="eyebrow">{m.eyebrow}</span>
          <h2 id="event-heading" className="panel-title">
            {m.title}
          </h2>
        </div>
        <label className="toggle" htmlFor={toggleId}>
          <input id={toggleId} type="checkbox" checked={showRoutine} onChange={(e) => setShowRoutine(e.target.checked)} />
          <span>{m.routine}</span>
        </label>
      </header>
      <div className="event-filters">
        <label htmlFor={groupId}>{m.filterGroup}</label>
        <select id={groupId} className="select select-small" value={f.group} onChange={(e) => f.setFilter({ group: e.target.value })}>
          <option value="">{m.all}</option>
          {groupOptions}
        </select>
        <label htmlFor={consumerId}>{m.filterConsumer}</label>
        <select id={consumerId} className="select select-small" value={f.consumer} onChange={(e) => f.setFilter({ consumer: e.target.value })}>
          <option value="">{m.all}</option>
          {consumerOptions}
        </select>
      </div>
      <ol className="event-list" data-testid="event-log">
        {lines.map((line) => (
          // Sequence numbers restart with the simulation: the epoch keeps keys unique.
          <li key={`${epoch}-${line.seq}`} className={`event event-${line.tone}`}>
            <button type="button" className="event-jump" onClick={() => seekTo(line.time + 1)} aria-label={m.jump(formatEventTime(line.time))}>
              <time className="event-time num" dateTime={`PT${(line.time / 1000).toFixed(3)}S`}>
                {formatEventTime(line.time)}
              </time>
            </button>
            <span className="event-dot" aria-hidden="true" />
            <span className="event-text">{line.text}</span>
          </li>
        ))}
        {lines.length === 0 && <li className="event-empty">{m.empty}</li>}
      </ol>
    </aside>
  );
}
