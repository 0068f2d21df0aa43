import { useEffect } from 'react';
import { SPEEDS } from '../store/url-options';
import { useSimStore } from './StoreContext';

/** Keys that belong to a control when it has focus: the page leaves them alone there. */
function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable) return true;
  // A focused button takes Space and Enter itself.
  return (tag === 'BUTTON' || tag === 'SUMMARY') && (key === ' ' || key === 'Enter');
}

/**
 * Presenter keys: Space plays/pauses, → next rebalance phase, . next event, S skips a quiet
 * wait, ← back one second, + and − change speed, M slow motion, ? help.
 */
export function useKeyboardShortcuts(): void {
  const store = useSimStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || ownsKey(e.target, e.key)) return;
      if (document.querySelector('dialog[open]')) return;
      const s = store.getState();
      const speedIndex = SPEEDS.indexOf(s.speed as (typeof SPEEDS)[number]);
      const actions: Record<string, () => void> = {
        ' ': s.togglePlaying,
        ArrowRight: s.stepPhase,
        '.': s.stepEvent,
        s: s.skipQuiet,
        S: s.skipQuiet,
        ArrowLeft: () => s.seekTo(s.frame.snapshot.now - 1_000),
        '+': () => s.setSpeed(SPEEDS[Math.min(SPEEDS.length - 1, speedIndex + 1)]!),
        '=': () => s.setSpeed(SPEEDS[Math.min(SPEEDS.length - 1, speedIndex + 1)]!),
        '-': () => s.setSpeed(SPEEDS[Math.max(0, speedIndex - 1)]!),
        m: () => s.setSlowMotion(!s.slowMotion),
        M: () => s.setSlowMotion(!s.slowMotion),
        '?': () => s.setHelpOpen(true),
      };
      const action = actions[e.key];
      if (!action) return;
      e.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
