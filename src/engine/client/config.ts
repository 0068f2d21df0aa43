/**
 * Kafka consumer configs the simulator understands, with Kafka's defaults
 * (ConsumerConfig). A key it does not model accepts only its default: a different value
 * throws "not supported yet" rather than being silently ignored.
 */
import { pickRebalanceProtocol, resolveBrokerAssignor, resolveClientAssignor } from '../assignors/registry';
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
  /** group.protocol: 'classic' (JoinGroup/SyncGroup) or 'consumer' (KIP-848's ConsumerGroupHeartbeat). */
  groupProtocol: 'classic' | 'consumer';
  /** group.remote.assignor: the broker-side assignor this member asks for; null = the broker's first. */
  remoteAssignor: string | null;
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
  'group.protocol': { kind: 'enum', default: 'classic', values: ['classic', 'consumer'], supported: ['classic', 'consumer'] },
  'group.remote.assignor': { kind: 'string', default: null },
  'fetch.min.bytes': { kind: 'int', default: 1, min: 0, max: MAX_INT, modelled: true },
  'fetch.max.wait.ms': { kind: 'int', default: 500, min: 0, max: MAX_INT, modelled: true },
  'fetch.max.bytes': { kind: 'int', default: 52_428_800, min: 0, max: MAX_INT, modelled: true },
  'max.partition.fetch.bytes': { kind: 'int', default: 1_048_576, min: 0, max: MAX_INT, modelled: true },
  'default.api.timeout.ms': { kind: 'int', default: 60_000, min: 0, max: MAX_INT, modelled: false },
  'request.timeout.ms': { kind: 'int', default: 30_000, min: 0, max: MAX_INT, modelled: false },
};


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
    groupProtocol: values['group.protocol'] as ResolvedConsumerConfig['groupProtocol'],
    remoteAssignor: values['group.remote.assignor'] === null ? null : resolveBrokerAssignor(values['group.remote.assignor'] as string).name,
  };
  checkProtocolConfigs(resolved.groupProtocol, raw);
  if (resolved.groupProtocol === 'classic' && resolved.heartbeatIntervalMs >= resolved.sessionTimeoutMs) {
    throw new Error(
      `heartbeat.interval.ms (${resolved.heartbeatIntervalMs}) must be lower than session.timeout.ms (${resolved.sessionTimeoutMs})`,
    );
  }
  return { resolved, explicit: new Set(Object.keys(raw)) };
}

/**
 * Configs one group protocol refuses, in Kafka's order and with its message
 * (ConsumerConfig.CONSUMER_PROTOCOL_UNSUPPORTED_CONFIGS / CLASSIC_PROTOCOL_UNSUPPORTED_CONFIGS,
 * checkUnsupportedConfigsPostProcess): under the consumer protocol the broker runs the
 * assignor and sets the session timeout and heartbeat interval.
 */
const UNSUPPORTED_BY: Record<'classic' | 'consumer', string[]> = {
  classic: ['group.remote.assignor'],
  consumer: ['partition.assignment.strategy', 'heartbeat.interval.ms', 'session.timeout.ms'],
};

function checkProtocolConfigs(protocol: 'classic' | 'consumer', raw: Record<string, ConfigValue>): void {
  const invalid = UNSUPPORTED_BY[protocol].filter((key) => Object.hasOwn(raw, key) && String(raw[key]).trim() !== '');
  if (invalid.length > 0) throw new Error(`${invalid.join(', ')} cannot be set when group.protocol=${protocol.toUpperCase()}`);
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
      if (names.length === 0) throw new Error(`config '${key}' must name at least one assignor`);
      // Short names or Kafka's class names, as the registry knows them.
      const short = [...new Set(names.map((n) => resolveClientAssignor(n, key).name))];
      pickRebalanceProtocol(short); // throws when the assignors share no rebalance protocol
      return short;
    }
  }
}
