/**
 * The client's cluster metadata: what topics exist and how many partitions each has, as of
 * the last refresh. Kafka's consumer refreshes it every metadata.max.age.ms (and when asked);
 * until then new topics and partitions are invisible to it: minutes, not at once.
 */
import type { Ctx } from '../core/context';
import type { ConsumerState } from '../world';
import { subscriptionOf } from './subscription';
import { armTimer, wakeLoop } from './thread';

/** A MetadataRequest and its answer (a simplification: answered at once, no latency). */
export function refreshMetadata(ctx: Ctx, c: ConsumerState): void {
  const topics: Record<string, number> = {};
  for (const [name, topic] of Object.entries(ctx.w.topics)) topics[name] = topic.partitions.length;
  const changed = !sameCounts(c.metadata.topics, topics);
  c.metadata = { topics, refreshedAt: ctx.w.now };
  ctx.emit({ type: 'MetadataRefreshed', consumerId: c.consumerId, topics: { ...topics } });
  if (c.mode === 'pattern') c.subscription = subscriptionOf(c, Object.keys(topics));
  armTimer(ctx, c, 'metadata', ctx.w.now + Math.max(1, c.config.metadataMaxAgeMs));
  // poll() compares what the member joined with against what it knows now (nothing to
  // compare when nothing changed: a thread waiting in poll() would wait on).
  if (changed) wakeLoop(ctx, c);
}

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => b[k] === a[k]);
}

/** Partition count of a topic as this client knows it (0: not known to exist). */
export function knownPartitions(c: ConsumerState, topic: string): number {
  return Object.hasOwn(c.metadata.topics, topic) ? c.metadata.topics[topic]! : 0;
}
