import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConfigValue } from '../types';
import { CONSUMER_CONFIG, resolveConsumerConfig } from './config';

const resolve = (config?: Record<string, ConfigValue>) => resolveConsumerConfig(config).resolved;

describe('resolveConsumerConfig: defaults', () => {
  it("uses Kafka's ConsumerConfig defaults when nothing is set", () => {
    const { resolved, explicit } = resolveConsumerConfig(undefined);
    expect(resolved).toEqual({
      sessionTimeoutMs: 45_000,
      heartbeatIntervalMs: 3_000,
      maxPollIntervalMs: 300_000,
      enableAutoCommit: true,
      autoCommitIntervalMs: 5_000,
      autoOffsetReset: 'latest',
      maxPollRecords: 500,
      assignmentStrategies: ['range', 'cooperative-sticky'],
      instanceId: null,
      clientId: null,
      metadataMaxAgeMs: 300_000,
      fetchMinBytes: 1,
      fetchMaxWaitMs: 500,
      fetchMaxBytes: 52_428_800,
      maxPartitionFetchBytes: 1_048_576,
      groupProtocol: 'classic',
      remoteAssignor: null,
    });
    expect([...explicit]).toEqual([]);
  });

  it('treats an empty object like no config', () => {
    expect(resolve({})).toEqual(resolve(undefined));
  });

  it("lists Kafka's defaults for the keys it only accepts at their default", () => {
    expect(CONSUMER_CONFIG['fetch.min.bytes']).toMatchObject({ default: 1 });
    expect(CONSUMER_CONFIG['fetch.max.wait.ms']).toMatchObject({ default: 500 });
    expect(CONSUMER_CONFIG['fetch.max.bytes']).toMatchObject({ default: 52_428_800 });
    expect(CONSUMER_CONFIG['max.partition.fetch.bytes']).toMatchObject({ default: 1_048_576 });
    expect(CONSUMER_CONFIG['default.api.timeout.ms']).toMatchObject({ default: 60_000 });
    expect(CONSUMER_CONFIG['request.timeout.ms']).toMatchObject({ default: 30_000 });
    expect(CONSUMER_CONFIG['group.protocol']).toMatchObject({ default: 'classic' });
  });

  it('does not share the default assignor list between calls', () => {
    const a = resolve();
    const b = resolve();
    expect(a.assignmentStrategies).toEqual(['range', 'cooperative-sticky']);
    expect(a.assignmentStrategies).not.toBe(b.assignmentStrategies);
  });
});

describe('resolveConsumerConfig: values', () => {
  it('accepts numbers and numeric strings for int keys', () => {
    const resolved = resolve({
      'session.timeout.ms': '10000',
      'heartbeat.interval.ms': 2_000,
      'max.poll.interval.ms': ' 60000 ',
      'auto.commit.interval.ms': '0',
      'max.poll.records': '1',
    });
    expect(resolved).toMatchObject({
      sessionTimeoutMs: 10_000,
      heartbeatIntervalMs: 2_000,
      maxPollIntervalMs: 60_000,
      autoCommitIntervalMs: 0,
      maxPollRecords: 1,
    });
  });

  it('round-trips any in-range integer given as a string', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2_147_483_647 }), (n) => {
        expect(resolve({ 'max.poll.records': String(n) }).maxPollRecords).toBe(n);
      }),
    );
  });

  it('rejects non-integers, out-of-range and non-numeric values, naming the key and the value', () => {
    const bad: [string, ConfigValue][] = [
      ['max.poll.records', 0],
      ['max.poll.records', -1],
      ['max.poll.records', 1.5],
      ['max.poll.records', '1.5'],
      ['max.poll.records', 'abc'],
      ['max.poll.records', ''],
      ['max.poll.records', '   '],
      ['max.poll.records', true],
      ['max.poll.records', 2_147_483_648],
      ['session.timeout.ms', Number.NaN],
      ['auto.commit.interval.ms', -1],
    ];
    for (const [key, value] of bad) {
      expect(() => resolve({ [key]: value }), `${key}=${String(value)}`).toThrow(
        new RegExp(`^config '${key.replace(/\./g, '\\.')}' must be an integer from \\d+ to 2147483647; got `),
      );
    }
    expect(() => resolve({ 'max.poll.records': 'abc' })).toThrow(/got "abc"$/);
  });

  it("accepts booleans and 'true'/'false' strings for enable.auto.commit, nothing else", () => {
    expect(resolve({ 'enable.auto.commit': false }).enableAutoCommit).toBe(false);
    expect(resolve({ 'enable.auto.commit': 'false' }).enableAutoCommit).toBe(false);
    expect(resolve({ 'enable.auto.commit': 'true' }).enableAutoCommit).toBe(true);
    expect(resolve({ 'enable.auto.commit': true }).enableAutoCommit).toBe(true);
    expect(() => resolve({ 'enable.auto.commit': 1 })).toThrow("config 'enable.auto.commit' must be true or false; got 1");
    expect(() => resolve({ 'enable.auto.commit': 'yes' })).toThrow(/must be true or false; got "yes"/);
  });

  it('accepts the three auto.offset.reset values and rejects others', () => {
    expect(resolve({ 'auto.offset.reset': 'earliest' }).autoOffsetReset).toBe('earliest');
    expect(resolve({ 'auto.offset.reset': 'none' }).autoOffsetReset).toBe('none');
    expect(resolve({ 'auto.offset.reset': 'latest' }).autoOffsetReset).toBe('latest');
    expect(() => resolve({ 'auto.offset.reset': 'smallest' })).toThrow(
      `config 'auto.offset.reset' must be one of latest, earliest, none; got "smallest"`,
    );
  });

  it('trims group.instance.id and client.id and rejects empty ones', () => {
    expect(resolve({ 'group.instance.id': ' static-1 ', 'client.id': 'app' })).toMatchObject({ instanceId: 'static-1', clientId: 'app' });
    expect(() => resolve({ 'group.instance.id': '  ' })).toThrow(/config 'group\.instance\.id' must be a non-empty string/);
    expect(() => resolve({ 'client.id': 5 })).toThrow(/config 'client\.id' must be a non-empty string; got 5/);
  });

  it('reports the keys that were set explicitly', () => {
    const { explicit } = resolveConsumerConfig({ 'enable.auto.commit': true, 'max.poll.records': 500 });
    expect([...explicit].sort()).toEqual(['enable.auto.commit', 'max.poll.records']);
  });
});

