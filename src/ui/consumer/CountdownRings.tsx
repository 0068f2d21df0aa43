import { deepEqual } from '../format/equal';
import { formatSecondsLeft } from '../format/time';
import { useMessages } from '../i18n';
import { consumersOf } from '../select/views';
import { useSim } from '../StoreContext';

const R = 9;
const CIRCUMFERENCE = 2 * Math.PI * R;

/**
 * Two countdowns the coordinator and the client keep on this consumer: time left on
 * session.timeout.ms since its last heartbeat, and on max.poll.interval.ms since its last
 * poll(). Per-frame values, so this subscribes on its own.
 */
export function CountdownRings({ id }: { id: string }) {
  const m = useMessages().consumer;
  const v = useSim((s) => {
    const c = consumersOf(s).find((x) => x.id === id);
    const now = s.frame.snapshot.now;
    if (!c) return null;
    const alive = c.status === 'running' || c.status === 'stalled';
    // Whole 100 ms steps: the rings move smoothly enough and the card re-renders 10× a virtual second.
    const q = (ms: number) => Math.round(ms / 100) * 100;
    const sessionLeft =
      c.sessionExpiresInMs !== null
        ? c.sessionExpiresInMs
        : alive && c.isMember && c.lastHeartbeatAt !== null
          ? Math.max(0, c.sessionTimeoutMs - (now - c.lastHeartbeatAt))
          : null;
    const pollLeft = alive && c.lastPollAt !== null && c.phase !== 'none' ? Math.max(0, c.maxPollIntervalMs - (now - c.lastPollAt)) : null;
    return {
      session: sessionLeft === null ? null : { left: q(sessionLeft), of: c.sessionTimeoutMs },
      poll: pollLeft === null ? null : { left: q(pollLeft), of: c.maxPollIntervalMs },
    };
  }, deepEqual);
  if (!v) return null;
  return (
    <span className="rings">
      <Ring kind="session" value={v.session} label={m.session} title={v.session ? m.sessionRing(formatSecondsLeft(v.session.left)) : ''} testId={`session-ring-${id}`} />
      <Ring kind="poll" value={v.poll} label={m.poll} title={v.poll ? m.pollRing(formatSecondsLeft(v.poll.left)) : ''} testId={`poll-ring-${id}`} />
    </span>
  );
}

function Ring({
  kind,
  value,
  label,
  title,
  testId,
}: {
  kind: string;
  value: { left: number; of: number } | null;
  label: string;
  title: string;
  testId: string;
}) {
  const fraction = value === null ? 0 : Math.min(1, Math.max(0, value.left / Math.max(1, value.of)));
  const low = value !== null && fraction < 0.25;
  return (
    <span
      className={`ring ring-${kind}${value === null ? ' is-off' : ''}${low ? ' is-low' : ''}`}
      title={title}
      data-testid={testId}
      data-left-ms={value?.left ?? ''}
    >
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <circle className="ring-track" cx="12" cy="12" r={R} />
        <circle
          className="ring-fill"
          cx="12"
          cy="12"
          r={R}
          strokeDasharray={CIRCUMFERENCE}
          strokeDashoffset={CIRCUMFERENCE * (1 - fraction)}
          transform="rotate(-90 12 12)"
        />
      </svg>
      <span className="ring-label">{label}</span>
      {value !== null && <span className="visually-hidden">{title}</span>}
    </span>
  );
}
