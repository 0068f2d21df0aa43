import type { StoreApi } from 'zustand/vanilla';
import type { Scenario } from '../scenarios/types';
import type { SimulationState } from './simulation-store';

export type Theme = 'light' | 'dark';
export type Palette = 'standard' | 'colorblind';

/** What the person looks at and how: no simulation state here. */
export interface UiSlice {
  selectedGroup: string;
  selectedTopic: string;
  /** The consumer whose inspector is open, if any. */
  inspected: string | null;
  theme: Theme;
  largeType: boolean;
  palette: Palette;
  /** Event log filters: '' shows all. */
  eventGroup: string;
  eventConsumer: string;
  helpOpen: boolean;
  selectGroup(id: string): void;
  selectTopic(id: string): void;
  inspect(id: string | null): void;
  setTheme(theme: Theme): void;
  setLargeType(on: boolean): void;
  setPalette(palette: Palette): void;
  setEventFilter(filter: { group?: string; consumer?: string }): void;
  setHelpOpen(open: boolean): void;
}

type Set = StoreApi<SimulationState>['setState'];
type Get = StoreApi<SimulationState>['getState'];

export function createUiSlice(set: Set, _get: Get, _api: StoreApi<SimulationState>, scenario: Scenario): UiSlice {
  const prefersDark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  return {
    selectedGroup: scenario.groupId,
    selectedTopic: scenario.topic,
    inspected: null,
    theme: prefersDark ? 'dark' : 'light',
    largeType: false,
    palette: 'standard',
    eventGroup: '',
    eventConsumer: '',
    helpOpen: false,
    selectGroup: (id) => set({ selectedGroup: id }),
    selectTopic: (id) => set({ selectedTopic: id }),
    inspect: (id) => set({ inspected: id }),
    setTheme: (theme) => set({ theme }),
    setLargeType: (largeType) => set({ largeType }),
    setPalette: (palette) => set({ palette }),
    setEventFilter: ({ group, consumer }) =>
      set((s) => ({ eventGroup: group ?? s.eventGroup, eventConsumer: consumer ?? s.eventConsumer })),
    setHelpOpen: (helpOpen) => set({ helpOpen }),
  };
}
