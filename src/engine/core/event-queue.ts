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
  heap.push(entry);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i]!, heap[parent]!)) break;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

export function heapPeek<T>(heap: QueueEntry<T>[]): QueueEntry<T> | undefined {
  return heap[0];
}

export function heapPop<T>(heap: QueueEntry<T>[]): QueueEntry<T> | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (top === undefined || last === undefined || heap.length === 0) return top;
  heap[0] = last;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let smallest = i;
    if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
    if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
    if (smallest === i) break;
    [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
    i = smallest;
  }
  return top;
}
