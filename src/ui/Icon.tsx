/** The few line icons the page uses (decorative: buttons carry their own names). */
export type IconName =
  | 'play' | 'pause' | 'step' | 'reset' | 'plus' | 'close' | 'crash' | 'restart' | 'power' | 'info'
  | 'next' | 'phase' | 'skip' | 'stall' | 'inspect' | 'keyboard' | 'sun' | 'moon' | 'refresh';

const PATHS: Record<IconName, string> = {
  play: 'M6 4.5v11l9-5.5z',
  pause: 'M6 4.5h3v11H6zM11 4.5h3v11h-3z',
  step: 'M5 4.5v11l7.5-5.5zM13.5 4.5h2v11h-2z',
  reset: 'M4.5 10a5.5 5.5 0 1 0 1.7-4M4.5 3.5v3h3',
  plus: 'M10 4.5v11M4.5 10h11',
  close: 'M5.5 5.5l9 9M14.5 5.5l-9 9',
  crash: 'M11 3.5 5.5 11H10l-1 5.5 5.5-7.5H10z',
  restart: 'M15.5 10a5.5 5.5 0 1 1-1.7-4M15.5 3.5v3h-3',
  power: 'M10 3.5v6M6.2 6a5.5 5.5 0 1 0 7.6 0',
  info: 'M10 3a7 7 0 1 0 0 14 7 7 0 1 0 0-14zM10 9.25v4.5M10 6.4v.1',
  next: 'M4 10h9M10 6l4 4-4 4M16 5v10',
  phase: 'M3.5 10h3M8.5 10h3M13.5 10h3M15 7l2 3-2 3',
  skip: 'M4 5l5 5-5 5M10 5l5 5-5 5',
  stall: 'M7 5v10M13 5v10',
  inspect: 'M9 4a5 5 0 1 0 0 10 5 5 0 1 0 0-10zM12.8 12.8 16 16',
  keyboard: 'M3 6h14v8H3zM6 9h.01M9 9h.01M12 9h.01M15 9h.01M7 12h6',
  sun: 'M10 6.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 1 0 0-7zM10 2.5v1.5M10 16v1.5M2.5 10H4M16 10h1.5M4.7 4.7l1 1M14.3 14.3l1 1M4.7 15.3l1-1M14.3 5.7l1-1',
  moon: 'M15.5 12.5A6 6 0 0 1 7.5 4.5a6 6 0 1 0 8 8z',
  refresh: 'M15 7.5A5.5 5.5 0 0 0 4.7 8M5 12.5A5.5 5.5 0 0 0 15.3 12M15.5 3.5v4h-4M4.5 16.5v-4h4',
};

const FILLED: ReadonlySet<IconName> = new Set(['play', 'pause', 'step', 'crash']);

export function Icon({ name }: { name: IconName }) {
  const filled = FILLED.has(name);
  return (
    <svg className="icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <path
        d={PATHS[name]}
        fill={filled ? 'currentColor' : 'none'}
        stroke={filled ? 'none' : 'currentColor'}
        strokeWidth="1.75"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
