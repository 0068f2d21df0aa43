import type { ConfigValue, ConsumerSnapshot } from '../../engine/types';

/**
 * The consumer configs the inspector edits: the keys the engine models
 * (src/engine/consumer/config.ts). The engine validates each value; this list only says
 * which fields to draw and how.
 */
export const CONFIG_FIELDS: readonly { key: string; kind: 'int' | 'bool' | 'enum' | 'text'; values?: string[] }[] = [
  { key: 'session.timeout.ms', kind: 'int' },
  { key: 'heartbeat.interval.ms', kind: 'int' },
  { key: 'max.poll.interval.ms', kind: 'int' },
  { key: 'max.poll.records', kind: 'int' },
  { key: 'enable.auto.commit', kind: 'bool' },
  { key: 'auto.commit.interval.ms', kind: 'int' },
  { key: 'auto.offset.reset', kind: 'enum', values: ['latest', 'earliest', 'none'] },
  { key: 'partition.assignment.strategy', kind: 'text' },
  { key: 'group.instance.id', kind: 'text' },
  // KIP-848: 'consumer' is refused by the engine until the consumer protocol lands; its message shows here.
  { key: 'group.protocol', kind: 'enum', values: ['classic', 'consumer'] },
];

/** The consumer's configs now, as the inspector's form values (strings). */
export function configValuesOf(c: ConsumerSnapshot, assignor: string | undefined, protocol?: string): Record<string, string> {
  return {
    'session.timeout.ms': String(c.config.sessionTimeoutMs),
    'heartbeat.interval.ms': String(c.config.heartbeatIntervalMs),
    'max.poll.interval.ms': String(c.config.maxPollIntervalMs),
    'max.poll.records': String(c.config.maxPollRecords),
    'enable.auto.commit': String(c.config.enableAutoCommit),
    'auto.commit.interval.ms': String(c.config.autoCommitIntervalMs),
    'auto.offset.reset': c.config.autoOffsetReset,
    'partition.assignment.strategy': assignor ?? 'range',
    'group.instance.id': c.instanceId ?? '',
    'group.protocol': protocol === 'consumer' ? 'consumer' : 'classic',
  };
}

/**
 * Form strings → the config a new consumer carries: every modelled number, flag and enum
 * (so what the old consumer had is kept), text keys only when set; the assignment strategy
 * only when changed (the form shows the group's assignor, not the client's whole list).
 */
export function configFromForm(values: Record<string, string>, base: Record<string, string>): Record<string, ConfigValue> {
  const out: Record<string, ConfigValue> = {};
  for (const field of CONFIG_FIELDS) {
    const v = values[field.key] ?? '';
    if (field.kind === 'text' && (v.trim() === '' || (field.key === 'partition.assignment.strategy' && v === base[field.key]))) continue;
    out[field.key] = field.kind === 'int' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : field.kind === 'bool' ? v === 'true' : v;
  }
  return out;
}

/** The config key an engine message is about ("config 'session.timeout.ms' must be ..."), if any. */
export function keyInMessage(message: string): string | null {
  for (const field of CONFIG_FIELDS) if (message.includes(field.key)) return field.key;
  return null;
}
