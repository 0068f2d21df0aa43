import { useId, useMemo, useState } from 'react';
import { describeEvents } from './format/event-text';
import { formatEventTime } from './format/time';
import { useEventHistory } from './useEventHistory';

const LINES = 60;

/**
 * Recent domain events as sentences, newest first. Routine traffic is one click away.
 * New lines fade in with a CSS animation on insert; old ones simply drop off the end.
 */
export function EventLog() {
  const [showRoutine, setShowRoutine] = useState(false);
  const { events, epoch } = useEventHistory(showRoutine);
  const lines = useMemo(() => describeEvents(events, showRoutine, LINES), [events, showRoutine]);
  const toggleId = useId();
  return (
    <aside className="panel event-panel" aria-labelledby="event-heading">
      <header className="panel-head">
        <div>
          <span className="eyebrow">What just happened</span>
          <h2 id="event-heading" className="panel-title">
            Events
          </h2>
        </div>
        <label className="toggle" htmlFor={toggleId}>
          <input id={toggleId} type="checkbox" checked={showRoutine} onChange={(e) => setShowRoutine(e.target.checked)} />
          <span>heartbeats, fetches, commits</span>
        </label>
      </header>
      <ol className="event-list" data-testid="event-log">
        {lines.map((line) => (
          // Sequence numbers restart with the simulation: the epoch keeps keys unique.
          <li key={`${epoch}-${line.seq}`} className={`event event-${line.tone}`}>
            <time className="event-time num" dateTime={`PT${(line.time / 1000).toFixed(3)}S`}>
              {formatEventTime(line.time)}
            </time>
            <span className="event-dot" aria-hidden="true" />
            <span className="event-text">{line.text}</span>
          </li>
        ))}
        {lines.length === 0 && <li className="event-empty">Nothing yet.</li>}
      </ol>
    </aside>
  );
}
