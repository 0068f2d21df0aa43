import { motion } from 'framer-motion';
import type { CSSProperties } from 'react';
import { selectGivenUp } from '../store/requests';
import type { SimulationState } from '../store/simulation-store';
import { ConsumerActions } from './ConsumerActions';
import { ConsumerActivity } from './ConsumerActivity';
import { CountdownRings } from './consumer/CountdownRings';
import { consumerColorVar } from './format/consumer-colors';
import { deepEqual } from './format/equal';
import { idList } from './format/ids';
import { HeartbeatPulse } from './HeartbeatPulse';
import { useMessages } from './i18n';
import { PartitionChip } from './PartitionChip';
import { chipPlacementOf, colorSlotsOf, consumersOf } from './select/views';
import { useSim } from './StoreContext';

/**
 * What the card's structure depends on. It changes on protocol steps, not every frame, so
 * the card (a framer-motion layout node) re-renders, and is re-measured, only then; the
 * per-frame parts (heartbeat, activity, rings) subscribe on their own.
 */
function cardShape(s: SimulationState, id: string) {
  const view = consumersOf(s).find((c) => c.id === id);
  if (!view) return null;
  const given = selectGivenUp(s.frame.events, id);
  return {
    status: view.status,
    phase: view.phase,
    idle: view.idle,
    isLeader: view.isLeader,
    isMember: view.isMember,
    memberId: view.memberId,
    instanceId: view.instanceId,
    generation: view.generation,
    commit: view.commit,
    coordinator: view.coordinator,
    pattern: view.pattern,
    patternUnmatched: view.patternTopics !== null && view.patternTopics.length === 0,
    subscriptionPattern: view.subscriptionPattern,
    memberEpoch: view.memberEpoch,
    memberState: view.memberState,
    toReceive: view.toReceive,
    toRelease: view.toRelease,
    grouped: view.phase !== 'standalone' && view.phase !== 'none',
    owned: idList(view.owned),
    chips: chipPlacementOf(s).byConsumer[id] ?? [],
    revoked: given.revoked.filter((p) => !view.owned.includes(p)),
    lost: given.lost.filter((p) => !view.owned.includes(p)),
    slot: colorSlotsOf(s)[id],
  };
}

