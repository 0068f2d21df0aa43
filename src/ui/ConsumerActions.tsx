import type { ConsumerStatus } from '../engine/types';
import { Icon } from './Icon';
import { useMessages } from './i18n';
import { useSim } from './StoreContext';

/** Crash (die silently), Close (leave politely), Restart, and the inspector, named for their consumer. */
export function ConsumerActions({ id, status }: { id: string; status: ConsumerStatus }) {
  const m = useMessages().consumer;
  const { crashConsumer, closeConsumer, restartConsumer, refreshMetadata, inspect } = useSim((s) => ({
    crashConsumer: s.crashConsumer,
    refreshMetadata: s.refreshMetadata,
    closeConsumer: s.closeConsumer,
    restartConsumer: s.restartConsumer,
    inspect: s.inspect,
  }));
  const alive = status === 'running' || status === 'stalled';
  return (
    <div className="card-actions">
      {alive ? (
        <>
          <button type="button" className="btn btn-small btn-danger" onClick={() => crashConsumer(id)} aria-label={m.crashOf(id)} title={m.crashTitle}>
            <Icon name="crash" />
            <span aria-hidden="true">{m.crash}</span>
          </button>
          <button type="button" className="btn btn-small" onClick={() => closeConsumer(id)} aria-label={m.closeOf(id)} title={m.closeTitle}>
            <Icon name="power" />
            <span aria-hidden="true">{m.close}</span>
          </button>
          <button type="button" className="btn btn-small btn-quiet" onClick={() => refreshMetadata(id)} aria-label={m.refreshOf(id)} title={m.refreshTitle}>
            <Icon name="refresh" />
          </button>
        </>
      ) : (
        <button type="button" className="btn btn-small" onClick={() => restartConsumer(id)} aria-label={m.restartOf(id)} title={m.restartTitle}>
          <Icon name="restart" />
          <span aria-hidden="true">{m.restart}</span>
        </button>
      )}
      <button type="button" className="btn btn-small btn-quiet" onClick={() => inspect(id)} aria-label={m.inspectOf(id)} title={m.inspect}>
        <Icon name="inspect" />
      </button>
    </div>
  );
}
