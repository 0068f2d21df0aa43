/**
 * Commands: each is fully validated before anything changes, so a bad command throws a
 * clear Error and leaves the world exactly as it was.
 */
import { bringBrokerUp, takeBrokerDown } from './cluster/brokers';
import { recheckHeldFetches } from './cluster/fetch-server';
import { parsePartition, settleProducer } from './cluster/log';
import { coordinatorsByGroup, onCoordinatorsMoved } from './coordinator/failover';
import type { Ctx } from './core/context';
import { onClusterChanged, refreshMetadata } from './client/router';
import { resolveConsumerConfig } from './client/config';
import { createConsumer, crash, requestClose, restart, stall, type ConsumerSpec } from './client/lifecycle';
import { re2jSyntaxError } from './coordinator/consumer/regex';
import type { Command, CommitStrategy } from './types';
import type { ConsumerState, World } from './world';

const MAX_PARTITIONS = 10_000;
/** retention.ms: Kafka's default keeps records for 7 days. */
const DEFAULT_RETENTION_MS = 7 * 24 * 3_600_000;
const MAX_RATE = 10_000_000;
const MAX_STALL_MS = 24 * 3_600_000;
const NAME = /^[A-Za-z0-9._-]{1,249}$/;
const COMMITS: CommitStrategy[] = ['auto', 'sync', 'async', 'async+sync', 'before-processing', 'every-n'];
const SUPPORTED: Command['type'][] = [
  'createTopic', 'addPartitions', 'setProducer', 'addConsumer',
  'crashConsumer', 'closeConsumer', 'restartConsumer', 'stallConsumer', 'refreshMetadata',
  'crashBroker', 'restartBroker', 'setConsumptionModel',
];

/** Throws if the command is malformed or cannot apply to this world; never mutates. */
export function validateCommand(w: World, command: Command): void {
  if (typeof command !== 'object' || command === null || typeof command.type !== 'string') {
    throw new Error('a command must be an object with a "type"');
  }
  if (!SUPPORTED.includes(command.type)) throw new Error(`unknown command type '${String(command.type)}'`);
  switch (command.type) {
    case 'createTopic':
      name('topic', command.topic);
      if (w.topics[command.topic]) throw new Error(`topic '${command.topic}' already exists`);
      count('partitions', command.partitions, 1, MAX_PARTITIONS);
      if (command.retentionMs !== undefined && command.retentionMs !== -1) {
        count('retentionMs (retention.ms; -1 keeps records for ever)', command.retentionMs, 1_000, 2 ** 52);
      }
      return;
    case 'addPartitions': {
      const topic = existingTopic(w, command.topic);
      count('partitions', command.partitions, 1, MAX_PARTITIONS);
      if (command.partitions <= topic.partitions.length) {
        throw new Error(
          `addPartitions takes the new total: '${command.topic}' already has ${topic.partitions.length} partitions and Kafka never removes any`,
        );
      }
      return;
    }
    case 'setProducer':
      existingTopic(w, command.topic);
      if (typeof command.rate !== 'number' || !Number.isFinite(command.rate) || command.rate < 0 || command.rate > MAX_RATE) {
        throw new Error(`rate must be a number of records/s from 0 to ${MAX_RATE}; got ${JSON.stringify(command.rate)}`);
      }
      if (command.recordBytes !== undefined) count('recordBytes', command.recordBytes, 1, 10_485_760);
      return;
    case 'addConsumer':
      consumerSpec(w, command);
      return;
    case 'crashConsumer':
    case 'closeConsumer':
    case 'stallConsumer': {
      const c = existingConsumer(w, command.id);
      if (c.status !== 'running') throw new Error(`consumer '${command.id}' is ${c.status}, not running`);
      if (command.type === 'closeConsumer' && c.closing) throw new Error(`consumer '${command.id}' is already closing`);
      if (command.type === 'stallConsumer') {
        if (typeof command.ms !== 'number' || !Number.isFinite(command.ms) || command.ms <= 0 || command.ms > MAX_STALL_MS) {
          throw new Error(`stall ms must be a positive number up to ${MAX_STALL_MS}; got ${JSON.stringify(command.ms)}`);
        }
      }
      return;
    }
    case 'crashBroker':
    case 'restartBroker': {
      const broker = Number.isInteger(command.broker) ? w.brokers.find((b) => b.id === command.broker) : undefined;
      if (!broker) {
        throw new Error(`unknown broker ${JSON.stringify(command.broker)}: the brokers are ${w.brokers.map((b) => b.id).join(', ')}`);
      }
      if (command.type === 'crashBroker' && broker.status === 'down') throw new Error(`broker ${broker.id} is already down`);
      if (command.type === 'restartBroker' && broker.status === 'up') throw new Error(`broker ${broker.id} is up; crash it before a restart`);
      return;
    }
    case 'refreshMetadata': {
      const c = existingConsumer(w, command.id);
      if (c.status !== 'running') throw new Error(`consumer '${command.id}' is ${c.status}, not running`);
      return;
    }
    case 'restartConsumer': {
      const c = existingConsumer(w, command.id);
      if (c.status === 'running') throw new Error(`consumer '${command.id}' is running; crash or close it before a restart`);
      return;
    }
    case 'setConsumptionModel':
      if (command.model !== 'discrete' && command.model !== 'analytic') {
        throw new Error(`model must be 'discrete' or 'analytic'; got ${JSON.stringify(command.model)}`);
      }
      return;
  }
}

