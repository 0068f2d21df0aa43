/** The few line icons the page uses (decorative: buttons carry their own names). */
export type IconName = 'play' | 'pause' | 'step' | 'reset' | 'plus' | 'close' | 'crash' | 'restart' | 'power' | 'info';

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
