import type { ConsumerStatus } from '../engine/types';
import { Icon } from './Icon';
import { useSim } from './StoreContext';

/** Crash (die silently), Close (leave politely) and Restart, named for the consumer they act on. */
export function ConsumerActions({ id, status }: { id: string; status: ConsumerStatus }) {
  const { crashConsumer, closeConsumer, restartConsumer } = useSim((s) => ({
    crashConsumer: s.crashConsumer,
    closeConsumer: s.closeConsumer,
    restartConsumer: s.restartConsumer,
  }));
  const alive = status === 'running' || status === 'stalled';
  return (
    <div className="card-actions">
      {alive ? (
        <>
          <button
            type="button"
            className="btn btn-small btn-danger"
            onClick={() => crashConsumer(id)}
            aria-label={`Crash ${id}`}
            title="Kill the process: no LeaveGroup, no commit"
          >
            <Icon name="crash" />
            <span aria-hidden="true">Crash</span>
          </button>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => closeConsumer(id)}
            aria-label={`Close ${id}`}
            title="close(): final commit, then LeaveGroup"
          >
            <Icon name="power" />
            <span aria-hidden="true">Close</span>
          </button>
        </>
      ) : (
        <button
          type="button"
          className="btn btn-small"
          onClick={() => restartConsumer(id)}
          aria-label={`Restart ${id}`}
          title="Start a new process with the same id and config"
        >
          <Icon name="restart" />
          <span aria-hidden="true">Restart</span>
        </button>
      )}
    </div>
  );
}
