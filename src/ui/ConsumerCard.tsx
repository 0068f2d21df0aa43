import { motion } from 'framer-motion';
import type { CSSProperties } from 'react';
import type { SimulationState } from '../store/simulation-store';
import { ConsumerActions } from './ConsumerActions';
import { ConsumerActivity } from './ConsumerActivity';
import { consumerColorVar } from './format/consumer-colors';
import { deepEqual } from './format/equal';
import { idList } from './format/ids';
import { HeartbeatPulse } from './HeartbeatPulse';
import { PartitionChip } from './PartitionChip';
import { chipPlacementOf, colorSlotsOf, consumersOf } from './select/views';
import { useSim } from './StoreContext';

const PHASE_LABEL: Record<string, string> = {
  joining: 'joining',
  syncing: 'syncing',
  stable: 'stable',
  standalone: 'standalone',
};

/**
 * What the card's structure depends on. It changes on protocol steps, not every frame, so
 * the card (a framer-motion layout node) re-renders, and is re-measured, only then; the
 * per-frame parts (heartbeat, activity) subscribe on their own.
 */
function cardShape(s: SimulationState, id: string) {
  const view = consumersOf(s).find((c) => c.id === id);
  if (!view) return null;
  return {
    status: view.status,
    phase: view.phase,
    idle: view.idle,
    isLeader: view.isLeader,
    isMember: view.isMember,
    generation: view.generation,
    owned: idList(view.owned),
    chips: chipPlacementOf(s).byConsumer[id] ?? [],
    slot: colorSlotsOf(s)[id],
  };
}

/** One consumer: identity, protocol phase, liveness, what it owns, and what you can do to it. */
export function ConsumerCard({ id }: { id: string }) {
  const card = useSim((s) => cardShape(s, id), deepEqual);
  if (!card) return null;
  const alive = card.status === 'running' || card.status === 'stalled';
  const style = { '--c': consumerColorVar(card.slot) } as CSSProperties;
  return (
    <motion.li
      layout="position"
      className={`consumer-card status-${card.status}${card.idle ? ' is-idle' : ''}`}
      style={style}
      data-testid={`consumer-${id}`}
      data-status={card.status}
      data-phase={card.phase}
      data-idle={card.idle ? 'true' : 'false'}
      data-owned={card.owned}
      aria-label={id}
    >
      <div className="card-top">
        <span className="card-swatch" aria-hidden="true" />
        <h3 className="card-id">{id}</h3>
        {card.isLeader && <span className="badge badge-leader">Leader</span>}
        <LiveHeartbeat id={id} alive={alive} />
        <span className={`badge status-pill status-pill-${card.status}`}>{card.status}</span>
      </div>
      <div className="card-state">
        <span className={`phase phase-${card.phase}`}>
          {phaseText(card.phase, alive, card.isMember)}
          {alive && card.isMember && card.generation > 0 && (
            <span className="phase-gen">
              {' '}
              · generation <span className="num">{card.generation}</span>
            </span>
          )}
        </span>
        {!card.idle && <LiveActivity id={id} />}
      </div>
      <div className="card-body">
        <ul className="chips" aria-label={`Partitions of ${id}`}>
          {card.chips.map((chip) => (
            <PartitionChip key={chip.partition} partition={chip.partition} slot={card.slot} stranded={chip.stranded} />
          ))}
        </ul>
        {card.chips.length === 0 && <OwnsNothing idle={card.idle} alive={alive} phase={card.phase} />}
        <ConsumerActions id={id} status={card.status} />
      </div>
    </motion.li>
  );
}

function LiveHeartbeat({ id, alive }: { id: string; alive: boolean }) {
  const at = useSim((s) => consumersOf(s).find((c) => c.id === id)?.lastHeartbeatAt ?? null);
  return <HeartbeatPulse at={at} alive={alive} />;
}

function LiveActivity({ id }: { id: string }) {
  const { view, now } = useSim((s) => ({ view: consumersOf(s).find((c) => c.id === id), now: s.frame.snapshot.now }));
  return view ? <ConsumerActivity view={view} now={now} /> : null;
}

/** The protocol phase, or for a dead process whether the coordinator still counts it. */
function phaseText(phase: string, alive: boolean, isMember: boolean): string {
  if (!alive) return isMember ? 'still a member' : 'out of the group';
  return PHASE_LABEL[phase] ?? 'not in a group';
}

function OwnsNothing({ idle, alive, phase }: { idle: boolean; alive: boolean; phase: string }) {
  if (idle) {
    return (
      <span
        className="idle-marker"
        data-testid="idle-marker"
        title="More consumers than partitions: the assignor has nothing left to give this one"
      >
        idle: nothing to own
      </span>
    );
  }
  if (!alive) return <span className="owns-nothing">owns nothing</span>;
  return <span className="owns-nothing">{phase === 'stable' ? 'owns nothing' : 'awaiting assignment'}</span>;
}
