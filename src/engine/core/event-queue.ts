/**
 * The simulator's agenda: a binary min-heap of entries ordered by (time, seq). Entries are
 * plain data (see Task) so the queue is part of the snapshot and the hash.
 */
export interface QueueEntry<T> {
  time: number;
  seq: number;
  task: T;
}

function before<T>(a: QueueEntry<T>, b: QueueEntry<T>): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

export function heapPush<T>(heap: QueueEntry<T>[], entry: QueueEntry<T>): void {
  // Sift a hole up instead of swapping pairs: one write per level.
  let i = heap.length;
  heap.push(entry);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const above = heap[parent]!;
    if (!before(entry, above)) break;
    heap[i] = above;
    i = parent;
  }
  heap[i] = entry;
}

export function heapPeek<T>(heap: QueueEntry<T>[]): QueueEntry<T> | undefined {
  return heap[0];
}

export function heapPop<T>(heap: QueueEntry<T>[]): QueueEntry<T> | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (top === undefined || last === undefined || heap.length === 0) return top;
  heap[0] = last;
  siftDown(heap, 0);
  return top;
}

/**
 * Drops the entries `keep` rejects and restores the heap property. The pop order of what
 * stays is unchanged: it is the (time, seq) order, whatever the array's layout.
 */
export function heapCompact<T>(heap: QueueEntry<T>[], keep: (entry: QueueEntry<T>) => boolean): void {
  let n = 0;
  for (const entry of heap) if (keep(entry)) heap[n++] = entry;
  heap.length = n;
  for (let i = (n >> 1) - 1; i >= 0; i--) siftDown(heap, i);
}

function siftDown<T>(heap: QueueEntry<T>[], start: number): void {
  const entry = heap[start]!;
  const n = heap.length;
  let i = start;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= n) break;
    const right = left + 1;
    const child = right < n && before(heap[right]!, heap[left]!) ? right : left;
    if (!before(heap[child]!, entry)) break;
    heap[i] = heap[child]!;
    i = child;
  }
  heap[i] = entry;
}
