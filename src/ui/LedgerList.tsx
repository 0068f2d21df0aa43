import { memo } from 'react';
import type { LedgerCause, LedgerMark } from '../store/ledger-causes';
import { formatCount, formatEventTime } from './format/time';
import { useMessages } from './i18n';
import { useSim } from './StoreContext';

import { EXPLAINED_MARKS } from './select/useLedgerMarks';

/** Past this many ranges the list says how many more (a long run can leave hundreds); these are the explained ones. */
const SHOWN = EXPLAINED_MARKS;

/**
 * The ranges the log bars mark, in words: which offsets were processed twice, lost or
 * skipped, and the event that caused each; a click on its time rewinds there.
 */
/** Memoised: its parent re-renders every frame; it reads the store on its own. */
export const LedgerList = memo(function LedgerList({ marks }: { marks: readonly LedgerMark[] }) {
  const m = useMessages().ledger;
  if (marks.length === 0) return null;
  const shown = marks.slice(0, SHOWN);
  return (
    <section className="ledger" aria-labelledby="ledger-heading" data-testid="ledger-list">
      <h3 id="ledger-heading" className="section-title">
        {m.title}
      </h3>
      <ul className="ledger-list">
        {shown.map((mk) => (
          <Item key={`${mk.kind}-${mk.partition}-${mk.from}`} mark={mk} />
        ))}
      </ul>
      {marks.length > shown.length && <p className="muted ledger-more">{m.more(marks.length - shown.length)}</p>}
    </section>
  );
});

function Item({ mark: mk }: { mark: LedgerMark }) {
  const m = useMessages().ledger;
  const range = m.range(formatCount(mk.from), formatCount(mk.to - 1), formatCount(mk.to - mk.from));
  const what = mk.kind === 'duplicate' ? m.duplicate(mk.times) : mk.kind === 'lost' ? m.lost : m.skipped;
  return (
    <li
      className={`ledger-item ledger-${mk.kind}`}
      data-testid={`ledger-${mk.kind}-${mk.partition}-${mk.from}`}
      data-partition={mk.partition}
      data-from={mk.from}
      data-to={mk.to}
      data-cause={mk.cause?.type ?? ''}
      data-cause-time={mk.cause?.time ?? ''}
    >
      <span className="ledger-swatch" aria-hidden="true" />
      <span className="ledger-text">
        <strong>{mk.partition}</strong> {range} {what}: {because(m, mk)}
        {mk.cause && <Jump cause={mk.cause} />}
        {mk.then && (
          <>
            {' '}
            {m.thenCrashed(mk.then.consumerId ?? '')}
            <Jump cause={mk.then} />
          </>
        )}
      </span>
    </li>
  );
}

type LedgerMessages = ReturnType<typeof useMessages>['ledger'];

function because(m: LedgerMessages, mk: LedgerMark): string {
  const c = mk.cause?.consumerId ?? mk.by ?? '';
  if (!mk.cause) return m.unknown;
  const sentence = m.cause[mk.cause.type];
  return sentence ? sentence(c) : mk.cause.type;
}

function Jump({ cause }: { cause: LedgerCause }) {
  const m = useMessages().ledger;
  const seekTo = useSim((s) => s.seekTo);
  const at = formatEventTime(cause.time);
  return (
    <button type="button" className="link-button num" onClick={() => seekTo(cause.time)} aria-label={m.jump(at)}>
      {at}
    </button>
  );
}
