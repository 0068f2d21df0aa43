import type { GroupCapacity } from '../../store/selectors';

export interface CapacityText {
  title: string;
  detail: string;
}

/**
 * What the group's free room means, in words: the rule behind it is that within a group
 * each partition has at most one owner, so the partition count caps the useful consumers.
 */
export function capacityText({ partitions, liveConsumers: live }: GroupCapacity): CapacityText {
  if (live === 0) {
    return {
      title: 'No live consumers',
      detail: `Until one joins, nobody reads the ${plural(partitions, 'partition')}.`,
    };
  }
  if (live < partitions) {
    const room = partitions - live;
    return {
      title: `Room for ${room} more ${room === 1 ? 'consumer' : 'consumers'}`,
      detail: `Each one added starts a rebalance and takes its share of the ${plural(partitions, 'partition')}.`,
    };
  }
  if (live === partitions) {
    return {
      title: 'One partition per consumer',
      detail: 'Add another and it sits idle: in a group, a partition has at most one owner.',
    };
  }
  const idle = live - partitions;
  return {
    title: `${idle} more ${idle === 1 ? 'consumer' : 'consumers'} than partitions`,
    detail: `${idle === 1 ? 'The idle one waits' : 'The idle ones wait'}, ready to take over when an owner leaves.`,
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
