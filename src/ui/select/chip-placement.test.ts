import { describe, expect, it } from 'vitest';
import type { ConsumerView, PartitionView } from '../../store/selectors';
import type { WorldSnapshot } from '../../engine/types';
import { selectStrandedPartitions } from '../../store/selectors';
import { placeChips } from './chip-placement';

const partition = (index: number, owner: string | null): PartitionView => ({
  id: `orders-${index}`,
  topic: 'orders',
  index,
  logStart: 0,
  logEnd: 10,
  committed: null,
  lag: 10,
  owner,
  position: null,
});

const consumer = (id: string): ConsumerView => ({ id }) as ConsumerView;

describe('placeChips', () => {
  it('puts each partition in exactly one place', () => {
    const partitions = [partition(0, 'a'), partition(1, null), partition(10, 'a'), partition(2, 'b'), partition(3, null)];
    const placement = placeChips(partitions, [consumer('a'), consumer('b'), consumer('c')], { 'orders-3': 'c' });
    expect(placement.byConsumer).toEqual({
      a: [
        { partition: 'orders-0', stranded: false },
        { partition: 'orders-10', stranded: false },
      ],
      b: [{ partition: 'orders-2', stranded: false }],
      c: [{ partition: 'orders-3', stranded: true }],
    });
    expect(placement.waiting).toEqual(['orders-1']);
  });

  it('sends a partition whose owner has no card to the tray', () => {
    expect(placeChips([partition(0, 'ghost')], [], {}).waiting).toEqual(['orders-0']);
  });
});

describe('selectStrandedPartitions', () => {
  it('lists what dead members still hold in the coordinator view', () => {
    const snapshot = {
      groups: {
        g: {
          members: [
            { consumerId: 'a', assigned: ['orders-0'] },
            { consumerId: 'b', assigned: ['orders-1', 'orders-2'] },
          ],
        },
      },
      consumers: { a: { status: 'running' }, b: { status: 'crashed' } },
    } as unknown as WorldSnapshot;
    expect(selectStrandedPartitions(snapshot, 'g')).toEqual({ 'orders-1': 'b', 'orders-2': 'b' });
    expect(selectStrandedPartitions(snapshot, 'missing')).toEqual({});
  });
});
