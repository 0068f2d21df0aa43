import type { ConsumerView } from '../store/selectors';
import { formatCount, formatSecondsLeft } from './format/time';
import { useMessages } from './i18n';

/**
 * What the consumer is doing right now: processing a batch, hung, or (dead but still a
 * member) counting down to the coordinator's session timeout. A fixed-width slot, so the
 * card does not jiggle as batches come and go.
 */
export function ConsumerActivity({ view, now }: { view: ConsumerView; now: number }) {
  const m = useMessages().consumer;
  if (view.sessionExpiresInMs !== null) {
    const left = view.sessionExpiresInMs / Math.max(1, view.sessionTimeoutMs);
    return (
      <span className="activity activity-expiry" data-testid={`session-countdown-${view.id}`}>
        <span>
          {m.expelledIn}<span className="num">{formatSecondsLeft(view.sessionExpiresInMs)}</span>
        </span>
        <Meter fraction={left} />
      </span>
    );
  }
  if (view.status === 'stalled') {
    return <span className="activity activity-stalled">{m.hung}</span>;
  }
  if (view.status !== 'running') return <span className="activity" />;
  const batch = view.processing;
  const done = batch ? (batch.endsAt > batch.startedAt ? (now - batch.startedAt) / (batch.endsAt - batch.startedAt) : 1) : 0;
  const label = batch ? m.processing(formatCount(batch.count)) : m.polling;
  return (
    <span className={`activity ${batch ? 'activity-processing' : 'activity-polling'}`} title={label}>
      <span className="visually-hidden">{label}</span>
      <span className="num activity-count" aria-hidden="true">
        {batch ? formatCount(batch.count) : ''}
      </span>
      <Meter fraction={done} />
    </span>
  );
}

function Meter({ fraction }: { fraction: number }) {
  const f = Math.min(1, Math.max(0, fraction));
  return (
    <span className="meter" aria-hidden="true">
      <span className="meter-fill" style={{ transform: `scaleX(${f})` }} />
    </span>
  );
}
