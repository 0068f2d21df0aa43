import { describe, expect, it } from 'vitest';
import { capacityText } from './capacity-text';

describe('capacityText', () => {
  it('counts the room left while consumers are fewer than partitions', () => {
    expect(capacityText({ partitions: 4, liveConsumers: 2 }).title).toBe('Room for 2 more consumers');
    expect(capacityText({ partitions: 4, liveConsumers: 3 }).title).toBe('Room for 1 more consumer');
  });

  it('says the next consumer would sit idle once every partition has its own', () => {
    expect(capacityText({ partitions: 4, liveConsumers: 4 }).detail).toMatch(/sits idle/);
  });

  it('names the idle surplus', () => {
    expect(capacityText({ partitions: 4, liveConsumers: 5 }).title).toBe('1 more consumer than partitions');
    expect(capacityText({ partitions: 4, liveConsumers: 7 }).title).toBe('3 more consumers than partitions');
  });

  it('says nobody reads when no consumer lives', () => {
    expect(capacityText({ partitions: 1, liveConsumers: 0 })).toEqual({
      title: 'No live consumers',
      detail: 'Until one joins, nobody reads the 1 partition.',
    });
  });
});
