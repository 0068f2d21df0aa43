import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, digest } from './hash';

/** Rebuilds a value with every object's keys inserted in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(reverseKeys);
  const out: Record<string, unknown> = {};
  // defineProperty, not assignment: a "__proto__" key must stay an own key, as JSON.parse makes it.
  for (const key of Object.keys(value).reverse()) {
    Object.defineProperty(out, key, {
      value: reverseKeys((value as Record<string, unknown>)[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** JSON values without -0 (JSON itself writes -0 as 0, so it cannot tell them apart). */
const json = fc.jsonValue({ noUnicodeString: false }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
const jsonObject = fc.dictionary(fc.string(), json, { minKeys: 1 });

/** Every path (list of keys/indices) that leads to a primitive inside `value`. */
function leafPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [path];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.flatMap(([k, v]) => leafPaths(v, [...path, k]));
}

function setAt(value: unknown, path: (string | number)[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? setAt(v, rest, leaf) : v));
  const record = value as Record<string, unknown>;
  return { ...record, [head!]: setAt(record[head!], rest, leaf) };
}

function getAt(value: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], value);
}

describe('canonicalJson', () => {
  it('sorts keys at every depth, arrays keep their order', () => {
    const value = { b: 1, a: { d: [{ z: 1, y: 2 }, 3], c: null }, '0': 'x' };
    expect(canonicalJson(value)).toBe('{"0":"x","a":{"c":null,"d":[{"y":2,"z":1},3]},"b":1}');
  });

  it('drops keys whose value is undefined, at every depth', () => {
    expect(canonicalJson({ a: undefined, b: { c: undefined, d: 1 } })).toBe('{"b":{"d":1}}');
    expect(canonicalJson({ a: undefined })).toBe('{}');
    expect(canonicalJson({ a: undefined, b: 2 })).toBe(canonicalJson({ b: 2 }));
  });

  it('writes undefined inside arrays and at the top level as null, like JSON', () => {
    expect(canonicalJson([1, undefined, 3])).toBe('[1,null,3]');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('renders primitives as JSON does', () => {
    expect(canonicalJson('a"b')).toBe('"a\\"b"');
    expect(canonicalJson(1.5)).toBe('1.5');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(Number.NaN)).toBe('null');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
  });

  it('sorts keys by UTF-16 code units (uppercase before lowercase)', () => {
    expect(canonicalJson({ b: 1, B: 2, a: 3, A: 4 })).toBe('{"A":4,"B":2,"a":3,"b":1}');
  });

  it('parses back to the same value as JSON.stringify for any JSON value', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(value);
      }),
    );
  });

  it('is independent of key insertion order', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(canonicalJson(reverseKeys(value))).toBe(canonicalJson(value));
      }),
    );
  });

  it('lists keys in sorted order at every depth', () => {
    const sortedEverywhere = (value: unknown): boolean => {
      if (value === null || typeof value !== 'object') return true;
      if (Array.isArray(value)) return value.every(sortedEverywhere);
      const keys = Object.keys(value);
      return keys.every((k, i) => i === 0 || keys[i - 1]! < k) && Object.values(value).every(sortedEverywhere);
    };
    fc.assert(
      fc.property(json, (value) => {
        // JSON.parse keeps the order the text lists keys in (integer-like keys aside, which JS hoists).
        const text = canonicalJson(value);
        const reparsed = JSON.parse(text) as unknown;
        expect(sortedEverywhere(stripIntegerKeys(reparsed))).toBe(true);
        expect(canonicalJson(reparsed)).toBe(text);
      }),
    );
  });
});

/** Drops integer-like keys, whose enumeration order JS fixes regardless of insertion order. */
function stripIntegerKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(stripIntegerKeys);
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !/^(0|[1-9]\d*)$/.test(k))
      .map(([k, v]) => [k, stripIntegerKeys(v)]),
  );
}

describe('digest', () => {
  it('is 28 lowercase hex characters', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(digest(value)).toMatch(/^[0-9a-f]{28}$/);
      }),
    );
  });

  it('pins the digest of small values (a change here breaks saved hashes)', () => {
    expect(digest({ b: [1, 2], a: 'x' })).toBe('01530e28559f2110fa6126cc234e');
    expect(digest({})).toBe('09074b51cd0a7b0bb0dc6ae13567');
    expect(digest(null)).toBe('1fe1f0024152e81cbd27dc9e87b5');
    expect(digest({})).not.toBe(digest([]));
    expect(digest(null)).not.toBe(digest(0));
    expect(digest('1')).not.toBe(digest(1));
  });

  it('is equal for values equal up to key order', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(digest(reverseKeys(value))).toBe(digest(value));
        expect(digest(structuredClone(value))).toBe(digest(value));
      }),
    );
  });

  it('ignores a key set to undefined', () => {
    fc.assert(
      fc.property(jsonObject, fc.string(), (value, key) => {
        fc.pre(!(key in value));
        expect(digest({ ...value, [key]: undefined })).toBe(digest(value));
      }),
    );
  });

  it('changes when any nested leaf value changes', () => {
    fc.assert(
      fc.property(
        json.filter((v) => v !== null && typeof v === 'object'),
        fc.nat(),
        json,
        (value, pick, replacement) => {
          const paths = leafPaths(value).filter((p) => p.length > 0);
          fc.pre(paths.length > 0);
          const path = paths[pick % paths.length]!;
          fc.pre(canonicalJson(getAt(value, path)) !== canonicalJson(replacement));
          expect(digest(setAt(value, path, replacement))).not.toBe(digest(value));
        },
      ),
    );
  });

  it('changes on a one-step change deep inside a world-like object', () => {
    const world = { now: 10, groups: { g: { members: { m1: { owned: ['t-0', 't-1'], lastSeen: 5 } } } } };
    const base = digest(world);
    expect(digest({ ...world, now: 11 })).not.toBe(base);
    expect(digest({ now: 10, groups: { g: { members: { m1: { owned: ['t-1', 't-0'], lastSeen: 5 } } } } })).not.toBe(base);
    expect(digest({ now: 10, groups: { g: { members: { m1: { owned: ['t-0', 't-1'], lastSeen: 6 } } } } })).not.toBe(base);
    expect(digest({ now: 10, groups: { g: { members: { m1: { owned: ['t-0', 't-1'], lastSeen: 5, x: 0 } } } } })).not.toBe(base);
    expect(digest({ now: 10, groups: { g: { members: { m2: { owned: ['t-0', 't-1'], lastSeen: 5 } } } } })).not.toBe(base);
  });

  it('tells apart values whose canonical JSON differs', () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        fc.pre(canonicalJson(a) !== canonicalJson(b));
        expect(digest(a)).not.toBe(digest(b));
      }),
    );
  });
});
