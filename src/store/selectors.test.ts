import { describe, expect, it } from 'vitest';
import type { ConsumerStatus, WorldSnapshot } from '../engine/types';
import { selectGroupCapacity } from './selectors';

const snapshotWith = (partitions: number, consumers: Record<string, [groupId: string | null, ConsumerStatus]>) =>
  ({
    now: 0,
    topics: { orders: { partitions: Array.from({ length: partitions }, () => ({ logStart: 0, logEnd: 0 })), producerRate: 0 } },
    groups: {},
    consumers: Object.fromEntries(Object.entries(consumers).map(([id, [groupId, status]]) => [id, { groupId, status }])),
  }) as unknown as WorldSnapshot;

describe('selectGroupCapacity', () => {
  it('counts the partitions and the group consumers whose process runs', () => {
    const snapshot = snapshotWith(4, {
      a: ['g', 'running'],
      b: ['g', 'stalled'],
      c: ['g', 'crashed'],
      d: ['g', 'closed'],
      e: ['other', 'running'],
      f: [null, 'running'],
    });
    expect(selectGroupCapacity(snapshot, 'orders', 'g')).toEqual({ partitions: 4, liveConsumers: 2 });
  });

  it('reads an unknown topic or group as empty', () => {
    expect(selectGroupCapacity(snapshotWith(0, {}), 'missing', 'g')).toEqual({ partitions: 0, liveConsumers: 0 });
  });
});
