import { AboutSimulation } from './AboutSimulation';
import { DisplayPrefs } from './DisplayPrefs';
import { GroupStateBadge } from './GroupStateBadge';
import { useMessages } from './i18n';
import { useSim } from './StoreContext';

export function AppHeader() {
  const m = useMessages();
  const id = useSim((s) => s.scenario.id);
  const lesson = m.scenario[id as keyof typeof m.scenario] ?? m.scenario.default;
  return (
    <header className="app-header">
      <div className="brand">
        <BrandMark />
        <div className="brand-text">
          <h1 className="brand-name">{m.app.title}</h1>
          <p className="brand-scenario">
            <span className="visually-hidden">{m.app.scenarioLabel}</span>
            {lesson.title}
          </p>
        </div>
      </div>
      <GroupStateBadge />
      <div className="header-end">
        <DisplayPrefs />
        <AboutSimulation />
      </div>
    </header>
  );
}

/** Four stacked log bars: the topic, drawn as the page draws it. */
function BrandMark() {
  return (
    <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect x="3" y="5" width="26" height="4" rx="2" className="brand-mark-log" />
      <rect x="3" y="11" width="20" height="4" rx="2" className="brand-mark-log" />
      <rect x="3" y="17" width="24" height="4" rx="2" className="brand-mark-log" />
      <rect x="3" y="23" width="16" height="4" rx="2" className="brand-mark-log" />
      <rect x="25" y="4" width="3" height="24" rx="1.5" className="brand-mark-accent" />
    </svg>
  );
}