describe('resolveConsumerConfig: rejected keys', () => {
  it('throws on an unknown key, naming it', () => {
    expect(() => resolve({ 'session.timeout': 10_000 })).toThrow("unknown consumer config 'session.timeout'");
    expect(() => resolve({ 'bootstrap.servers': 'localhost:9092' })).toThrow("unknown consumer config 'bootstrap.servers'");
  });

  it('rejects group.id with a hint to use the command groupId', () => {
    expect(() => resolve({ 'group.id': 'g' })).toThrow("config 'group.id': pass the group as the command's groupId instead");
  });

  it('rejects a config that is not an object', () => {
    expect(() => resolveConsumerConfig('x' as unknown as Record<string, ConfigValue>)).toThrow('config must be an object of Kafka config keys');
    expect(() => resolveConsumerConfig([] as unknown as Record<string, ConfigValue>)).toThrow('config must be an object of Kafka config keys');
  });

  it('throws on keys that are Object.prototype members, like any unknown key', () => {
    expect(() => resolve({ toString: 'x' })).toThrow("unknown consumer config 'toString'");
    expect(() => resolve({ constructor: 1 })).toThrow("unknown consumer config 'constructor'");
  });
});

describe('resolveConsumerConfig: heartbeat vs session', () => {
  it('throws when heartbeat.interval.ms >= session.timeout.ms', () => {
    expect(() => resolve({ 'heartbeat.interval.ms': 45_000 })).toThrow(
      'heartbeat.interval.ms (45000) must be lower than session.timeout.ms (45000)',
    );
    expect(() => resolve({ 'session.timeout.ms': 2_000 })).toThrow(
      'heartbeat.interval.ms (3000) must be lower than session.timeout.ms (2000)',
    );
  });

  it('accepts a heartbeat just below the session timeout', () => {
    expect(resolve({ 'session.timeout.ms': 3_001 })).toMatchObject({ sessionTimeoutMs: 3_001, heartbeatIntervalMs: 3_000 });
  });

  it('compares the resolved numbers, not the strings', () => {
    // '10000' < '9000' as strings; as numbers the heartbeat is lower.
    expect(resolve({ 'session.timeout.ms': '10000', 'heartbeat.interval.ms': '9000' })).toMatchObject({
      sessionTimeoutMs: 10_000,
      heartbeatIntervalMs: 9_000,
    });
  });
});

