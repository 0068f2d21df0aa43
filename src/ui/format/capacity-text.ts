import type { GroupCapacity } from '../../store/selectors';
import { messages } from '../i18n';

export interface CapacityText {
  title: string;
  detail: string;
}

/**
 * What the group's free room means, in words: the rule behind it is that within a group
 * each partition has at most one owner, so the partition count caps the useful consumers.
 */
export function capacityText({ partitions, liveConsumers: live }: GroupCapacity): CapacityText {
  const m = messages().capacity;
  if (live === 0) return { title: m.noneTitle, detail: m.noneDetail(partitions) };
  if (live < partitions) return { title: m.roomTitle(partitions - live), detail: m.roomDetail(partitions) };
  if (live === partitions) return { title: m.evenTitle, detail: m.evenDetail };
  const idle = live - partitions;
  return { title: m.overTitle(idle), detail: m.overDetail(idle) };
}
