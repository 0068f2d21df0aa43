import { animate, useReducedMotion } from 'framer-motion';
import { useEffect, useRef, useState } from 'react';
import { blendWindows, nextLogWindow, type LogExtent, type LogWindow } from './format/log-window';

/** How long the log window takes to glide to a new range. */
const GLIDE_S = 0.7;

/**
 * The offsets the log bars show, gliding when the window moves (see log-window.ts for when
 * it moves). With reduced motion the window jumps.
 */
export function useLogWindow({ maxEnd, minMark }: LogExtent): LogWindow {
  const reduceMotion = useReducedMotion();
  const [shown, setShown] = useState<LogWindow>(() => nextLogWindow(null, { maxEnd, minMark }));
  const target = useRef<LogWindow>(shown);
  const current = useRef<LogWindow>(shown);
  const glide = useRef<ReturnType<typeof animate> | null>(null);

  useEffect(() => {
    const next = nextLogWindow(target.current, { maxEnd, minMark });
    if (next === target.current) return;
    target.current = next;
    glide.current?.stop();
    const from = current.current;
    glide.current = animate(0, 1, {
      duration: reduceMotion ? 0 : GLIDE_S,
      ease: [0.22, 1, 0.36, 1],
      onUpdate: (t) => {
        current.current = blendWindows(from, next, t);
        setShown(current.current);
      },
    });
  }, [maxEnd, minMark, reduceMotion]);

  useEffect(() => () => glide.current?.stop(), []);
  return shown;
}
