import { createContext, useContext, useRef, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { SimulationState, SimulationStore } from '../store/simulation-store';

const SimStoreContext = createContext<SimulationStore | null>(null);

/** Provides the one simulation store to the page. */
export function SimStoreProvider({ store, children }: { store: SimulationStore; children: ReactNode }) {
  return <SimStoreContext.Provider value={store}>{children}</SimStoreContext.Provider>;
}

/** The store itself, for actions and transient subscriptions. */
export function useSimStore(): SimulationStore {
  const store = useContext(SimStoreContext);
  if (!store) throw new Error('useSimStore: wrap the page in <SimStoreProvider>');
  return store;
}

/**
 * Reads a slice of the store. By default the result is compared shallowly (useShallow), so a
 * selector that builds an object or array re-renders only when one of its members changes;
 * pass `equality` for a deeper or cheaper comparison.
 */
export function useSim<T>(selector: (state: SimulationState) => T, equality?: (a: T, b: T) => boolean): T {
  const store = useSimStore();
  const shallow = useShallow(selector);
  const previous = useRef<{ value: T } | null>(null);
  const withEquality = (state: SimulationState): T => {
    const next = selector(state);
    const prev = previous.current;
    if (prev !== null && equality!(prev.value, next)) return prev.value;
    previous.current = { value: next };
    return next;
  };
  return useStore(store, equality ? withEquality : shallow);
}
