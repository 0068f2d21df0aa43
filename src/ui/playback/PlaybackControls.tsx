import { useId } from 'react';
import { SPEEDS } from '../../store/url-options';
import { Icon } from '../Icon';
import { useMessages } from '../i18n';
import { useSim } from '../StoreContext';
import { VirtualClock } from './VirtualClock';

/** Virtual time stepped in one click while paused: enough for a heartbeat to happen. */
const STEP_MS = 1_000;

/** Play/pause, the step and skip buttons, speed, slow motion, the virtual clock and reset. */
export function PlaybackControls() {
  const m = useMessages().playback;
  const s = useSim((st) => ({
    playing: st.playing,
    speed: st.speed,
    reachedSpeed: st.reachedSpeed,
    slowMotion: st.slowMotion,
    togglePlaying: st.togglePlaying,
    setSpeed: st.setSpeed,
    setSlowMotion: st.setSlowMotion,
    step: st.step,
    stepEvent: st.stepEvent,
    stepPhase: st.stepPhase,
    skipQuiet: st.skipQuiet,
    reset: st.reset,
  }));
  const speedId = useId();
  const slowId = useId();
  return (
    <div className="playback" role="toolbar" aria-label={m.toolbar}>
      <button type="button" className="btn btn-primary btn-play" onClick={s.togglePlaying}>
        <Icon name={s.playing ? 'pause' : 'play'} />
        <span>{s.playing ? m.pause : m.play}</span>
      </button>
      <div className="btn-group">
        <button
          type="button"
          className="btn btn-quiet"
          onClick={() => s.step(STEP_MS)}
          disabled={s.playing}
          aria-label={m.step}
          title={m.stepTitle}
        >
          <Icon name="step" />
          <span aria-hidden="true">{m.stepShort}</span>
        </button>
        <button type="button" className="btn btn-quiet" onClick={s.stepEvent} title={m.nextEventTitle}>
          <Icon name="next" />
          <span className="btn-label-wide">{m.nextEvent}</span>
        </button>
        <button type="button" className="btn btn-quiet" onClick={s.stepPhase} title={m.nextPhaseTitle}>
          <Icon name="phase" />
          <span className="btn-label-wide">{m.nextPhase}</span>
        </button>
        <button type="button" className="btn btn-quiet" onClick={s.skipQuiet} title={m.skipTitle}>
          <Icon name="skip" />
          <span className="btn-label-wide">{m.skip}</span>
        </button>
      </div>
      <div className="field">
        <label htmlFor={speedId} className="field-label">
          {m.speed}
        </label>
        <span className="select-wrap">
          <select id={speedId} className="select num" value={String(s.speed)} onChange={(e) => s.setSpeed(Number(e.target.value))}>
            {SPEEDS.map((v) => (
              <option key={v} value={String(v)}>
                {m.speedValue(v)}
              </option>
            ))}
          </select>
          <svg className="select-chevron" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
            <path d="M3 4.5 6 7.5 9 4.5" />
          </svg>
        </span>
        {s.playing && s.reachedSpeed !== null && (
          <span className="speed-reached num" role="status" title={m.reachedSpeedTitle} data-testid="reached-speed">
            {m.reachedSpeed(s.reachedSpeed)}
          </span>
        )}
      </div>
      <label className="switch" htmlFor={slowId} title={m.slowMotionTitle}>
        <input id={slowId} type="checkbox" role="switch" checked={s.slowMotion} onChange={(e) => s.setSlowMotion(e.target.checked)} />
        <span className="switch-track" aria-hidden="true" />
        <span className="switch-label">{m.slowMotion}</span>
      </label>
      <VirtualClock />
      <button type="button" className="btn btn-quiet" onClick={s.reset}>
        <Icon name="reset" />
        <span>{m.reset}</span>
      </button>
    </div>
  );
}