describe('resolveConsumerConfig: unmodelled keys and protocols', () => {
  it('accepts an unmodelled key at its default, as number or string', () => {
    expect(() => resolve({ 'fetch.min.bytes': 1, 'fetch.max.wait.ms': '500', 'request.timeout.ms': 30_000 })).not.toThrow();
  });

  it('throws "not supported yet" for a non-default value of an unmodelled key', () => {
    expect(() => resolve({ 'request.timeout.ms': 5 })).toThrow(
      "config 'request.timeout.ms' is not supported yet (only its default 30000 is simulated)",
    );
    expect(() => resolve({ 'default.api.timeout.ms': '1000' })).toThrow(/'default\.api\.timeout\.ms' is not supported yet/);
  });

  it('still range-checks an unmodelled key before saying "not supported"', () => {
    expect(() => resolve({ 'request.timeout.ms': -1 })).toThrow(/must be an integer from 0 to 2147483647/);
  });

  it('accepts group.protocol=classic and consumer (KIP-848)', () => {
    expect(() => resolve({ 'group.protocol': 'classic' })).not.toThrow();
    expect(resolve({ 'group.protocol': 'CONSUMER' }).groupProtocol).toBe('consumer');
    expect(() => resolve({ 'group.protocol': 'share' })).toThrow(/must be one of classic, consumer/);
  });
});

describe('resolveConsumerConfig: partition.assignment.strategy', () => {
  const strategies = (value: string) => resolve({ 'partition.assignment.strategy': value }).assignmentStrategies;

  it('accepts short names and Kafka class names', () => {
    expect(strategies('roundrobin')).toEqual(['roundrobin']);
    expect(strategies('range')).toEqual(['range']);
    expect(strategies('org.apache.kafka.clients.consumer.RoundRobinAssignor')).toEqual(['roundrobin']);
    expect(strategies('org.apache.kafka.clients.consumer.RangeAssignor')).toEqual(['range']);
  });

  it('keeps a comma-separated list in order, trimmed, with class names shortened', () => {
    expect(strategies(' range , org.apache.kafka.clients.consumer.CooperativeStickyAssignor ')).toEqual([
      'range',
      'cooperative-sticky',
    ]);
    expect(strategies('roundrobin,sticky,range')).toEqual(['roundrobin', 'sticky', 'range']);
  });

  it('takes the sticky assignors, alone or with others', () => {
    expect(strategies('sticky')).toEqual(['sticky']);
    expect(strategies('cooperative-sticky,range')).toEqual(['cooperative-sticky', 'range']);
    expect(strategies('org.apache.kafka.clients.consumer.StickyAssignor')).toEqual(['sticky']);
    expect(strategies('cooperative-sticky')).toEqual(['cooperative-sticky']);
  });

  it('throws on an unknown assignor, naming it, even after a runnable one', () => {
    expect(() => strategies('fair')).toThrow(
      "config 'partition.assignment.strategy': unknown assignor 'fair' (known: range, roundrobin, sticky, cooperative-sticky)",
    );
    expect(() => strategies('range,uniform')).toThrow(/unknown assignor 'uniform'/);
  });

  it('throws on an empty list or a non-string value', () => {
    expect(() => strategies(' , ')).toThrow("config 'partition.assignment.strategy' must name at least one assignor");
    expect(() => resolve({ 'partition.assignment.strategy': 3 })).toThrow(/must be a comma-separated list; got 3/);
  });
});

describe('configs a group protocol refuses (ConsumerConfig.checkUnsupportedConfigsPostProcess)', () => {
  it("refuses the classic-only configs under group.protocol=consumer, with Kafka's message and order", () => {
    expect(() => resolve({ 'group.protocol': 'consumer', 'session.timeout.ms': 10_000 })).toThrow(
      'session.timeout.ms cannot be set when group.protocol=CONSUMER',
    );
    expect(() => resolve({ 'group.protocol': 'consumer', 'heartbeat.interval.ms': 1_000 })).toThrow(
      'heartbeat.interval.ms cannot be set when group.protocol=CONSUMER',
    );
    expect(() =>
      resolve({ 'session.timeout.ms': 10_000, 'partition.assignment.strategy': 'range', 'group.protocol': 'consumer', 'heartbeat.interval.ms': 1_000 }),
    ).toThrow('partition.assignment.strategy, heartbeat.interval.ms, session.timeout.ms cannot be set when group.protocol=CONSUMER');
  });
  it('refuses group.remote.assignor under classic, and resolves it under consumer', () => {
    expect(() => resolve({ 'group.remote.assignor': 'range' })).toThrow('group.remote.assignor cannot be set when group.protocol=CLASSIC');
    expect(resolve({ 'group.protocol': 'consumer', 'group.remote.assignor': 'org.apache.kafka.coordinator.group.assignor.RangeAssignor' }).remoteAssignor).toBe('range');
    expect(resolve({ 'group.protocol': 'consumer' }).remoteAssignor).toBeNull();
    expect(() => resolve({ 'group.protocol': 'consumer', 'group.remote.assignor': 'sticky' })).toThrow(/unknown assignor 'sticky' \(known: uniform, range\)/);
  });
});