/** Applies a validated command at the current virtual time. */
export function applyCommand(ctx: Ctx, command: Command): void {
  const { w } = ctx;
  switch (command.type) {
    case 'createTopic':
      w.topics[command.topic] = {
        partitions: Array.from({ length: command.partitions }, () => ({ logStart: 0, base: 0 })),
        retentionMs: command.retentionMs ?? DEFAULT_RETENTION_MS,
        history: [],
      };
      ctx.emit({ type: 'TopicCreated', topic: command.topic, partitions: command.partitions });
      return clusterChanged(ctx);
    case 'addPartitions': {
      settleProducer(w, command.topic);
      const topic = w.topics[command.topic]!;
      const from = topic.partitions.length;
      while (topic.partitions.length < command.partitions) topic.partitions.push({ logStart: 0, base: 0 });
      const producer = w.producers[command.topic];
      if (producer) producer.cursor %= topic.partitions.length;
      ctx.emit({ type: 'PartitionsAdded', topic: command.topic, from, to: command.partitions });
      return clusterChanged(ctx);
    }
    case 'setProducer': {
      settleProducer(w, command.topic);
      const producer = (w.producers[command.topic] ??= { rate: 0, since: w.now, cursor: 0 });
      producer.rate = command.rate;
      if (command.recordBytes !== undefined) w.recordBytes[command.topic] = command.recordBytes;
      producer.since = w.now;
      ctx.emit({ type: 'ProducerRateChanged', topic: command.topic, rate: command.rate });
      return clusterChanged(ctx);
    }
    case 'addConsumer':
      return createConsumer(ctx, consumerSpec(w, command));
    case 'crashConsumer':
      return crash(ctx, w.consumers[command.id]!);
    case 'closeConsumer':
      return requestClose(ctx, w.consumers[command.id]!);
    case 'restartConsumer':
      return restart(ctx, w.consumers[command.id]!);
    case 'stallConsumer':
      return stall(ctx, w.consumers[command.id]!, command.ms);
    case 'refreshMetadata':
      return refreshMetadata(ctx, w.consumers[command.id]!);
    case 'crashBroker': {
      const before = coordinatorsByGroup(w);
      takeBrokerDown(w, command.broker);
      ctx.emit({ type: 'BrokerCrashed', broker: command.broker });
      return onCoordinatorsMoved(ctx, before);
    }
    case 'restartBroker': {
      const before = coordinatorsByGroup(w);
      bringBrokerUp(w, command.broker);
      ctx.emit({ type: 'BrokerRestarted', broker: command.broker });
      return onCoordinatorsMoved(ctx, before);
    }
    case 'setConsumptionModel':
      // Every analytic consumer was handed back to discrete fetching before any command.
      w.consumptionModel = command.model;
      return;
  }
}

