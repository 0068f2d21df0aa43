import { useMessages } from './i18n';

/**
 * A dot that ripples each time the consumer sends a heartbeat (lastHeartbeatAt changes).
 * Hollow and still when the process is gone. The ripple is one CSS animation on an
 * element keyed by the heartbeat's time: a new heartbeat replaces it, so at high speed
 * nothing piles up (exit animations did). prefers-reduced-motion stops it in CSS.
 */
export function HeartbeatPulse({ at, alive }: { at: number | null; alive: boolean }) {
  const m = useMessages().consumer;
  const label = alive ? m.heartbeats : m.noHeartbeats;
  return (
    <span className={`heartbeat${alive ? '' : ' is-dead'}`} title={label}>
      <span className="heartbeat-dot" aria-hidden="true" />
      {alive && at !== null && <span key={at} className="heartbeat-ring" aria-hidden="true" />}
      <span className="visually-hidden">{label}</span>
    </span>
  );
}
