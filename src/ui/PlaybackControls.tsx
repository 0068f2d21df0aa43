import { useId } from 'react';
import { SPEEDS } from '../store/url-options';
import { formatSpeed } from './format/time';
import { Icon } from './Icon';
import { useSim } from './StoreContext';
import { VirtualClock } from './VirtualClock';

/** Virtual time stepped in one click while paused: enough for a heartbeat to happen. */
const STEP_MS = 1_000;

/** Play/pause, step, speed, the virtual clock and reset. */
export function PlaybackControls() {
  const { playing, speed, togglePlaying, setSpeed, step, reset } = useSim((s) => ({
    playing: s.playing,
    speed: s.speed,
    togglePlaying: s.togglePlaying,
    setSpeed: s.setSpeed,
    step: s.step,
    reset: s.reset,
  }));
  const speedId = useId();
  return (
    <div className="playback" role="toolbar" aria-label="Playback">
      <button type="button" className="btn btn-primary btn-play" onClick={togglePlaying}>
        <Icon name={playing ? 'pause' : 'play'} />
        <span>{playing ? 'Pause' : 'Play'}</span>
      </button>
      <button
        type="button"
        className="btn btn-quiet"
        onClick={() => step(STEP_MS)}
        disabled={playing}
        aria-label="Step 1 second"
        title="Advance virtual time by 1 s"
      >
        <Icon name="step" />
        <span aria-hidden="true">1 s</span>
      </button>
      <div className="field">
        <label htmlFor={speedId} className="field-label">
          Speed
        </label>
        <span className="select-wrap">
          <select
            id={speedId}
            className="select num"
            value={String(speed)}
            onChange={(e) => setSpeed(Number(e.target.value))}
          >
            {SPEEDS.map((s) => (
              <option key={s} value={String(s)}>
                {formatSpeed(s)}
              </option>
            ))}
          </select>
          <svg className="select-chevron" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
            <path d="M3 4.5 6 7.5 9 4.5" />
          </svg>
        </span>
      </div>
      <VirtualClock />
      <button type="button" className="btn btn-quiet" onClick={reset}>
        <Icon name="reset" />
        <span>Reset</span>
      </button>
    </div>
  );
}
