import type { Command, CommitStrategy, RevokeListener } from '../../engine/types';
import { useMessages } from '../i18n';

export const COMMITS: readonly CommitStrategy[] = ['auto', 'sync', 'async', 'async+sync', 'before-processing', 'every-n'];

/** How the simulated application behaves: its commit strategy and its rebalance listener. */
export interface Behaviour {
  commit: CommitStrategy;
  /** With 'every-n': records between two commitAsync calls (text as typed). */
  everyN: string;
  onRevoked: RevokeListener;
}

/** The addConsumer fields a behaviour sets (commitEveryRecords only with every-n). */
export function behaviourCommand(b: Behaviour): Pick<Extract<Command, { type: 'addConsumer' }>, 'commit' | 'commitEveryRecords' | 'onRevoked'> {
  return {
    commit: b.commit,
    ...(b.commit === 'every-n' ? { commitEveryRecords: Number(b.everyN) } : {}),
    onRevoked: b.onRevoked,
  };
}

/**
 * Commit strategy (every-n with its count), and what onPartitionsRevoked does (commitSync
 * or nothing). The engine validates the values; its message names the field.
 */
export function BehaviourFields({ base, value, onChange }: { base: string; value: Behaviour; onChange: (b: Behaviour) => void }) {
  const m = useMessages();
  return (
    <>
      <div className="config-row">
        <label htmlFor={`${base}-commit`}>{m.addConsumer.commit}</label>
        <select
          id={`${base}-commit`}
          className="select"
          value={value.commit}
          onChange={(e) => onChange({ ...value, commit: e.target.value as CommitStrategy })}
        >
          {COMMITS.map((k) => (
            <option key={k} value={k}>
              {k} · {m.consumer.commitModes[k]}
            </option>
          ))}
        </select>
      </div>
      {value.commit === 'every-n' && (
        <div className="config-row">
          <label htmlFor={`${base}-every`}>{m.addConsumer.everyN}</label>
          <input
            id={`${base}-every`}
            className="input input-num"
            type="number"
            min={1}
            value={value.everyN}
            onChange={(e) => onChange({ ...value, everyN: e.target.value })}
          />
        </div>
      )}
      <div className="config-row">
        <label htmlFor={`${base}-revoked`}>{m.addConsumer.onRevoked}</label>
        <select
          id={`${base}-revoked`}
          className="select"
          value={value.onRevoked}
          onChange={(e) => onChange({ ...value, onRevoked: e.target.value as RevokeListener })}
        >
          <option value="nothing">{m.addConsumer.onRevokedNothing}</option>
          <option value="commit">{m.addConsumer.onRevokedCommit}</option>
        </select>
      </div>
    </>
  );
}
