import { CONSUMER_GROUP_STATES } from '../../store/consumer-protocol';
import { useMessages } from '../i18n';
import { groupOf } from '../select/views';
import { useSim } from '../StoreContext';

/** The classic coordinator's states, in the order a rebalance walks them (Dead shows only when reached). */
const CLASSIC_STATES = ['Empty', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead'] as const;

/**
 * The selected group's state machine with the current state lit, and its facts:
 * generation, leader, protocol, assignor. Under the consumer protocol (KIP-848): its own
 * states, the group epoch and the assignment epoch, and no leader (the broker assigns).
 */
export function GroupMachine() {
  const m = useMessages();
  const g = useSim((s) => {
    const v = groupOf(s);
    return {
      state: v.state,
      generation: v.generation,
      leader: v.leader,
      protocol: v.protocol,
      assignor: v.assignor,
      exists: v.exists,
      assignmentEpoch: v.assignmentEpoch,
    };
  });
  if (!g.exists) return null;
  const consumer = g.protocol === 'consumer';
  const states: readonly string[] = consumer ? CONSUMER_GROUP_STATES : CLASSIC_STATES;
  return (
    <section className="machine" aria-label={m.group.machine} data-testid="group-machine" data-state={g.state} data-protocol={g.protocol}>
      <ol className="machine-states">
        {states.filter((state) => state !== 'Dead' || g.state === 'Dead').map((state) => (
          <li key={state} className={`machine-state${state === g.state ? ' is-current' : ''}`} aria-current={state === g.state ? 'true' : undefined}>
            <span className="machine-name">{m.groupState(state)}</span>
          </li>
        ))}
      </ol>
      <p className="machine-what">{m.groupStates[g.state] ?? g.state}</p>
      <dl className="machine-facts">
        {consumer ? (
          <>
            <div>
              <dt>{m.group.groupEpoch}</dt>
              <dd className="num" data-testid="group-epoch">
                {g.generation}
              </dd>
            </div>
            <div>
              <dt>{m.group.assignmentEpoch}</dt>
              <dd className="num" data-testid="assignment-epoch">
                {g.assignmentEpoch ?? m.group.noLeader}
              </dd>
            </div>
          </>
        ) : (
          <>
            <div>
              <dt>{m.group.generation}</dt>
              <dd className="num">{g.generation}</dd>
            </div>
            <div>
              <dt>{m.group.leader}</dt>
              <dd>{g.leader ?? m.group.noLeader}</dd>
            </div>
          </>
        )}
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
