import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './hash';
import { stateDigest } from './state-digest';

const json = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);

function reverseKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(reverseKeys);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).reverse()) {
    Object.defineProperty(out, key, { value: reverseKeys((value as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

describe('stateDigest', () => {
  it('is 28 lowercase hex characters', () => {
    fc.assert(
      fc.property(json, (v) => {
        expect(stateDigest(v)).toMatch(/^[0-9a-f]{28}$/);
      }),
    );
  });

  it('is independent of key insertion order', () => {
    fc.assert(
      fc.property(json, (v) => {
        expect(stateDigest(reverseKeys(v))).toBe(stateDigest(v));
      }),
    );
  });

  it('tells apart values whose JSON differs', () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        fc.pre(canonicalJson(a) !== canonicalJson(b));
        expect(stateDigest(a)).not.toBe(stateDigest(b));
      }),
    );
  });

  it('sees a value as JSON does: a JSON round trip keeps the digest', () => {
    const value = { a: -0, b: [undefined, Number.NaN, Infinity], c: undefined, d: 1.5, e: 2 ** 40, f: 'x' };
    expect(stateDigest(JSON.parse(JSON.stringify(value)))).toBe(stateDigest(value));
    expect(stateDigest({ a: 1 })).not.toBe(stateDigest({ a: '1' }));
    expect(stateDigest([])).not.toBe(stateDigest({}));
    expect(stateDigest(null)).not.toBe(stateDigest(0));
    expect(stateDigest([[1], [2]])).not.toBe(stateDigest([[1, 2]]));
  });

  it('digests the items under an immutable key once, with the same result as a fresh copy', () => {
    const chunk = { t: [1, 2], values: [3, 4] };
    const state = { tier: { chunks: [chunk], current: { t: [5] } } };
    const first = stateDigest(state, { immutable: ['chunks'] });
    expect(stateDigest(structuredClone(state), { immutable: ['chunks'] })).toBe(first);
    // What is not immutable is read afresh every time.
    state.tier.current.t.push(6);
    expect(stateDigest(state, { immutable: ['chunks'] })).not.toBe(first);
    // A different chunk (a new object) is digested on its own.
    expect(stateDigest({ tier: { chunks: [{ t: [1, 2], values: [3, 5] }], current: { t: [5] } } }, { immutable: ['chunks'] })).not.toBe(first);
  });
});
