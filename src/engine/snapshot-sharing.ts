/**
 * What a snapshot shares with the one before it. The page reads a snapshot every frame, and
 * at a thousand partitions and two hundred consumers most of it has not changed since the
 * last one: an unchanged row or list is the same object again, frozen, so that building a
 * snapshot costs what changed (a snapshot is read, never written: a write throws rather than
 * changing the next snapshot too). The dictionaries that hold the rows are new each call.
 */

/** The empty list every snapshot shares. */
export const NONE: string[] = Object.freeze([]) as unknown as string[];

const copies = new WeakMap<readonly unknown[], readonly unknown[]>();

/**
 * A frozen copy of an engine list, made once per list: the engine replaces these lists when
 * they change (owned, subscription, assignment), it never edits one in place.
 */
export function frozenCopy<T>(list: readonly T[]): T[] {
  let copy = copies.get(list);
  if (copy === undefined) {
    copy = Object.freeze(list.slice());
    copies.set(list, copy);
  }
  return copy as T[];
}

/** A list of rows as last given, and the rows it was made from in the order they were read. */
export interface KeptList<T> {
  read: T[];
  list: T[];
}

/**
 * The frozen list made from `rows` (read in the world's order), the one given last time when
 * the same rows were read in the same order; `order` sorts a new one.
 */
export function keptList<T>(cache: WeakMap<object, KeptList<T>>, owner: object, rows: T[], order: (rows: T[]) => T[]): T[] {
  const kept = cache.get(owner);
  if (kept !== undefined && sameRows(kept.read, rows)) return kept.list;
  const list = Object.freeze(order(rows)) as T[];
  cache.set(owner, { read: rows, list });
  return list;
}

function sameRows<T>(a: T[], b: T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
