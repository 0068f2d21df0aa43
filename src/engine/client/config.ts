/**
 * Kafka consumer configs the simulator understands, with Kafka's defaults
 * (ConsumerConfig). A key it does not model accepts only its default: a different value
 * throws "not supported yet" rather than being silently ignored.
 */
import type { ConfigValue } from '../types';

export interface ResolvedConsumerConfig {
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  maxPollIntervalMs: number;
  enableAutoCommit: boolean;
  autoCommitIntervalMs: number;
  autoOffsetReset: 'latest' | 'earliest' | 'none';
  maxPollRecords: number;
  assignmentStrategies: string[];
  instanceId: string | null;
  clientId: string | null;
  metadataMaxAgeMs: number;
  fetchMinBytes: number;
  fetchMaxWaitMs: number;
  fetchMaxBytes: number;
  maxPartitionFetchBytes: number;
}

type Spec =
  | { kind: 'int'; default: number; min: number; max: number; modelled: boolean }
  | { kind: 'bool'; default: boolean }
  | { kind: 'enum'; default: string; values: string[]; supported: string[] }
  | { kind: 'string'; default: string | null }
  | { kind: 'list'; default: string[] };

const MAX_INT = 2_147_483_647;

export const CONSUMER_CONFIG: Record<string, Spec> = {
  'session.timeout.ms': { kind: 'int', default: 45_000, min: 1, max: MAX_INT, modelled: true },
  'heartbeat.interval.ms': { kind: 'int', default: 3_000, min: 1, max: MAX_INT, modelled: true },
  'max.poll.interval.ms': { kind: 'int', default: 300_000, min: 1, max: MAX_INT, modelled: true },
  'enable.auto.commit': { kind: 'bool', default: true },
  'auto.commit.interval.ms': { kind: 'int', default: 5_000, min: 0, max: MAX_INT, modelled: true },
  'auto.offset.reset': { kind: 'enum', default: 'latest', values: ['latest', 'earliest', 'none'], supported: ['latest', 'earliest', 'none'] },
  'max.poll.records': { kind: 'int', default: 500, min: 1, max: MAX_INT, modelled: true },
  'partition.assignment.strategy': { kind: 'list', default: ['range', 'cooperative-sticky'] },
  'group.instance.id': { kind: 'string', default: null },
  'client.id': { kind: 'string', default: null },
  'metadata.max.age.ms': { kind: 'int', default: 300_000, min: 0, max: MAX_INT, modelled: true },
  'group.assignorName': { kind: 'enum', default: 'classic', values: ['classic', 'consumer'], supported: ['classic'] },
  'fetch.min.bytes': { kind: 'int', default: 1, min: 0, max: MAX_INT, modelled: true },
  'fetch.max.wait.ms': { kind: 'int', default: 500, min: 0, max: MAX_INT, modelled: true },
  'fetch.max.bytes': { kind: 'int', default: 52_428_800, min: 0, max: MAX_INT, modelled: true },
  'max.partition.fetch.bytes': { kind: 'int', default: 1_048_576, min: 0, max: MAX_INT, modelled: true },
  'default.api.timeout.ms': { kind: 'int', default: 60_000, min: 0, max: MAX_INT, modelled: false },
  'request.timeout.ms': { kind: 'int', default: 30_000, min: 0, max: MAX_INT, modelled: false },
};

/** Assignors the classic protocol can run today; the rest arrive with later work. */
const RUNNABLE_ASSIGNORS = ['range', 'roundrobin'];
const KNOWN_ASSIGNORS = ['range', 'roundrobin', 'sticky', 'cooperative-sticky'];

