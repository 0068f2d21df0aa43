import { useMemo } from 'react';
import { explainLedger, type LedgerMark } from '../../store/ledger-causes';
import { useSim, useSimStore } from '../StoreContext';

const NONE: LedgerMark[] = [];
/** The last answer, shared by every component asking for the same key and frame history. */
const last: { key: string; bands: unknown; marks: LedgerMark[] } = { key: '', bands: null, marks: NONE };

function cached(key: string, bands: unknown, compute: () => LedgerMark[]): LedgerMark[] {
  if (last.key !== key || last.bands !== bands) Object.assign(last, { key, bands, marks: compute() });
  return last.marks;
}

/**
 * The selected group's processed-twice, lost and skipped ranges with their causes, from the
 * engine's ledger. Ranges only change when one of the group's counts does (or a rewind
 * rebuilds the frame), so they are read and explained then, once for every component.
 */
export function useLedgerMarks(): LedgerMark[] {
  const store = useSimStore();
  const { key, bands } = useSim((s) => {
    const p = s.frame.snapshot.groups[s.selectedGroup]?.processed;
    return { key: p ? `${s.selectedGroup}|${p.duplicates}|${p.lost}|${p.skipped}` : '', bands: s.frame.bands };
  });
  return useMemo(() => {
    if (key === '' || key.endsWith('|0|0|0')) return NONE;
    return cached(key, bands, () => {
      const state = store.getState();
      return explainLedger(state.selectedGroup, state.ledgerRanges(state.selectedGroup), state.engineEvents());
    });
  }, [store, key, bands]);
}
