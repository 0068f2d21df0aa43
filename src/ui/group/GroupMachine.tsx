import { useMessages } from '../i18n';
import { groupOf } from '../select/views';
import { useSim } from '../StoreContext';

/** The classic coordinator's states, in the order a rebalance walks them (Dead shows only when reached). */
const STATES = ['Empty', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead'] as const;

/**
 * The selected group's state machine with the current state lit, and its facts:
 * generation, leader, protocol, assignor.
 */
export function GroupMachine() {
  const m = useMessages();
  const g = useSim((s) => {
    const v = groupOf(s);
    return { state: v.state, generation: v.generation, leader: v.leader, protocol: v.protocol, assignor: v.assignor, exists: v.exists };
  });
  if (!g.exists) return null;
  return (
    <section className="machine" aria-label={m.group.machine} data-testid="group-machine" data-state={g.state}>
      <ol className="machine-states">
        {STATES.filter((state) => state !== 'Dead' || g.state === 'Dead').map((state) => (
          <li key={state} className={`machine-state${state === g.state ? ' is-current' : ''}`} aria-current={state === g.state ? 'true' : undefined}>
            <span className="machine-name">{m.groupState(state)}</span>
          </li>
        ))}
      </ol>
      <p className="machine-what">{m.groupStates[g.state] ?? g.state}</p>
      <dl className="machine-facts">
        <div>
          <dt>{m.group.generation}</dt>
          <dd className="num">{g.generation}</dd>
        </div>
        <div>
          <dt>{m.group.leader}</dt>
          <dd>{g.leader ?? m.group.noLeader}</dd>
        </div>
        <div>
          <dt>{m.group.protocol}</dt>
          <dd>{g.protocol}</dd>
        </div>
        <div>
          <dt>{m.group.assignor}</dt>
          <dd>{g.assignor}</dd>
        </div>
      </dl>
    </section>
  );
}