/** Checks and resolves a consumer's config. Throws a clear Error on the first bad key. */
export function resolveConsumerConfig(config: Record<string, ConfigValue> | undefined): {
  resolved: ResolvedConsumerConfig;
  explicit: Set<string>;
} {
  const raw = config ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error('config must be an object of Kafka config keys');
  const values: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(CONSUMER_CONFIG)) values[key] = spec.default;
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'group.id') throw new Error("config 'group.id': pass the group as the command's groupId instead");
    const spec = Object.hasOwn(CONSUMER_CONFIG, key) ? CONSUMER_CONFIG[key] : undefined;
    if (!spec) throw new Error(`unknown consumer config '${key}'`);
    values[key] = parseValue(key, spec, value);
  }
  const resolved: ResolvedConsumerConfig = {
    sessionTimeoutMs: values['session.timeout.ms'] as number,
    heartbeatIntervalMs: values['heartbeat.interval.ms'] as number,
    maxPollIntervalMs: values['max.poll.interval.ms'] as number,
    enableAutoCommit: values['enable.auto.commit'] as boolean,
    autoCommitIntervalMs: values['auto.commit.interval.ms'] as number,
    autoOffsetReset: values['auto.offset.reset'] as ResolvedConsumerConfig['autoOffsetReset'],
    maxPollRecords: values['max.poll.records'] as number,
    assignmentStrategies: [...(values['partition.assignment.strategy'] as string[])],
    instanceId: values['group.instance.id'] as string | null,
    clientId: values['client.id'] as string | null,
    metadataMaxAgeMs: values['metadata.max.age.ms'] as number,
    fetchMinBytes: values['fetch.min.bytes'] as number,
    fetchMaxWaitMs: values['fetch.max.wait.ms'] as number,
    fetchMaxBytes: values['fetch.max.bytes'] as number,
    maxPartitionFetchBytes: values['max.partition.fetch.bytes'] as number,
  };
  if (resolved.heartbeatIntervalMs >= resolved.sessionTimeoutMs) {
    throw new Error(
      `heartbeat.interval.ms (${resolved.heartbeatIntervalMs}) must be lower than session.timeout.ms (${resolved.sessionTimeoutMs})`,
    );
  }
  return { resolved, explicit: new Set(Object.keys(raw)) };
}

function parseValue(key: string, spec: Spec, value: unknown): unknown {
  switch (spec.kind) {
    case 'int': {
      // Like Java's Integer.parseInt: digits only, no '1e3' or '0x10'.
      const n = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < spec.min || n > spec.max) {
        throw new Error(`config '${key}' must be an integer from ${spec.min} to ${spec.max}; got ${JSON.stringify(value)}`);
      }
      if (!spec.modelled && n !== spec.default) {
        throw new Error(`config '${key}' is not supported yet (only its default ${spec.default} is simulated)`);
      }
      return n;
    }
    case 'bool': {
      if (value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true')) return true;
      if (value === false || (typeof value === 'string' && value.trim().toLowerCase() === 'false')) return false;
      throw new Error(`config '${key}' must be true or false; got ${JSON.stringify(value)}`);
    }
    case 'enum': {
      // Kafka reads these case-insensitively.
      const normal = typeof value === 'string' ? value.trim().toLowerCase() : value;
      if (typeof normal !== 'string' || !spec.values.includes(normal)) {
        throw new Error(`config '${key}' must be one of ${spec.values.join(', ')}; got ${JSON.stringify(value)}`);
      }
      if (!spec.supported.includes(normal)) throw new Error(`config '${key}=${normal}' is not supported yet`);
      return normal;
    }
    case 'string': {
      if (typeof value !== 'string' || value.trim() === '') {
        throw new Error(`config '${key}' must be a non-empty string; got ${JSON.stringify(value)}`);
      }
      return value.trim();
    }
    case 'list': {
      if (typeof value !== 'string') throw new Error(`config '${key}' must be a comma-separated list; got ${JSON.stringify(value)}`);
      const names = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
      const short = names.map(shortAssignorName);
      if (short.length === 0) throw new Error(`config '${key}' must name at least one assignor`);
      const unknown = short.find((n) => !KNOWN_ASSIGNORS.includes(n));
      if (unknown) throw new Error(`config '${key}': unknown assignor '${unknown}' (known: ${KNOWN_ASSIGNORS.join(', ')})`);
      if (!RUNNABLE_ASSIGNORS.includes(short[0]!)) {
        throw new Error(`config '${key}': assignor '${short[0]}' is not supported yet (range and roundrobin are)`);
      }
      return short;
    }
  }
}

/** Accepts Kafka's class names too: org.apache.kafka.clients.consumer.RangeAssignor -> range. */
function shortAssignorName(name: string): string {
  const classes: Record<string, string> = {
    RangeAssignor: 'range',
    RoundRobinAssignor: 'roundrobin',
    StickyAssignor: 'sticky',
    CooperativeStickyAssignor: 'cooperative-sticky',
  };
  const simple = name.split('.').pop() ?? name;
  return classes[simple] ?? name.toLowerCase();
}

/** The assignors the coordinator may pick: the runnable ones, in the member's order. */
export function runnableAssignors(strategies: string[]): string[] {
  return strategies.filter((s) => RUNNABLE_ASSIGNORS.includes(s));
}
