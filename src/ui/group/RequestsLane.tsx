import { AnimatePresence, motion } from 'framer-motion';
import type { RequestInFlight } from '../../store/requests';
import { consumerIdsOf, requestsOf } from '../select/views';
import { MATRIX_MEMBERS } from '../matrix/thresholds';
import { deepEqual } from '../format/equal';
import { useMessages } from '../i18n';
import { useSim } from '../StoreContext';

/**
 * Requests between the group's members and the coordinator, drawn while in flight: each a
 * message travelling from its sender toward the coordinator. They come from the engine's
 * *Sent events and go when the answer's event arrives; slow motion keeps them on screen.
 */
export function RequestsLane() {
  const m = useMessages().requests;
  const mb = useMessages().brokers;
  const coordinator = useSim((s) => s.frame.snapshot.groups[s.selectedGroup]?.coordinator ?? null);
  const all = useSim(
    requestsOf,
    (a, b) => deepEqual(a.map((r) => r.key), b.map((r) => r.key)),
  );
  const many = useSim((s) => consumerIdsOf(s).length > MATRIX_MEMBERS);
  // A big group sends hundreds at once: the newest few, then how many more.
  const requests = all.slice(-SHOWN);
  const more = all.length - requests.length;
  return (
    <section className="requests" aria-label={m.label} data-testid="requests-in-flight">
      <span className="requests-coordinator" data-testid="group-coordinator" data-broker={coordinator ?? ''}>
        {coordinator === null ? mb.coordinatorNone : mb.coordinatorIs(coordinator)}
      </span>
      <ul className="requests-list">
        {many ? (
          // A big group's requests come and go dozens a second: a CSS fade-in, not an animation per item in script.
          requests.map((r) => <PlainRequest key={r.key} request={r} />)
        ) : (
          <AnimatePresence initial={false}>
            {requests.map((r) => (
              <Request key={r.key} request={r} />
            ))}
          </AnimatePresence>
        )}
      </ul>
      {more > 0 && <span className="requests-more muted">{m.more(more)}</span>}
      {requests.length === 0 && <span className="requests-none muted">{m.none}</span>}
    </section>
  );
}

const SHOWN = 12;

function Request({ request: r }: { request: RequestInFlight }) {
  return (
    <motion.li
      className={`request request-${r.kind}`}
      data-testid={`request-${r.kind}-${r.consumerId}`}
      initial={{ opacity: 0, x: 24 }}
      animate={{ opacity: 1, x: 0 }}
      exit={{ opacity: 0, x: -24 }}
      transition={{ duration: 0.25 }}
    >
      <span className="request-kind">{r.kind}</span>
      <span className="request-from">← {r.consumerId}</span>
    </motion.li>
  );
}

function PlainRequest({ request: r }: { request: RequestInFlight }) {
  return (
    <li className={`request request-${r.kind} request-plain`} data-testid={`request-${r.kind}-${r.consumerId}`}>
      <span className="request-kind">{r.kind}</span>
      <span className="request-from">← {r.consumerId}</span>
    </li>
  );
}