/** Data lands on partitions at new times: held fetches and sleeping pollers look again. */
function clusterChanged(ctx: Ctx): void {
  recheckHeldFetches(ctx);
  onClusterChanged(ctx);
}

function consumerSpec(w: World, command: Extract<Command, { type: 'addConsumer' }>): ConsumerSpec {
  name('consumer id', command.id, /^[A-Za-z0-9._-]{1,64}$/);
  if (w.consumers[command.id]) throw new Error(`consumer '${command.id}' already exists`);
  const groupId = command.groupId ?? null;
  if (groupId !== null) name('groupId', groupId);
  const ways = [command.subscribe, command.pattern, command.subscriptionPattern, command.assign].filter((x) => x !== undefined).length;
  if (ways !== 1) {
    throw new Error('a consumer needs exactly one of subscribe, pattern, subscriptionPattern or assign (Kafka forbids mixing them)');
  }
  if ((command.subscribe || command.pattern !== undefined || command.subscriptionPattern !== undefined) && groupId === null) {
    throw new Error('subscribe, pattern and subscriptionPattern need a groupId (InvalidGroupIdException in Kafka); use assign for a standalone consumer');
  }
  if (command.subscribe !== undefined) {
    if (!Array.isArray(command.subscribe) || command.subscribe.length === 0) throw new Error('subscribe must be a non-empty list of topics');
    command.subscribe.forEach((t) => name('subscribed topic', t));
  }
  if (command.pattern !== undefined) {
    if (typeof command.pattern !== 'string' || command.pattern === '') throw new Error('pattern must be a non-empty regular expression');
    try {
      new RegExp(command.pattern);
    } catch (error) {
      throw new Error(`pattern is not a valid regular expression: ${(error as Error).message}`);
    }
  }
  if (command.subscriptionPattern !== undefined) subscriptionPattern(command.subscriptionPattern);
  if (command.assign !== undefined) {
    if (!Array.isArray(command.assign) || command.assign.length === 0) throw new Error('assign must be a non-empty list of "topic-N" partitions');
    if (command.groupId !== undefined) name('groupId', command.groupId);
    for (const id of command.assign) {
      const parsed = typeof id === 'string' ? parsePartition(id) : null;
      const topic = parsed && Object.hasOwn(w.topics, parsed.topic) ? w.topics[parsed.topic] : undefined;
      if (!parsed || !topic || parsed.index >= topic.partitions.length) {
        throw new Error(`assign: '${String(id)}' is not an existing partition ("topic-N")`);
      }
    }
  }
  const processingMs = command.processingMs ?? 0;
  if (typeof processingMs !== 'number' || !Number.isFinite(processingMs) || processingMs < 0 || processingMs > 600_000) {
    throw new Error(`processingMs must be a number from 0 to 600000; got ${JSON.stringify(command.processingMs)}`);
  }
  const { resolved, explicit } = resolveConsumerConfig(command.config);
  if (command.subscriptionPattern !== undefined && resolved.groupProtocol !== 'consumer') {
    throw new Error(
      'subscriptionPattern needs group.protocol=consumer: the classic protocol cannot send a regex to the broker (UnsupportedOperationException in Kafka); use pattern',
    );
  }
  if (groupId === null) {
    // KafkaConsumer without group.id: auto commit off by default, refused when asked for.
    if (explicit.has('enable.auto.commit') && resolved.enableAutoCommit) {
      throw new Error("config 'enable.auto.commit' cannot be true without a groupId (InvalidConfigurationException in Kafka)");
    }
    if (command.commit !== undefined) {
      throw new Error(`commit '${command.commit}' needs a groupId: a consumer without group.id cannot commit offsets (InvalidGroupIdException in Kafka)`);
    }
    resolved.enableAutoCommit = false;
  }
  if (command.commit !== undefined && !COMMITS.includes(command.commit)) {
    throw new Error(`commit must be one of ${COMMITS.join(', ')}; got ${JSON.stringify(command.commit)}`);
  }
  // A manual commit strategy implies enable.auto.commit=false unless the config says otherwise.
  if (command.commit !== undefined && command.commit !== 'auto' && !explicit.has('enable.auto.commit')) {
    resolved.enableAutoCommit = false;
  }
  if (command.commit === 'auto' && !resolved.enableAutoCommit) throw new Error("commit 'auto' needs enable.auto.commit=true");
  const commit = command.commit ?? (resolved.enableAutoCommit ? 'auto' : 'sync');
  if (command.commitEveryRecords !== undefined) {
    if (commit !== 'every-n') throw new Error("commitEveryRecords goes with commit 'every-n'");
    count('commitEveryRecords', command.commitEveryRecords, 1, 1_000_000_000);
  }
  if (command.onRevoked !== undefined && command.onRevoked !== 'commit' && command.onRevoked !== 'nothing') {
    throw new Error(`onRevoked must be 'commit' or 'nothing'; got ${JSON.stringify(command.onRevoked)}`);
  }
  if (command.onRevoked === 'commit' && groupId === null) throw new Error("onRevoked 'commit' needs a groupId (a consumer without group.id cannot commit)");
  if (resolved.instanceId !== null) {
    const taken = Object.values(w.consumers).find((c) => c.config.instanceId === resolved.instanceId && c.groupId === groupId);
    if (taken) throw new Error(`group.instance.id '${resolved.instanceId}' is already used by consumer '${taken.consumerId}'`);
  }
  const mode: ConsumerState['mode'] = command.assign
    ? 'assign'
    : command.pattern !== undefined
      ? 'pattern'
      : command.subscriptionPattern !== undefined
        ? 'regex'
        : 'subscribe';
  return {
    consumerId: command.id,
    groupId,
    config: resolved,
    mode,
    subscribeTopics: command.subscribe ? [...command.subscribe] : [],
    pattern: command.pattern ?? command.subscriptionPattern ?? null,
    // KafkaConsumer.assign() takes a collection and keeps it as a set.
    manualPartitions: command.assign ? [...new Set(command.assign)] : [],
    processingMs,
    commit,
    commitEveryRecords: command.commitEveryRecords ?? 1_000,
    onRevoked: command.onRevoked ?? 'nothing',
  };
}

