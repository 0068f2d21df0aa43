import { stateTone } from './group/GroupTabs';
import { useMessages } from './i18n';
import { groupOf } from './select/views';
import { useSim } from './StoreContext';

/** The selected group's name, coordinator state and generation, always in view. */
export function GroupStateBadge() {
  const m = useMessages();
  const { id, state, generation, protocol, assignor } = useSim((s) => {
    const g = groupOf(s);
    return { id: g.id, state: g.state, generation: g.generation, protocol: g.protocol, assignor: g.assignor };
  });
  return (
    <div className="group-badge" role="group" aria-label={m.group.badge(id)}>
      <div className="group-badge-name">
        <span className="eyebrow">{m.group.badgeEyebrow}</span>
        <span className="group-badge-id">{id}</span>
      </div>
      <span className={`state-pill state-${stateTone(state)}`} aria-live="polite">
        <span className="state-dot" aria-hidden="true" />
        <span data-testid="group-state">{m.groupState(state)}</span>
      </span>
      <dl className="group-badge-facts">
        <div>
          <dt>{protocol === 'consumer' ? m.group.groupEpoch : m.group.generation}</dt>
          <dd data-testid="group-generation" className="num">
            {generation}
          </dd>
        </div>
        <div>
          <dt>{m.group.protocol}</dt>
          <dd>
            {protocol} · {assignor}
          </dd>
        </div>
      </dl>
    </div>
  );
}
