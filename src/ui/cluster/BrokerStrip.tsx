import { memo } from 'react';
import { selectBrokers, selectOrphanGroups, selectRecentMoves, type BrokerView, type CoordinatorMove } from '../../store/brokers';
import { deepEqual } from '../format/equal';
import { Icon } from '../Icon';
import { useMessages } from '../i18n';
import { useSim } from '../StoreContext';

/**
 * The cluster's brokers, up or down, each with the groups it coordinates. When a group's
 * coordinator moves (CoordinatorMoved) its badge lands on the new broker with a pulse, and
 * the broker says where it came from. (Not a framer-motion layoutId: one shared layout node
 * here made framer measure the whole page on every render.)
 */
/** Memoised: its parent re-renders every frame; it reads the store on its own. */
export const BrokerStrip = memo(function BrokerStrip() {
  const m = useMessages().brokers;
  const { brokers, orphans, moves, selected } = useSim(
    (s) => ({
      brokers: selectBrokers(s.frame.snapshot),
      orphans: selectOrphanGroups(s.frame.snapshot),
      moves: selectRecentMoves(s.frame.notable, s.frame.snapshot.now),
      selected: s.selectedGroup,
    }),
    deepEqual,
  );
  return (
    <section className="brokers" aria-label={m.label} data-testid="brokers">
      <h3 className="section-title">{m.title}</h3>
      <ul className="broker-list">
        {brokers.map((b) => (
          <Broker key={b.id} broker={b} moves={moves} selected={selected} />
        ))}
      </ul>
      {orphans.length > 0 && (
        <p className="broker-orphans" role="status" data-testid="orphan-groups">
          {m.orphans(orphans.join(', '))}
        </p>
      )}
    </section>
  );
});

function Broker({ broker: b, moves, selected }: { broker: BrokerView; moves: CoordinatorMove[]; selected: string }) {
  const m = useMessages().brokers;
  const { crashBroker, restartBroker } = useSim((s) => ({ crashBroker: s.crashBroker, restartBroker: s.restartBroker }));
  const arrived = moves.filter((mv) => mv.to === b.id);
  const up = b.status === 'up';
  return (
    <li className={`broker broker-${b.status}`} data-testid={`broker-${b.id}`} data-status={b.status} data-coordinates={b.coordinates.join(' ')}>
      <div className="broker-top">
        <span className="broker-name">{m.broker(b.id)}</span>
        <span className={`badge broker-pill broker-pill-${b.status}`}>{up ? m.up : m.down}</span>
        {up ? (
          <button type="button" className="btn btn-small btn-danger" onClick={() => crashBroker(b.id)} aria-label={m.crashOf(b.id)} title={m.crashTitle}>
            <Icon name="crash" />
            <span aria-hidden="true">{m.crash}</span>
          </button>
        ) : (
          <button type="button" className="btn btn-small" onClick={() => restartBroker(b.id)} aria-label={m.restartOf(b.id)} title={m.restartTitle}>
            <Icon name="restart" />
            <span aria-hidden="true">{m.restart}</span>
          </button>
        )}
      </div>
      {b.coordinates.length > 0 ? (
        <div className="broker-groups">
          <span className="muted">{m.coordinatorOf}</span>
          {b.coordinates.map((g) => (
            <span
              key={g}
              className={`coord-badge${g === selected ? ' is-selected' : ''}${arrived.some((mv) => mv.groupId === g) ? ' is-arrived' : ''}`}
              data-testid={`coordinator-badge-${g}`}
            >
              {g}
            </span>
          ))}
        </div>
      ) : (
        <div className="broker-groups muted">{m.coordinatesNothing}</div>
      )}
      {arrived.map((mv) => (
        <p key={mv.groupId} className="broker-moved" data-testid={`coordinator-moved-${mv.groupId}`}>
          {m.movedHere(mv.groupId, mv.from === null ? m.noBroker : m.broker(mv.from))}
        </p>
      ))}
    </li>
  );
}
