import { useMemo } from 'react';
import { explainLedger, type LedgerMark } from '../../store/ledger-causes';
import { useSim, useSimStore } from '../StoreContext';

/** How many ranges get their cause looked up: the ones the list shows. */
export const EXPLAINED_MARKS = 8;

const NONE: LedgerMark[] = [];
/** The last answer, shared by every component asking while nothing it depends on changed. */
const last = { counts: '', second: -1, bands: null as unknown, marks: NONE };

function cached(counts: string, second: number, bands: unknown, compute: () => LedgerMark[]): LedgerMark[] {
  const changed = last.counts !== counts;
  const otherGroup = last.counts.split('|')[0] !== counts.split('|')[0];
  // While records are being processed again the counts move every frame: refresh at most once
  // a virtual second then (a rewind, which rebuilds the bands, refreshes at once).
  if (changed && (otherGroup || last.second !== second || last.bands !== bands)) Object.assign(last, { counts, second, bands, marks: compute() });
  return last.marks;
}

/** Whether a group with these counts has any range processed twice, lost or skipped. */
function hasMarks(counts: string): boolean {
  return counts !== '' && !counts.endsWith('|0|0|0');
}

/**
 * The selected group's processed-twice, lost and skipped ranges with their causes, from the
 * engine's ledger. Ranges only change when one of the group's counts does (or a rewind
 * rebuilds the frame), so they are read and explained then, once for every component.
 */
export function useLedgerMarks(): LedgerMark[] {
  const store = useSimStore();
  const { counts, second, bands } = useSim((s) => {
    const p = s.frame.snapshot.groups[s.selectedGroup]?.processed;
    const counts = p ? `${s.selectedGroup}|${p.duplicates}|${p.lost}|${p.skipped}` : '';
    return {
      counts,
      // The second matters only while the counts move: read otherwise, it would re-render the
      // readers of the marks (a whole panel) every frame at high speed.
      second: !hasMarks(counts) || counts === last.counts ? last.second : Math.floor(s.frame.snapshot.now / 1000),
      bands: s.frame.bands,
    };
  });
  return useMemo(() => {
    if (!hasMarks(counts)) return NONE;
    return cached(counts, second, bands, () => {
      const state = store.getState();
      return explainLedger(state.selectedGroup, state.ledgerRanges(state.selectedGroup), state.engineEvents(), EXPLAINED_MARKS);
    });
  }, [store, counts, second, bands]);
}
