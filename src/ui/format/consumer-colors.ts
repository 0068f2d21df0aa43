import { compareIds } from './ids';

/**
 * Consumers are told apart by colour AND label. The palette is Paul Tol's "muted" scheme
 * (colour-blind safe), minus its sand, which sits too close to the producer's amber, with
 * the lightest hues darkened to 3:1 on white. The values live in tokens.css as
 * --consumer-0 … --consumer-7.
 */
export const CONSUMER_PALETTE_SIZE = 8;

/**
 * Stable colour slots: consumers in natural id order, slot = rank mod palette size.
 * New ids from the UI ("consumer-N", N growing) land at the end, so nobody changes colour.
 */
export function consumerColorSlots(ids: readonly string[]): Record<string, number> {
  // The same consumers as last time (most frames): the same slots, without sorting them again.
  const key = ids.join('\u0000');
  if (key === lastSlots.key) return lastSlots.slots;
  const slots: Record<string, number> = {};
  [...new Set(ids)].sort(compareIds).forEach((id, rank) => {
    slots[id] = rank % CONSUMER_PALETTE_SIZE;
  });
  lastSlots = { key, slots: Object.freeze(slots) as Record<string, number> };
  return lastSlots.slots;
}

let lastSlots: { key: string | null; slots: Record<string, number> } = { key: null, slots: {} };

/** The CSS colour for a slot (a var() on the design tokens). */
export function consumerColorVar(slot: number | undefined): string {
  return slot === undefined ? 'var(--ink-3)' : `var(--consumer-${slot})`;
}
