import { describe, expect, it } from 'vitest';
import { consumerColorSlots, consumerColorVar } from './consumer-colors';

describe('consumerColorSlots', () => {
  it('ranks ids in natural order, so consumer-10 comes after consumer-9', () => {
    const ids = ['consumer-10', 'consumer-2', 'consumer-1', 'consumer-9'];
    expect(consumerColorSlots(ids)).toEqual({ 'consumer-1': 0, 'consumer-2': 1, 'consumer-9': 2, 'consumer-10': 3 });
  });

  it('does not depend on input order and wraps after 8', () => {
    const ids = Array.from({ length: 10 }, (_, i) => `c-${i + 1}`);
    const slots = consumerColorSlots([...ids].reverse());
    expect(slots['c-1']).toBe(0);
    expect(slots['c-9']).toBe(0);
    expect(slots['c-10']).toBe(1);
  });

  it('answers the same consumers with the same object (a frame re-renders nothing), and new ones anew', () => {
    const first = consumerColorSlots(['a', 'b']);
    expect(consumerColorSlots(['a', 'b'])).toBe(first);
    expect(consumerColorSlots(['a', 'b', 'c'])).toEqual({ a: 0, b: 1, c: 2 });
    expect(consumerColorSlots(['a', 'b'])).toEqual(first);
  });

  it('maps slots to CSS variables', () => {
    expect(consumerColorVar(3)).toBe('var(--consumer-3)');
    expect(consumerColorVar(undefined)).toBe('var(--ink-3)');
  });
});
