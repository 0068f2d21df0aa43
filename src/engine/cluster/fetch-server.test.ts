import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newWorld, DEFAULT_BROKER } from '../new-world';
import type { HeldFetch, World } from '../world';
import { timeWhenEnough, timeWhenEnoughBySearch } from './fetch-server';
import { logEnd, settleProducer } from './log';

function world(partitions: number, rate: number, since: number, now: number, recordBytes: number): World {
  const w = newWorld(1, DEFAULT_BROKER, 1);
  w.topics.t = { partitions: Array.from({ length: partitions }, () => ({ logStart: 0, base: 0 })), retentionMs: -1, history: [] };
  w.producers.t = { rate, since, cursor: 0 };
  w.recordBytes.t = recordBytes;
  w.now = now;
  settleProducer(w, 't');
  return w;
}

describe('a held fetch waits for fetch.min.bytes', () => {
  it('the formula for one record agrees with the search over time, whatever the rates and offsets', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        fc.array(fc.integer({ min: 0, max: 39 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 3_000 }),
        fc.constantFrom(1, 100, 1_024, 5_000),
        (partitions, rate, now, chosen, wait, minBytes) => {
          const w = world(partitions, rate, 0, now, 1_024);
          const offsets: Record<string, number> = {};
          for (const i of chosen) if (i < partitions) offsets[`t-${i}`] = logEnd(w, 't', i);
          fc.pre(Object.keys(offsets).length > 0);
          const held: HeldFetch = {
            consumerId: 'a', incarnation: 0, fetchId: 0, offsets, minBytes, maxBytes: 1 << 20, maxPartitionBytes: 1 << 20,
            maxWaitMs: wait, deadline: now + wait, token: 0,
          };
          expect(timeWhenEnough(w, held)).toBe(timeWhenEnoughBySearch(w, held));
        },
      ),
    );
  });
});
