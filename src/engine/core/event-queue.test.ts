import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { heapPeek, heapPop, heapPush, type QueueEntry } from './event-queue';

type Entry = QueueEntry<string>;

const byTimeThenSeq = (a: Entry, b: Entry) => a.time - b.time || a.seq - b.seq;

/** The heap property: no child sorts before its parent. */
function expectHeapOrdered(heap: Entry[]): void {
  for (let i = 1; i < heap.length; i++) {
    const parent = heap[(i - 1) >> 1]!;
    expect(byTimeThenSeq(parent, heap[i]!)).toBeLessThanOrEqual(0);
  }
}

function drain(heap: Entry[]): Entry[] {
  const out: Entry[] = [];
  for (let e = heapPop(heap); e !== undefined; e = heapPop(heap)) out.push(e);
  return out;
}

describe('event queue', () => {
  it('peeks and pops undefined on an empty queue and stays empty', () => {
    const heap: Entry[] = [];
    expect(heapPeek(heap)).toBeUndefined();
    expect(heapPop(heap)).toBeUndefined();
    expect(heapPop(heap)).toBeUndefined();
    expect(heap).toEqual([]);
  });

  it('pops the single entry, then is empty', () => {
    const heap: Entry[] = [];
    heapPush(heap, { time: 5, seq: 1, task: 'x' });
    expect(heapPeek(heap)).toEqual({ time: 5, seq: 1, task: 'x' });
    expect(heap).toHaveLength(1);
    expect(heapPop(heap)).toEqual({ time: 5, seq: 1, task: 'x' });
    expect(heap).toEqual([]);
    expect(heapPeek(heap)).toBeUndefined();
  });

  it('peek returns the next entry without removing it', () => {
    const heap: Entry[] = [];
    heapPush(heap, { time: 30, seq: 1, task: 'c' });
    heapPush(heap, { time: 10, seq: 2, task: 'a' });
    heapPush(heap, { time: 20, seq: 3, task: 'b' });
    expect(heapPeek(heap)?.task).toBe('a');
    expect(heapPeek(heap)?.task).toBe('a');
    expect(heap).toHaveLength(3);
    expect(drain(heap).map((e) => e.task)).toEqual(['a', 'b', 'c']);
  });

  it('breaks ties on time by seq, whatever the push order', () => {
    const heap: Entry[] = [];
    for (const seq of [4, 1, 5, 3, 2]) heapPush(heap, { time: 100, seq, task: `s${seq}` });
    heapPush(heap, { time: 99, seq: 9, task: 'early' });
    heapPush(heap, { time: 101, seq: 0, task: 'late' });
    expect(drain(heap).map((e) => e.task)).toEqual(['early', 's1', 's2', 's3', 's4', 's5', 'late']);
  });

  it('returns the very entry objects it was given', () => {
    const heap: Entry[] = [];
    const entry = { time: 1, seq: 1, task: 't' };
    heapPush(heap, entry);
    expect(heapPop(heap)).toBe(entry);
  });

  it('drains random pushes in (time, seq) order, ties included', () => {
    fc.assert(
      fc.property(
        // Few distinct times so that ties are common; seqs are a permutation (unique, like World.seq).
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 60 }).chain((times) =>
          fc.shuffledSubarray(
            times.map((_, i) => i),
            { minLength: times.length, maxLength: times.length },
          ).map((seqs) => times.map((time, i) => ({ time, seq: seqs[i]!, task: `t${i}` }))),
        ),
        (entries) => {
          const heap: Entry[] = [];
          for (const e of entries) {
            heapPush(heap, e);
            expectHeapOrdered(heap);
          }
          expect(drain(heap)).toEqual([...entries].sort(byTimeThenSeq));
        },
      ),
    );
  });

  it('matches a sorted-array model under interleaved pushes, peeks and pops', () => {
    type Op = { kind: 'push'; time: number } | { kind: 'pop' };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), time: fc.integer({ min: 0, max: 20 }) }),
      fc.record({ kind: fc.constant('push' as const), time: fc.integer({ min: 0, max: 1_000_000 }) }),
      fc.constant({ kind: 'pop' as const }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const heap: Entry[] = [];
        const model: Entry[] = [];
        let seq = 0;
        for (const o of ops) {
          if (o.kind === 'push') {
            seq += 1;
            const entry = { time: o.time, seq, task: `e${seq}` };
            heapPush(heap, entry);
            model.push(entry);
            model.sort(byTimeThenSeq);
          } else {
            expect(heapPeek(heap)).toBe(model[0]);
            expect(heapPop(heap)).toBe(model.shift());
          }
          expect(heap).toHaveLength(model.length);
          expect(heapPeek(heap)).toBe(model[0]);
          expectHeapOrdered(heap);
        }
        expect(drain(heap)).toEqual(model);
      }),
    );
  });

  it('handles fractional and negative times by numeric order', () => {
    const heap: Entry[] = [];
    heapPush(heap, { time: 1.5, seq: 1, task: 'b' });
    heapPush(heap, { time: -2, seq: 2, task: 'a' });
    heapPush(heap, { time: 10, seq: 3, task: 'd' });
    heapPush(heap, { time: 2, seq: 4, task: 'c' });
    expect(drain(heap).map((e) => e.task)).toEqual(['a', 'b', 'c', 'd']);
  });
});
