import { groupOf } from './select/views';
import { useSim } from './StoreContext';

const TONE: Record<string, string> = {
  Stable: 'ok',
  PreparingRebalance: 'busy',
  CompletingRebalance: 'busy',
  Assigning: 'busy',
  Reconciling: 'busy',
  Empty: 'idle',
  Dead: 'danger',
};

/** The group's name, coordinator state and generation, always in view. */
export function GroupStateBadge() {
  const { id, state, generation, protocol, assignor } = useSim((s) => {
    const g = groupOf(s);
    return { id: g.id, state: g.state, generation: g.generation, protocol: g.protocol, assignor: g.assignor };
  });
  const tone = TONE[state] ?? 'idle';
  return (
    <div className="group-badge" role="group" aria-label={`Group ${id}`}>
      <div className="group-badge-name">
        <span className="eyebrow">Group</span>
        <span className="group-badge-id">{id}</span>
      </div>
      <span className={`state-pill state-${tone}`} aria-live="polite">
        <span className="state-dot" aria-hidden="true" />
        <span data-testid="group-state">{state}</span>
      </span>
      <dl className="group-badge-facts">
        <div>
          <dt>generation</dt>
          <dd data-testid="group-generation" className="num">
            {generation}
          </dd>
        </div>
        <div>
          <dt>protocol</dt>
          <dd>
            {protocol} · {assignor}
          </dd>
        </div>
      </dl>
    </div>
  );
}
