import { useId, useState, type FormEvent } from 'react';
import { useModalDialog } from '../useModalDialog';
import { Icon } from '../Icon';
import { useMessages } from '../i18n';
import { useSim } from '../StoreContext';
import { BehaviourFields, behaviourCommand, type Behaviour } from './BehaviourFields';
import { CONFIG_FIELDS, configFromForm, configValuesOf, keyInMessage } from './config-fields';

/**
 * The selected consumer's configs, commit strategy and processing time, editable. Kafka
 * fixes configs at creation, so applying adds a new consumer (the engine validates it:
 * its message shows beside the field it names, and nothing changes), then closes this one.
 * Also: stall its poll loop for N seconds.
 */
export function Inspector() {
  const m = useMessages();
  const id = useSim((s) => s.inspected);
  const close = useSim((s) => s.inspect);
  const dialog = useModalDialog(id !== null);
  return (
    <dialog ref={dialog} className="about-dialog inspector" aria-label={id ? m.inspector.title(id) : m.inspector.close} onClose={() => close(null)}>
      {id !== null && <InspectorBody key={id} id={id} onClose={() => close(null)} />}
    </dialog>
  );
}

function InspectorBody({ id, onClose }: { id: string; onClose: () => void }) {
  const m = useMessages();
  const store = useSim((s) => ({
    replaceConsumer: s.replaceConsumer,
    stallConsumer: s.stallConsumer,
    freshConsumerId: s.freshConsumerId,
    dismissNotice: s.dismissNotice,
    consumerCommand: s.consumerCommand,
  }));
  // Read once when opened: the form edits a copy, not the live frame.
  const initial = useSim(
    (s) => {
      const c = s.frame.snapshot.consumers[id];
      if (!c) return null;
      const group = c.groupId ? s.frame.snapshot.groups[c.groupId] : undefined;
      const made = s.consumerCommand(id);
      return {
        consumer: c,
        values: configValuesOf(c, group?.assignor, group?.protocol),
        behaviour: {
          commit: c.commit,
          everyN: String(made?.commitEveryRecords ?? 1000),
          onRevoked: made?.onRevoked ?? 'nothing',
        } satisfies Behaviour,
      };
    },
    () => true,
  );
  const [values, setValues] = useState(initial?.values ?? {});
  const [behaviour, setBehaviour] = useState<Behaviour>(initial?.behaviour ?? { commit: 'auto', everyN: '1000', onRevoked: 'nothing' });
  const [processingMs, setProcessingMs] = useState(String(initial?.consumer.processingMs ?? 0));
  const [newId, setNewId] = useState(() => `${id}-b`);
  const [stallS, setStallS] = useState('10');
  const [error, setError] = useState<{ key: string | null; text: string } | null>(null);
  const titleId = useId();
  if (!initial) return null;
  const c = initial.consumer;

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const { error: refused } = store.replaceConsumer(id, {
      type: 'addConsumer',
      id: newId.trim(),
      ...(c.groupId !== null ? { groupId: c.groupId } : {}),
      ...(c.pattern !== null ? { pattern: c.pattern } : c.subscription.length > 0 ? { subscribe: [...c.subscription] } : { assign: [...c.owned] }),
      config: configFromForm(values, initial.values),
      // A consumer without a group cannot commit: it keeps the engine's default.
      ...(c.groupId !== null ? behaviourCommand(behaviour) : {}),
      processingMs: Number(processingMs),
    });
    if (refused === null) {
      onClose();
      return;
    }
    // The engine's own words, next to the key they name; the banner says it too.
    setError({ key: keyInMessage(refused), text: refused });
  };

  return (
    <>
      <div className="about-head">
        <h2 id={titleId} className="about-title">
          {m.inspector.title(id)}
        </h2>
        <button type="button" className="btn btn-quiet btn-icon" onClick={onClose} aria-label={m.inspector.close}>
          <Icon name="close" />
        </button>
      </div>
      <div className="about-body inspector-body">
        <form className="stall-form" noValidate onSubmit={(e) => (e.preventDefault(), store.stallConsumer(id, Number(stallS) * 1000))}>
          <label htmlFor={`${titleId}-stall`}>{m.consumer.stallSeconds(id)}</label>
          <input id={`${titleId}-stall`} className="input input-num" type="number" min={1} value={stallS} onChange={(e) => setStallS(e.target.value)} />
          <button type="submit" className="btn btn-small" title={m.consumer.stallTitle}>
            <Icon name="stall" />
            <span>{m.consumer.stallOf(id)}</span>
          </button>
        </form>
        <p className="inspector-intro">{m.inspector.intro}</p>
        <form className="config-form" onSubmit={apply} noValidate>
          <div className="config-row">
            <label htmlFor={`${titleId}-id`}>{m.inspector.newId}</label>
            <input id={`${titleId}-id`} className="input" value={newId} onChange={(e) => setNewId(e.target.value)} />
          </div>
          {c.groupId !== null && <BehaviourFields base={titleId} value={behaviour} onChange={setBehaviour} />}
          <div className="config-row">
            <label htmlFor={`${titleId}-proc`}>{m.addConsumer.processingMs}</label>
            <input id={`${titleId}-proc`} className="input input-num" type="number" min={0} value={processingMs} onChange={(e) => setProcessingMs(e.target.value)} />
          </div>
          {CONFIG_FIELDS.map((field) => {
            const fieldId = `${titleId}-${field.key}`;
            const invalid = error?.key === field.key;
            return (
              <div className={`config-row${invalid ? ' is-invalid' : ''}`} key={field.key}>
                <label htmlFor={fieldId}>
                  <code className="config-key">{field.key}</code>
                </label>
                {field.kind === 'bool' || field.kind === 'enum' ? (
                  <select
                    id={fieldId}
                    className="select"
                    value={values[field.key] ?? ''}
                    aria-invalid={invalid}
                    onChange={(e) => setValues({ ...values, [field.key]: e.target.value })}
                  >
                    {(field.kind === 'bool' ? ['true', 'false'] : field.values!).map((v) => (
                      <option key={v} value={v}>
                        {v}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    id={fieldId}
                    className="input"
                    inputMode={field.kind === 'int' ? 'numeric' : 'text'}
                    value={values[field.key] ?? ''}
                    aria-invalid={invalid}
                    aria-describedby={invalid ? `${titleId}-error` : undefined}
                    onChange={(e) => setValues({ ...values, [field.key]: e.target.value })}
                  />
                )}
                {invalid && (
                  <p className="field-error" id={`${titleId}-error`} role="alert">
                    {error.text}
                  </p>
                )}
              </div>
            );
          })}
          {error && error.key === null && (
            <p className="field-error" role="alert">
              {m.inspector.invalid}
              {error.text}
            </p>
          )}
          <div className="config-actions">
            <button type="submit" className="btn btn-primary">
              {m.inspector.apply}
            </button>
          </div>
        </form>
      </div>
    </>
  );
}
