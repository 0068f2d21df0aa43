import { useId, useState, type FormEvent } from 'react';
import { useModalDialog } from '../useModalDialog';
import type { Command } from '../../engine/types';
import { BehaviourFields, behaviourCommand, type Behaviour } from './BehaviourFields';
import { Icon } from '../Icon';
import { useMessages } from '../i18n';
import { useSim, useSimStore } from '../StoreContext';

const PROTOCOLS = ['classic', 'consumer'] as const;
type How = 'subscribe' | 'pattern' | 'subscriptionPattern' | 'assign';
const HOWS: How[] = ['subscribe', 'pattern', 'subscriptionPattern', 'assign'];

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * A consumer of your choosing: its group (a new id makes a new group), how it reads
 * (a subscribe list, a regex its client matches, an RE2J regex the coordinator resolves under
 * group.protocol=consumer, or standalone assign of partitions), its commit strategy and
 * processing time. The engine validates; a refusal shows its message and adds nothing.
 */
export function AddConsumerDialog({ open, newGroup, onClose }: { open: boolean; newGroup: boolean; onClose: () => void }) {
  const m = useMessages().addConsumer;
  const dialog = useModalDialog(open);
  return (
    <dialog ref={dialog} className="about-dialog add-dialog" aria-label={m.title} onClose={onClose}>
      {open && <AddConsumerForm newGroup={newGroup} onClose={onClose} />}
    </dialog>
  );
}

/** The command's way to read: a topic list, a client-side regex, a broker-side regex, or manual partitions. */
function readWay(how: How, text: { topics: string; pattern: string; partitions: string }): Partial<Extract<Command, { type: 'addConsumer' }>> {
  switch (how) {
    case 'subscribe':
      return { subscribe: list(text.topics) };
    case 'pattern':
      return { pattern: text.pattern };
    case 'subscriptionPattern':
      return { subscriptionPattern: text.pattern };
    case 'assign':
      return { assign: list(text.partitions) };
  }
}

function AddConsumerForm({ newGroup, onClose }: { newGroup: boolean; onClose: () => void }) {
  const m = useMessages().addConsumer;
  const s = useSim(
    (st) => ({
      dispatch: st.dispatch,
      freshConsumerId: st.freshConsumerId,
      selectGroup: st.selectGroup,
      group: st.selectedGroup,
      topic: st.selectedTopic,
      groups: Object.keys(st.frame.snapshot.groups),
    }),
    () => true,
  );
  const store = useSimStore();
  const base = useId();
  const [id, setId] = useState(s.freshConsumerId);
  const [group, setGroup] = useState(newGroup ? nextGroupName(s.groups) : s.group);
  const [how, setHow] = useState<How>('subscribe');
  const [topics, setTopics] = useState(s.topic);
  const [pattern, setPattern] = useState(`${s.topic.split(/[-.]/)[0] ?? s.topic}.*`);
  const [partitions, setPartitions] = useState(`${s.topic}-0`);
  const [behaviour, setBehaviour] = useState<Behaviour>({ commit: 'auto', everyN: '1000', onRevoked: 'nothing' });
  const [protocol, setProtocol] = useState<(typeof PROTOCOLS)[number]>('classic');
  const [processingMs, setProcessingMs] = useState('25');
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const groupId = group.trim();
    const command: Extract<Command, { type: 'addConsumer' }> = {
      type: 'addConsumer',
      id: id.trim(),
      // Without a group.id a consumer cannot commit (Kafka refuses auto commit and commits then).
      ...(groupId !== '' ? { groupId, ...behaviourCommand(behaviour) } : {}),
      ...readWay(how, { topics, pattern, partitions }),
      processingMs: Number(processingMs),
      // classic is Kafka's default: only a change goes into the config.
      ...(protocol !== 'classic' ? { config: { 'group.protocol': protocol } } : {}),
    };
    if (s.dispatch(command)) {
      if (groupId !== '') s.selectGroup(groupId);
      onClose();
    } else {
      setError(store.getState().notice?.text ?? '');
    }
  };

  return (
    <>
      <div className="about-head">
        <h2 className="about-title">{m.title}</h2>
        <button type="button" className="btn btn-quiet btn-icon" onClick={onClose} aria-label={m.cancel}>
          <Icon name="close" />
        </button>
      </div>
      <form className="about-body config-form" onSubmit={submit} noValidate aria-invalid={error !== null}>
        <div className="config-row">
          <label htmlFor={`${base}-id`}>{m.id}</label>
          <input id={`${base}-id`} className="input" value={id} onChange={(e) => setId(e.target.value)} />
        </div>
        <div className="config-row">
          <label htmlFor={`${base}-group`}>{newGroup ? m.newGroup : m.group}</label>
          <input id={`${base}-group`} className="input" value={group} onChange={(e) => setGroup(e.target.value)} />
        </div>
        <fieldset className="config-row how">
          <legend>{m.how}</legend>
          {HOWS.map((h) => (
            <label key={h} className="radio">
              <input
                type="radio"
                name={`${base}-how`}
                value={h}
                checked={how === h}
                onChange={() => {
                  setHow(h);
                  // Only the consumer protocol sends a regex to the broker.
                  if (h === 'subscriptionPattern') setProtocol('consumer');
                }}
              />
              <code>{m[h]}</code>
            </label>
          ))}
        </fieldset>
        {how === 'subscribe' && (
          <div className="config-row">
            <label htmlFor={`${base}-topics`}>{m.topics}</label>
            <input id={`${base}-topics`} className="input" value={topics} onChange={(e) => setTopics(e.target.value)} />
          </div>
        )}
        {(how === 'pattern' || how === 'subscriptionPattern') && (
          <div className="config-row">
            <label htmlFor={`${base}-pattern`}>{m.regex}</label>
            <input id={`${base}-pattern`} className="input" value={pattern} onChange={(e) => setPattern(e.target.value)} />
          </div>
        )}
        {how === 'assign' && (
          <div className="config-row">
            <label htmlFor={`${base}-parts`}>{m.partitionsList}</label>
            <input id={`${base}-parts`} className="input" value={partitions} onChange={(e) => setPartitions(e.target.value)} />
          </div>
        )}
        {group.trim() !== '' && (
          <>
            <div className="config-row">
              <label htmlFor={`${base}-protocol`}>
                <code className="config-key">group.protocol</code>
              </label>
              <select
                id={`${base}-protocol`}
                className="select"
                value={protocol}
                onChange={(e) => setProtocol(e.target.value as (typeof PROTOCOLS)[number])}
              >
                {PROTOCOLS.map((p) => (
                  <option key={p} value={p}>
                    {p} · {m.protocols[p]}
                  </option>
                ))}
              </select>
            </div>
            <BehaviourFields base={base} value={behaviour} onChange={setBehaviour} />
          </>
        )}
        <div className="config-row">
          <label htmlFor={`${base}-proc`}>{m.processingMs}</label>
          <input id={`${base}-proc`} className="input input-num" type="number" min={0} value={processingMs} onChange={(e) => setProcessingMs(e.target.value)} />
        </div>
        {error !== null && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="config-actions">
          <button type="button" className="btn btn-quiet" onClick={onClose}>
            {m.cancel}
          </button>
          <button type="submit" className="btn btn-primary">
            {m.submit}
          </button>
        </div>
      </form>
    </>
  );
}

function nextGroupName(taken: string[]): string {
  for (let n = 2; ; n += 1) if (!taken.includes(`group-${n}`)) return `group-${n}`;
}
