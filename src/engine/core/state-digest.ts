/**
 * The digest behind Simulation.hash(): the same value as JSON sees it (keys in sorted
 * order, undefined keys left out, non-finite numbers and undefined array items as null,
 * -0 as 0), fed word by word into two 32-bit multiply-xor lanes, without building the
 * JSON text (which cost ~100-300 ms at 1,000 partitions x 200 consumers).
 *
 * Parts of the state that are never written again once complete (the metrics' full chunks,
 * named by `immutable`) are digested once and remembered by identity: hash() then costs
 * what changes, not the hours of history behind it.
 */

const TAG_NULL = 1;
const TAG_FALSE = 2;
const TAG_TRUE = 3;
const TAG_INT = 4;
const TAG_FLOAT = 5;
const TAG_STRING = 6;
const TAG_ARRAY = 7;
const TAG_OBJECT = 8;
const TAG_MEMO = 9;

const float = new Float64Array(1);
const floatWords = new Uint32Array(float.buffer);

class Lanes {
  h1 = 0xdeadbeef;
  h2 = 0x41c6ce57;

  word(x: number): void {
    this.h1 = Math.imul(this.h1 ^ x, 2654435761);
    this.h2 = Math.imul(this.h2 ^ x, 1597334677);
  }

  string(s: string): void {
    this.word(TAG_STRING);
    this.word(s.length);
    for (let i = 0; i < s.length; i++) this.word(s.charCodeAt(i));
  }

  number(n: number): void {
    if (!Number.isFinite(n)) return this.word(TAG_NULL);
    if (Number.isInteger(n) && n >= -0x80000000 && n <= 0x7fffffff) {
      this.word(TAG_INT);
      return this.word(n | 0); // -0 | 0 is 0, as JSON writes it
    }
    float[0] = n;
    this.word(TAG_FLOAT);
    this.word(floatWords[0]!);
    this.word(floatWords[1]!);
  }

  finish(): [number, number] {
    const h1 = Math.imul(this.h1 ^ (this.h1 >>> 16), 2246822507) ^ Math.imul(this.h2 ^ (this.h2 >>> 13), 3266489909);
    const h2 = Math.imul(this.h2 ^ (this.h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return [h1 >>> 0, h2 >>> 0];
  }
}

export interface StateDigestOptions {
  /** Keys whose value is an array of items never written again: each item is digested once. */
  immutable?: readonly string[];
}

const memo = new WeakMap<object, [number, number]>();

/** 28 lowercase hex characters; equal for values JSON cannot tell apart (up to key order). */
export function stateDigest(value: unknown, options: StateDigestOptions = {}): string {
  const immutable = new Set(options.immutable ?? []);
  const lanes = new Lanes();
  feed(lanes, value, immutable);
  const [a, b] = lanes.finish();
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0') + ((a ^ Math.imul(b, 0x9e3779b1)) >>> 0).toString(16).padStart(8, '0') + (b >>> 16).toString(16).padStart(4, '0');
}

function feed(lanes: Lanes, value: unknown, immutable: ReadonlySet<string>): void {
  switch (typeof value) {
    case 'number':
      return lanes.number(value);
    case 'string':
      return lanes.string(value);
    case 'boolean':
      return lanes.word(value ? TAG_TRUE : TAG_FALSE);
    case 'object':
      break;
    default:
      return lanes.word(TAG_NULL); // undefined, functions: as JSON writes them in an array
  }
  if (value === null) return lanes.word(TAG_NULL);
  if (Array.isArray(value)) {
    lanes.word(TAG_ARRAY);
    lanes.word(value.length);
    for (const item of value) feed(lanes, item, immutable);
    return;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
  lanes.word(TAG_OBJECT);
  lanes.word(keys.length);
  for (const key of keys) {
    lanes.string(key);
    const item = record[key];
    if (immutable.has(key) && Array.isArray(item)) feedImmutable(lanes, item, immutable);
    else feed(lanes, item, immutable);
  }
}

function feedImmutable(lanes: Lanes, items: readonly unknown[], immutable: ReadonlySet<string>): void {
  lanes.word(TAG_ARRAY);
  lanes.word(items.length);
  for (const item of items) {
    if (item === null || typeof item !== 'object') {
      feed(lanes, item, immutable);
      continue;
    }
    let d = memo.get(item);
    if (d === undefined) {
      const own = new Lanes();
      feed(own, item, immutable);
      d = own.finish();
      memo.set(item, d);
    }
    lanes.word(TAG_MEMO);
    lanes.word(d[0]);
    lanes.word(d[1]);
  }
}
