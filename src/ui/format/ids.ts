/** Natural ordering for ids a person reads: "consumer-2" before "consumer-10", "orders-2" before "orders-10". */
export function compareIds(a: string, b: string): number {
  return NATURAL.compare(a, b);
}

/** Sorted copy, natural order. */
export function sortIds(ids: readonly string[]): string[] {
  return [...ids].sort(compareIds);
}

/** "orders-0 orders-2": the form data-owned attributes carry (sorted, space-separated). */
export function idList(ids: readonly string[]): string {
  return sortIds(ids).join(' ');
}

const NATURAL = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
