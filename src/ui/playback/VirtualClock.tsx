import { formatClock } from '../format/time';
import { useSim } from '../StoreContext';
import { useMessages } from '../i18n';

/** Virtual time since the scenario started, in mm:ss.s. */
export function VirtualClock() {
  const now = useSim((s) => s.frame.snapshot.now);
  const m = useMessages().playback;
  return (
    <div className="clock">
      <span className="field-label" id="virtual-clock-label">
        {m.clock}
      </span>
      {/* A timer (live region off): named by its visible label, read on demand, never announced each frame. */}
      <span className="clock-value num" role="timer" data-testid="virtual-clock" aria-labelledby="virtual-clock-label">
        {formatClock(now)}
      </span>
    </div>
  );
}