/**
 * subscribe(SubscriptionPattern): an RE2J regex the group coordinator resolves, which only
 * the consumer protocol carries (Kafka's classic KafkaConsumer throws
 * UnsupportedOperationException); an invalid one is refused with RE2J's message (Kafka's
 * coordinator answers INVALID_REGULAR_EXPRESSION).
 */
function subscriptionPattern(regex: unknown): void {
  if (typeof regex !== 'string' || regex === '') throw new Error('subscriptionPattern must be a non-empty RE2J regular expression');
  const error = re2jSyntaxError(regex);
  if (error !== null) throw new Error(`subscriptionPattern is not a valid RE2J regular expression: ${error}`);
}

function name(what: string, value: unknown, pattern = NAME): void {
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new Error(`${what} must be letters, digits, '.', '_' or '-'; got ${JSON.stringify(value)}`);
  }
  if (value === '.' || value === '..') throw new Error(`${what} cannot be "." or ".." (Kafka forbids them)`);
  // The world keys its records by these names; JavaScript's built-in property names
  // ('constructor', '__proto__', ...) would collide. Legal in Kafka, refused here.
  if (value in Object.prototype) throw new Error(`${what} '${value}' is a reserved name in this simulator; choose another`);
}

function count(what: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${what} must be an integer from ${min} to ${max}; got ${JSON.stringify(value)}`);
  }
}

function existingTopic(w: World, topic: string) {
  const state = Object.hasOwn(w.topics, topic) ? w.topics[topic] : undefined;
  if (!state) throw new Error(`unknown topic '${String(topic)}'`);
  return state;
}

function existingConsumer(w: World, id: string): ConsumerState {
  const c = Object.hasOwn(w.consumers, id) ? w.consumers[id] : undefined;
  if (!c) throw new Error(`unknown consumer '${String(id)}'`);
  return c;
}
