import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logEnd, settleProducer, timeWhenLogReaches } from '../cluster/log';
import type { World } from '../world';
import { appendTime, lagMsAt, recordSegment } from './append-time';
import { newWorld } from '../new-world';
import { topicMetrics } from './tracking';

function world(partitions: number): World {
  return {
    ...newWorld(0),
    topics: { t: { partitions: Array.from({ length: partitions }, () => ({ logStart: 0, base: 0 })), retentionMs: -1, history: [] } },
  };
}

/** setProducer as commands.ts applies it, then what metrics records on ProducerRateChanged. */
function setRate(w: World, rate: number): void {
  settleProducer(w, 't');
  const producer = (w.producers.t ??= { rate: 0, since: w.now, cursor: 0 });
  producer.rate = rate;
  producer.since = w.now;
  recordSegment(w, topicMetrics(w.metrics, 't'), 't');
}

describe('append time of a record (the producer formula, inverted)', () => {
  it('agrees with timeWhenLogReaches for records not written yet, across rate changes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 5_000 }), fc.integer({ min: 0, max: 400 })), { minLength: 1, maxLength: 5 }),
        (partitions, changes) => {
          const w = world(partitions);
          const segments = () => w.metrics.topics.t!.segments;
          for (const [gapMs, rate] of changes) {
            w.now += gapMs;
            setRate(w, rate);
            // Every partition's next few records: the inverse must give the time the engine
            // itself says the log will reach them.
            for (let i = 0; i < partitions; i++) {
              const end = logEnd(w, 't', i);
              for (let o = end; o < end + 3; o++) {
                const expected = timeWhenLogReaches(w, 't', i, o);
                expect(appendTime(segments(), i, o)).toBe(expected);
              }
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('dates records written by earlier segments, so lag in time spans rate changes', () => {
    const w = world(2);
    setRate(w, 10); // 5 records/s per partition
    w.now = 10_000;
    setRate(w, 100);
    w.now = 12_000;
    // Partition 0's offset 0 was the segment's first record, at 100 ms.
    expect(appendTime(w.metrics.topics.t!.segments, 0, 0)).toBe(100);
    expect(lagMsAt(w.metrics.topics.t!.segments, 0, 0, 5, w.now)).toBe(11_900);
    expect(lagMsAt(w.metrics.topics.t!.segments, 0, 0, 0, w.now)).toBe(0);
    // Offset 50 of partition 0 is the first record of the second segment: 10 s + 10 ms.
    expect(appendTime(w.metrics.topics.t!.segments, 0, 50)).toBe(10_010);
  });
});
