import { phasesOf } from '../../store/rebalance-phases';
import { deepEqual } from '../format/equal';
import { useMessages } from '../i18n';
import { useSim } from '../StoreContext';

/**
 * While slow motion holds a rebalance: a "slow motion" mark and the phases of its protocol
 * (six classic ones, five under KIP-848), the ones reached lit, the current one named.
 * Hidden (but keeping its place) otherwise.
 */
export function SlowMotionMark() {
  const m = useMessages();
  const mark = useSim((s) => (s.slowMotion ? s.frame.slowMo : null), deepEqual);
  const on = useSim((s) => s.slowMotion);
  return (
    <div className={`slowmo${mark ? ' is-on' : ''}`} data-testid="slow-motion-mark" data-phase={mark?.phase ?? ''} data-protocol={mark?.protocol ?? ''} aria-live="polite">
      {!mark && <span className="slowmo-idle">{on ? m.playback.slowMotionIdle : m.playback.slowMotionOff}</span>}
      {mark && (
        <>
          <span className="slowmo-badge">{m.playback.slowMotionOn}</span>
          <span className="slowmo-group">{mark.groupId}</span>
          <ol className="phase-steps" aria-label={m.phases.label}>
            {phasesOf(mark.protocol).map((phase) => {
              const reached = mark.reached.includes(phase);
              const current = phase === mark.phase;
              const title = (mark.protocol === 'consumer' ? m.phases.consumer[phase] : undefined) ?? m.phases[phase];
              return (
                <li
                  key={phase}
                  className={`phase-step${reached ? ' is-reached' : ''}${current ? ' is-current' : ''}`}
                  aria-current={current ? 'step' : undefined}
                  title={title}
                >
                  <span aria-hidden="true">{m.phases.short[phase]}</span>
                  <span className="visually-hidden">{title}</span>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </div>
  );
}
