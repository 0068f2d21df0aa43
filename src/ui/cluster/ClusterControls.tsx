import { useId, useState, type FormEvent } from 'react';
import { useMessages } from '../i18n';
import { useSim } from '../StoreContext';

/**
 * What the cluster can be told: create a topic, add partitions (the new total: Kafka never
 * removes any), set a topic's producer rate and record size (what the fetch.*.bytes limits count),
 * and choose how consumers are simulated (setConsumptionModel). The engine validates; a refusal shows its words.
 */
export function ClusterControls() {
  const m = useMessages().cluster;
  const { dispatch, topic, topics, partitions, rate, selectTopic, model } = useSim((s) => {
    const t = s.frame.snapshot.topics[s.selectedTopic];
    return {
      dispatch: s.dispatch,
      model: s.frame.snapshot.consumptionModel ?? 'discrete',
      topic: s.selectedTopic,
      topics: Object.keys(s.frame.snapshot.topics).sort().join(' '),
      partitions: t?.partitions.length ?? 0,
      rate: t?.producerRate ?? 0,
      selectTopic: s.selectTopic,
    };
  });
  const ids = { name: useId(), count: useId(), total: useId(), rate: useId(), bytes: useId(), model: useId(), modelHint: useId() };
  const [name, setName] = useState('payments');
  const [count, setCount] = useState('6');
  const [total, setTotal] = useState('');
  const [newRate, setNewRate] = useState('');
  const [bytes, setBytes] = useState('');

  const create = (e: FormEvent) => {
    e.preventDefault();
    if (dispatch({ type: 'createTopic', topic: name.trim(), partitions: Number(count) })) selectTopic(name.trim());
  };
  const grow = (e: FormEvent) => {
    e.preventDefault();
    if (dispatch({ type: 'addPartitions', topic, partitions: Number(total || partitions + 1) })) setTotal('');
  };
  const setProducer = (e: FormEvent) => {
    e.preventDefault();
    const size = bytes.trim() === '' ? {} : { recordBytes: Number(bytes) };
    if (dispatch({ type: 'setProducer', topic, rate: Number(newRate === '' ? rate : newRate), ...size })) {
      setNewRate('');
      setBytes('');
    }
  };

  return (
    <details className="cluster" data-testid="cluster-controls">
      <summary className="cluster-summary">
        <span className="section-title">{m.title}</span>
        <span className="muted">{m.eyebrow}</span>
      </summary>
      <div className="cluster-forms">
        <form className="mini-form" noValidate onSubmit={create} aria-label={m.createTopic}>
          <label htmlFor={ids.name}>{m.topicName}</label>
          <input id={ids.name} className="input" value={name} onChange={(e) => setName(e.target.value)} />
          <label htmlFor={ids.count}>{m.partitions}</label>
          <input id={ids.count} className="input input-num" type="number" min={1} value={count} onChange={(e) => setCount(e.target.value)} />
          <button type="submit" className="btn btn-small">
            {m.createTopic}
          </button>
        </form>
        {topics !== '' && (
          <>
            <form className="mini-form" noValidate onSubmit={grow} aria-label={m.addPartitions}>
              <label htmlFor={ids.total}>
                {m.newTotal} ({topic})
              </label>
              <input
                id={ids.total}
                className="input input-num"
                type="number"
                min={partitions + 1}
                placeholder={String(partitions + 1)}
                value={total}
                onChange={(e) => setTotal(e.target.value)}
              />
              <button type="submit" className="btn btn-small">
                {m.addPartitions}
              </button>
            </form>
            <form className="mini-form" noValidate onSubmit={setProducer} aria-label={m.setRate}>
              <label htmlFor={ids.rate}>
                {m.rate} ({topic})
              </label>
              <input
                id={ids.rate}
                className="input input-num"
                type="number"
                min={0}
                placeholder={String(rate)}
                value={newRate}
                onChange={(e) => setNewRate(e.target.value)}
              />
              <label htmlFor={ids.bytes}>{m.recordBytes}</label>
              <input
                id={ids.bytes}
                className="input input-num"
                type="number"
                min={1}
                placeholder="1024"
                value={bytes}
                onChange={(e) => setBytes(e.target.value)}
              />
              <button type="submit" className="btn btn-small">
                {m.setRate}
              </button>
            </form>
          </>
        )}
        <div className="mini-form">
          <label htmlFor={ids.model}>{m.model}</label>
          <select
            id={ids.model}
            className="input"
            data-testid="consumption-model"
            aria-describedby={ids.modelHint}
            value={model}
            onChange={(e) => dispatch({ type: 'setConsumptionModel', model: e.target.value as 'discrete' | 'analytic' })}
          >
            <option value="discrete">{m.models.discrete}</option>
            <option value="analytic">{m.models.analytic}</option>
          </select>
          <p id={ids.modelHint} className="muted mini-form-hint">
            {m.modelHint}
          </p>
        </div>
      </div>
    </details>
  );
}