/** One consumer: identity, protocol phase, liveness, what it owns and gave up, and what you can do to it. */
export function ConsumerCard({ id }: { id: string }) {
  const m = useMessages().consumer;
  const card = useSim((s) => cardShape(s, id), deepEqual);
  if (!card) return null;
  const alive = card.status === 'running' || card.status === 'stalled';
  const style = { '--c': consumerColorVar(card.slot) } as CSSProperties;
  return (
    <motion.li
      layout="position"
      className={`consumer-card status-${card.status}${card.idle ? ' is-idle' : ''}${alive && card.phase !== 'stable' && card.phase !== 'standalone' ? ' is-rebalancing' : ''}`}
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
        {card.isLeader && <span className="badge badge-leader">{m.leader}</span>}
        {card.instanceId !== null && (
          <span className="badge badge-static" title={m.staticTitle(card.instanceId)} data-testid={`static-${id}`}>
            {m.static}
          </span>
        )}
        <LiveHeartbeat id={id} alive={alive} />
        <span className={`badge status-pill status-pill-${card.status}`}>{m.status[card.status] ?? card.status}</span>
      </div>
      <div className="card-meta">
        {card.memberId !== null && (
          <span className="card-member" title={card.memberId}>
            {m.memberId} <code>{shortMemberId(card.memberId)}</code>
          </span>
        )}
        {card.pattern !== null && (
          <span
            className="card-pattern"
            data-testid={`pattern-${id}`}
            data-pattern={card.pattern}
            data-unmatched={card.patternUnmatched ? 'true' : 'false'}
            title={card.patternUnmatched ? m.patternUnmatchedTitle : m.patternTitle}
          >
            <code>{card.pattern}</code>
            {card.patternUnmatched && ` ${m.patternUnmatched}`}
          </span>
        )}
        {card.subscriptionPattern !== null && (
          <span
            className="card-pattern"
            data-testid={`subscription-pattern-${id}`}
            data-pattern={card.subscriptionPattern}
            title={m.subscriptionPatternTitle}
          >
            <code>{card.subscriptionPattern}</code>
          </span>
        )}
        <span className="card-commit" data-testid={`commit-mode-${id}`}>
          {m.commitModes[card.commit] ?? card.commit}
        </span>
        {alive && card.grouped && (
          <span className="card-coordinator" data-testid={`consumer-coordinator-${id}`} data-broker={card.coordinator ?? ''}>
            {card.coordinator === null ? m.findingCoordinator : m.coordinator(card.coordinator)}
          </span>
        )}
      </div>
      <div className="card-state">
        <span className={`phase phase-${card.phase}`}>
          {phaseText(m, card.phase, alive, card.isMember)}
          {alive && card.isMember && card.memberEpoch === null && card.generation > 0 && (
            <span className="phase-gen">{m.generation(card.generation)}</span>
          )}
          {alive && card.memberEpoch !== null && (
            <span className="phase-gen" data-testid={`member-epoch-${id}`}>
              {m.memberEpoch(card.memberEpoch)}
            </span>
          )}
        </span>
        {alive && card.memberState !== null && (
          <span
            className={`badge member-state member-state-${card.memberState}`}
            data-testid={`member-state-${id}`}
            title={m.memberStates[card.memberState]}
          >
            {card.memberState}
          </span>
        )}
        <CountdownRings id={id} />
        {!card.idle && <LiveActivity id={id} />}
      </div>
      <div className="card-body">
        <ul className="chips" aria-label={m.partitionsOf(id)}>
          {card.chips.map((chip) => (
            <PartitionChip key={chip.partition} partition={chip.partition} slot={card.slot} stranded={chip.stranded} />
          ))}
        </ul>
        {card.chips.length === 0 && <OwnsNothing idle={card.idle} alive={alive} phase={card.phase} />}
        <ConsumerActions id={id} status={card.status} />
      </div>
      {alive && (card.toReceive.length > 0 || card.toRelease.length > 0) && (
        <div className="given-up target" data-testid={`target-${id}`}>
          {card.toRelease.length > 0 && (
            <span className="given-up-row">
              <span className="given-up-label">{m.toRelease}</span>
              {card.toRelease.map((p) => (
                <span key={p} className="ghost-chip">
                  {p}
                </span>
              ))}
            </span>
          )}
          {card.toReceive.length > 0 && (
            <span className="given-up-row">
              <span className="given-up-label">{m.toReceive}</span>
              {card.toReceive.map((p) => (
                <span key={p} className="ghost-chip is-incoming">
                  {p}
                </span>
              ))}
            </span>
          )}
        </div>
      )}
      {(card.revoked.length > 0 || card.lost.length > 0) && (
        <div className="given-up" data-testid={`given-up-${id}`}>
          {card.revoked.length > 0 && (
            <span className="given-up-row">
              <span className="given-up-label">{m.revoked}</span>
              {card.revoked.map((p) => (
                <span key={p} className="ghost-chip">
                  {p}
                </span>
              ))}
            </span>
          )}
          {card.lost.length > 0 && (
            <span className="given-up-row is-lost">
              <span className="given-up-label">{m.lost}</span>
              {card.lost.map((p) => (
                <span key={p} className="ghost-chip">
                  {p}
                </span>
              ))}
            </span>
          )}
        </div>
      )}
    </motion.li>
  );
}

/** Kafka's member ids are "client-id-<uuid>": the tail tells them apart. */
function shortMemberId(memberId: string): string {
  return memberId.length > 14 ? `…${memberId.slice(-8)}` : memberId;
}

function LiveHeartbeat({ id, alive }: { id: string; alive: boolean }) {
  const at = useSim((s) => consumersOf(s).find((c) => c.id === id)?.lastHeartbeatAt ?? null);
  return <HeartbeatPulse at={at} alive={alive} />;
}

function LiveActivity({ id }: { id: string }) {
  const { view, now } = useSim((s) => ({ view: consumersOf(s).find((c) => c.id === id), now: s.frame.snapshot.now }));
  return view ? <ConsumerActivity view={view} now={now} /> : null;
}

type ConsumerMessages = ReturnType<typeof useMessages>['consumer'];

/** The protocol phase, or for a dead process whether the coordinator still counts it. */
function phaseText(m: ConsumerMessages, phase: string, alive: boolean, isMember: boolean): string {
  if (!alive) return isMember ? m.stillMember : m.outOfGroup;
  return m.phase[phase] ?? m.phase.none!;
}

function OwnsNothing({ idle, alive, phase }: { idle: boolean; alive: boolean; phase: string }) {
  const m = useMessages().consumer;
  if (idle) {
    return (
      <span className="idle-marker" data-testid="idle-marker" title={m.idleTitle}>
        {m.idle}
      </span>
    );
  }
  if (!alive) return <span className="owns-nothing">{m.ownsNothing}</span>;
  return <span className="owns-nothing">{phase === 'stable' ? m.ownsNothing : m.awaiting}</span>;
}
