import { REBALANCE_PHASES } from '../../store/rebalance-phases';
import { deepEqual } from '../format/equal';
import { useMessages } from '../i18n';
import { useSim } from '../StoreContext';

/**
 * While slow motion holds a rebalance: a "slow motion" mark and the six phases, the ones
 * reached lit, the current one named. Hidden (but keeping its place) otherwise.
 */
export function SlowMotionMark() {
  const m = useMessages();
  const mark = useSim((s) => (s.slowMotion ? s.frame.slowMo : null), deepEqual);
  const on = useSim((s) => s.slowMotion);
  return (
    <div className={`slowmo${mark ? ' is-on' : ''}`} data-testid="slow-motion-mark" data-phase={mark?.phase ?? ''} aria-live="polite">
      {!mark && <span className="slowmo-idle">{on ? m.playback.slowMotionIdle : m.playback.slowMotionOff}</span>}
      {mark && (
        <>
          <span className="slowmo-badge">{m.playback.slowMotionOn}</span>
          <span className="slowmo-group">{mark.groupId}</span>
          <ol className="phase-steps" aria-label={m.phases.label}>
            {REBALANCE_PHASES.map((phase) => {
              const reached = mark.reached.includes(phase);
              const current = phase === mark.phase;
              return (
                <li
                  key={phase}
                  className={`phase-step${reached ? ' is-reached' : ''}${current ? ' is-current' : ''}`}
                  aria-current={current ? 'step' : undefined}
                  title={m.phases[phase]}
                >
                  <span aria-hidden="true">{m.phases.short[phase]}</span>
                  <span className="visually-hidden">{m.phases[phase]}</span>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </div>
  );
}
