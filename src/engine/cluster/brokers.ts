/**
 * Brokers and where each group's coordinator lives: the leader of partition
 * abs(hashCode(group.id)) % offsets.topic.num.partitions of __consumer_offsets.
 * Simplifications (said in the About dialog): user topics' partition leadership is not
 * modelled (fetches go on while a broker is down); leadership of __consumer_offsets moves
 * to the next broker that is up when its leader crashes, and does not move back when it
 * restarts (Kafka's preferred-leader election would, within minutes).
 */
import { javaStringHashCode, kafkaAbs } from '../core/java';
import type { BrokerState, World } from '../world';

/** offsets.topic.num.partitions */
export const OFFSETS_TOPIC_PARTITIONS = 50;
export const MAX_BROKERS = 9;

export function initialBrokers(count: number): { brokers: BrokerState[]; offsetsLeaders: (number | null)[] } {
  const brokers = Array.from({ length: count }, (_, i) => ({ id: i + 1, status: 'up' as const }));
  // Partitions spread over the brokers round-robin, as Kafka places a new topic's leaders.
  const offsetsLeaders = Array.from({ length: OFFSETS_TOPIC_PARTITIONS }, (_, p) => brokers[p % count]!.id);
  return { brokers, offsetsLeaders };
}

export function offsetsPartitionOf(groupId: string): number {
  return kafkaAbs(javaStringHashCode(groupId)) % OFFSETS_TOPIC_PARTITIONS;
}

/** The broker coordinating the group now, or null when no broker is up to lead its partition. */
export function coordinatorOf(w: World, groupId: string): number | null {
  return w.offsetsLeaders[offsetsPartitionOf(groupId)] ?? null;
}

export function brokerUp(w: World, id: number): boolean {
  return w.brokers.some((b) => b.id === id && b.status === 'up');
}

/**
 * A broker goes down: each __consumer_offsets partition it led gets the next broker that is
 * up (in id order, wrapping). Returns the partitions whose leader changed.
 */
export function takeBrokerDown(w: World, id: number): number[] {
  const broker = w.brokers.find((b) => b.id === id)!;
  broker.status = 'down';
  return reelect(w, (leader) => leader === id || leader === null);
}

/** A broker comes back: partitions left without a leader take it. */
export function bringBrokerUp(w: World, id: number): number[] {
  w.brokers.find((b) => b.id === id)!.status = 'up';
  return reelect(w, (leader) => leader === null);
}

function reelect(w: World, needsLeader: (leader: number | null) => boolean): number[] {
  const moved: number[] = [];
  const up = w.brokers.filter((b) => b.status === 'up').map((b) => b.id);
  w.offsetsLeaders.forEach((leader, p) => {
    if (!needsLeader(leader)) return;
    const preferred = w.brokers[p % w.brokers.length]!.id;
    const next = up.find((id) => id > (leader ?? preferred - 1)) ?? up[0] ?? null;
    if (next !== leader) {
      w.offsetsLeaders[p] = next;
      moved.push(p);
    }
  });
  return moved;
}
