import { useEffect, useId } from 'react';
import { Icon } from './Icon';
import { useMessages } from './i18n';
import { useSim } from './StoreContext';

/**
 * Theme, large type (for the back of a room) and a colour-blind-safe palette, set on the
 * document root as data attributes the tokens read; and the keyboard-help button.
 */
export function DisplayPrefs() {
  const m = useMessages().prefs;
  const p = useSim((s) => ({
    theme: s.theme,
    largeType: s.largeType,
    palette: s.palette,
    setTheme: s.setTheme,
    setLargeType: s.setLargeType,
    setPalette: s.setPalette,
    setHelpOpen: s.setHelpOpen,
  }));
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = p.theme;
    root.dataset.type = p.largeType ? 'large' : 'normal';
    root.dataset.palette = p.palette;
  }, [p.theme, p.largeType, p.palette]);
  const ids = { theme: useId(), large: useId(), palette: useId() };
  return (
    <div className="prefs" role="group" aria-label={m.label}>
      <label className="switch switch-compact" htmlFor={ids.theme}>
        <input id={ids.theme} type="checkbox" role="switch" checked={p.theme === 'dark'} onChange={(e) => p.setTheme(e.target.checked ? 'dark' : 'light')} />
        <span className="switch-track" aria-hidden="true" />
        <span className="switch-label">{m.theme}</span>
      </label>
      <label className="switch switch-compact" htmlFor={ids.large}>
        <input id={ids.large} type="checkbox" role="switch" checked={p.largeType} onChange={(e) => p.setLargeType(e.target.checked)} />
        <span className="switch-track" aria-hidden="true" />
        <span className="switch-label">{m.largeType}</span>
      </label>
      <label className="switch switch-compact" htmlFor={ids.palette}>
        <input
          id={ids.palette}
          type="checkbox"
          role="switch"
          checked={p.palette === 'colorblind'}
          onChange={(e) => p.setPalette(e.target.checked ? 'colorblind' : 'standard')}
        />
        <span className="switch-track" aria-hidden="true" />
        <span className="switch-label">{m.palette}</span>
      </label>
      <button type="button" className="btn btn-quiet btn-icon" aria-label={m.help} title={m.help} onClick={() => p.setHelpOpen(true)}>
        <Icon name="keyboard" />
      </button>
    </div>
  );
}
