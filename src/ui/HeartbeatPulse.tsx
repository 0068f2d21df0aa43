import { AnimatePresence, motion, useReducedMotion } from 'framer-motion';

/**
 * A dot that ripples each time the consumer's heartbeat reaches the coordinator
 * (lastHeartbeatAt changes). Hollow and still when the process is gone; with reduced
 * motion the dot stays still.
 */
export function HeartbeatPulse({ at, alive }: { at: number | null; alive: boolean }) {
  const reduceMotion = useReducedMotion();
  const label = alive ? 'heartbeats' : 'no heartbeats';
  return (
    <span className={`heartbeat${alive ? '' : ' is-dead'}`} title={label}>
      <span className="heartbeat-dot" aria-hidden="true" />
      <AnimatePresence>
        {alive && at !== null && !reduceMotion && (
          <motion.span
            key={at}
            className="heartbeat-ring"
            aria-hidden="true"
            initial={{ scale: 1, opacity: 0.8 }}
            animate={{ scale: 2.8, opacity: 0 }}
            exit={{ opacity: 0 }}
            transition={{ duration: 0.9, ease: 'easeOut' }}
          />
        )}
      </AnimatePresence>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}
