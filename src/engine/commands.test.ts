/**
 * Command validation through the public API: every invalid command throws a clear Error and
 * changes nothing (hash, snapshot, events, command log, clock), and the world then runs on
 * exactly as if the command had never been sent.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation, type Command, type Simulation } from './index';

/**
 * A world with some history: two topics, a producer, a group with a dynamic and a static
 * member, a crashed consumer and a closed standalone one, 15 s in.
 */
function world(): Simulation {
  const sim = createSimulation({ seed: 7 });
  sim.dispatch({ type: 'createTopic', topic: 'orders', partitions: 3 });
  sim.dispatch({ type: 'createTopic', topic: 'payments', partitions: 2 });
  sim.dispatch({ type: 'setProducer', topic: 'orders', rate: 20 });
  sim.dispatch({ type: 'addConsumer', id: 'a', groupId: 'g', subscribe: ['orders'], processingMs: 5 });
  sim.dispatch({ type: 'addConsumer', id: 'b', groupId: 'g', subscribe: ['orders'], config: { 'group.instance.id': 'static-b' } });
  sim.dispatch({ type: 'addConsumer', id: 'dead', groupId: 'g2', subscribe: ['payments'] });
  sim.dispatch({ type: 'addConsumer', id: 'gone', assign: ['payments-0'] });
  sim.advance(10_000);
  sim.dispatch({ type: 'crashConsumer', id: 'dead' });
  sim.dispatch({ type: 'closeConsumer', id: 'gone' });
  sim.advance(5_000);
  return sim;
}

/** Everything observable about a simulation. */
function observe(sim: Simulation) {
  return {
    now: sim.now,
    hash: sim.hash(),
    snapshot: sim.snapshot(),
    events: sim.events(),
    commands: structuredClone(sim.commandLog()),
  };
}

function thrown(fn: () => void): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to throw');
}

/**
 * Dispatches `command` on `sim` and expects a plain Error (not a TypeError from deep inside)
 * whose message matches, with nothing changed; then checks that the world runs on exactly
 * like a twin that never saw the command.
 */
function expectRejected(make: () => Simulation, command: Command, message: string | RegExp): void {
  const sim = make();
  const before = observe(sim);
  const error = thrown(() => sim.dispatch(command));
  expect(error.constructor).toBe(Error);
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
  expect(observe(sim)).toEqual(before);

  const twin = make();
  sim.advance(30_000);
  twin.advance(30_000);
  expect(sim.hash()).toBe(twin.hash());
}

/** Casts malformed input past the type checker, as a scenario file or the UI might send it. */
const raw = (command: unknown) => command as Command;

describe('the world used by these tests', () => {
  it('has a running group, a crashed and a closed consumer', () => {
    const snap = world().snapshot();
    expect(snap.now).toBe(15_000);
    expect(Object.fromEntries(Object.entries(snap.consumers).map(([id, c]) => [id, c.status]))).toEqual({
      a: 'running',
      b: 'running',
      dead: 'crashed',
      gone: 'closed',
    });
    expect(snap.groups.g?.state).toBe('Stable');
    expect(snap.topics.orders?.partitions).toHaveLength(3);
  });

  it('is deterministic, so twins can be compared by hash', () => {
    expect(world().hash()).toBe(world().hash());
  });
});

describe('createTopic validation', () => {
  it('rejects a duplicate topic', () => {
    expectRejected(world, { type: 'createTopic', topic: 'orders', partitions: 3 }, "topic 'orders' already exists");
  });

  it.each(['', 'has space', 'a/b', 'ü', 'x'.repeat(250), 'orders!'])('rejects the bad name %j', (topic) => {
    expectRejected(world, { type: 'createTopic', topic, partitions: 1 }, /^topic must be letters, digits, '\.', '_' or '-'; got /);
  });

  it('rejects a non-string name', () => {
    expectRejected(world, raw({ type: 'createTopic', topic: 42, partitions: 1 }), "topic must be letters, digits, '.', '_' or '-'; got 42");
  });

  it.each([0, 1.5, -1, 10_001, Number.NaN])('rejects %s partitions', (partitions) => {
    expectRejected(world, { type: 'createTopic', topic: 'fresh', partitions }, /^partitions must be an integer from 1 to 10000; got /);
  });

  it('accepts the longest legal name (249 characters)', () => {
    const sim = world();
    sim.dispatch({ type: 'createTopic', topic: 'x'.repeat(249), partitions: 1 });
    expect(sim.snapshot().topics['x'.repeat(249)]?.partitions).toHaveLength(1);
  });

  it.each(['.', '..'])("rejects the name %j as Kafka does", (topic) => {
    expectRejected(world, { type: 'createTopic', topic, partitions: 1 }, /topic/);
  });
});

describe('addPartitions validation', () => {
  it('rejects fewer partitions (Kafka never removes any)', () => {
    expectRejected(
      world,
      { type: 'addPartitions', topic: 'orders', partitions: 2 },
      "addPartitions takes the new total: 'orders' already has 3 partitions and Kafka never removes any",
    );
  });

  it('rejects the same count', () => {
    expectRejected(world, { type: 'addPartitions', topic: 'orders', partitions: 3 }, /'orders' already has 3 partitions/);
  });

  it('rejects an unknown topic', () => {
    expectRejected(world, { type: 'addPartitions', topic: 'nope', partitions: 5 }, "unknown topic 'nope'");
  });

  it.each([0, 4.5, 10_001])('rejects a total of %s partitions', (partitions) => {
    expectRejected(world, { type: 'addPartitions', topic: 'orders', partitions }, /^partitions must be an integer from 1 to 10000; got /);
  });
});

describe('setProducer validation', () => {
  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, 10_000_001])('rejects the rate %s', (rate) => {
    expectRejected(world, { type: 'setProducer', topic: 'orders', rate }, /^rate must be a number of records\/s from 0 to 10000000; got /);
  });

  it('rejects a rate given as a string', () => {
    expectRejected(world, raw({ type: 'setProducer', topic: 'orders', rate: '5' }), 'rate must be a number of records/s from 0 to 10000000; got "5"');
  });

  it('rejects an unknown topic', () => {
    expectRejected(world, { type: 'setProducer', topic: 'nope', rate: 5 }, "unknown topic 'nope'");
  });
});

describe('addConsumer validation', () => {
  type AddConsumer = Extract<Command, { type: 'addConsumer' }>;
  const add = (extra: Partial<AddConsumer>): Command => ({
    type: 'addConsumer',
    id: 'new',
    groupId: 'g',
    subscribe: ['orders'],
    ...extra,
  });

  it('rejects a duplicate id, also of a crashed or closed consumer', () => {
    expectRejected(world, add({ id: 'a' }), "consumer 'a' already exists");
    expectRejected(world, add({ id: 'dead' }), "consumer 'dead' already exists");
    expectRejected(world, add({ id: 'gone' }), "consumer 'gone' already exists");
  });

  it.each(['', 'a b', 'x'.repeat(65), 'ü'])('rejects the consumer id %j', (id) => {
    expectRejected(world, add({ id }), /^consumer id must be letters, digits, '\.', '_' or '-'; got /);
  });

  it('rejects a bad groupId', () => {
    expectRejected(world, add({ groupId: 'my group' }), `groupId must be letters, digits, '.', '_' or '-'; got "my group"`);
  });

  it('rejects a consumer with none of subscribe, pattern or assign', () => {
    expectRejected(
      world,
      { type: 'addConsumer', id: 'new', groupId: 'g' },
      'a consumer needs exactly one of subscribe, pattern, subscriptionPattern or assign (Kafka forbids mixing them)',
    );
  });

  const mixes: [string, Partial<AddConsumer>][] = [
    ['subscribe + assign', { subscribe: ['orders'], assign: ['orders-0'] }],
    ['subscribe + pattern', { subscribe: ['orders'], pattern: 'ord.*' }],
    ['pattern + assign', { subscribe: undefined, pattern: 'ord.*', assign: ['orders-0'] }],
    ['all three', { subscribe: ['orders'], pattern: 'ord.*', assign: ['orders-0'] }],
  ];
  it.each(mixes)('rejects %s at once', (_name, extra) => {
    expectRejected(world, add(extra), /^a consumer needs exactly one of subscribe, pattern, subscriptionPattern or assign/);
  });

  it('rejects subscribe or pattern without a groupId', () => {
    const message = 'subscribe, pattern and subscriptionPattern need a groupId (InvalidGroupIdException in Kafka); use assign for a standalone consumer';
    expectRejected(world, { type: 'addConsumer', id: 'new', subscribe: ['orders'] }, message);
    expectRejected(world, { type: 'addConsumer', id: 'new', pattern: 'orders' }, message);
  });

  it('rejects an empty or malformed subscription', () => {
    expectRejected(world, add({ subscribe: [] }), 'subscribe must be a non-empty list of topics');
    expectRejected(world, raw({ type: 'addConsumer', id: 'new', groupId: 'g', subscribe: 'orders' }), 'subscribe must be a non-empty list of topics');
    expectRejected(world, add({ subscribe: ['orders', 'bad topic'] }), /^subscribed topic must be letters/);
  });

  it('rejects a bad regex pattern, passing on the parser message', () => {
    expectRejected(world, add({ subscribe: undefined, pattern: '(' }), /^pattern is not a valid regular expression: .+/);
    expectRejected(world, add({ subscribe: undefined, pattern: '[a-' }), /^pattern is not a valid regular expression: /);
    expectRejected(world, add({ subscribe: undefined, pattern: '' }), 'pattern must be a non-empty regular expression');
  });

  it.each(['orders-3', 'nope-0', 'orders', 'orders-x', '-1'])('rejects assign of the nonexistent partition %j', (partition) => {
    expectRejected(
      world,
      { type: 'addConsumer', id: 'new', assign: ['orders-0', partition] },
      `assign: '${partition}' is not an existing partition ("topic-N")`,
    );
  });

  it('rejects an empty assign list', () => {
    expectRejected(world, { type: 'addConsumer', id: 'new', assign: [] }, 'assign must be a non-empty list of "topic-N" partitions');
  });

  it('rejects an unknown config key, naming it', () => {
    expectRejected(world, add({ config: { 'fetch.min.byte': 1 } }), "unknown consumer config 'fetch.min.byte'");
  });

  it('rejects group.id in config with a hint', () => {
    expectRejected(world, add({ config: { 'group.id': 'g' } }), "config 'group.id': pass the group as the command's groupId instead");
  });

  it('rejects heartbeat.interval.ms >= session.timeout.ms', () => {
    expectRejected(
      world,
      add({ config: { 'session.timeout.ms': 10_000, 'heartbeat.interval.ms': 10_000 } }),
      'heartbeat.interval.ms (10000) must be lower than session.timeout.ms (10000)',
    );
  });

  it('refuses enable.auto.commit=true and commit strategies without a groupId, as KafkaConsumer does', () => {
    expectRejected(
      world,
      { type: 'addConsumer', id: 'solo', assign: ['orders-0'], config: { 'enable.auto.commit': true } },
      "config 'enable.auto.commit' cannot be true without a groupId (InvalidConfigurationException in Kafka)",
    );
    expectRejected(world, { type: 'addConsumer', id: 'solo', assign: ['orders-0'], commit: 'sync' }, /commit 'sync' needs a groupId/);
  });

  it("names JavaScript built-ins in assign with the engine's message, never a TypeError", () => {
    for (const id of ['toString-1', '__proto__-0', 'constructor-0', 'hasOwnProperty-2']) {
      expectRejected(world, { type: 'addConsumer', id: 'solo', assign: [id] }, `assign: '${id}' is not an existing partition ("topic-N")`);
    }
  });

  it('rejects unsupported config values', () => {
    expectRejected(world, add({ config: { 'request.timeout.ms': 5 } }), /not supported yet/);
    expectRejected(world, add({ config: { 'group.protocol': 'consumer', 'session.timeout.ms': 10_000 } }), 'session.timeout.ms cannot be set when group.protocol=CONSUMER');
  });

  it("rejects commit 'auto' with enable.auto.commit=false", () => {
    expectRejected(world, add({ commit: 'auto', config: { 'enable.auto.commit': false } }), "commit 'auto' needs enable.auto.commit=true");
  });

  it('rejects an unknown commit strategy', () => {
    expectRejected(
      world,
      raw({ type: 'addConsumer', id: 'new', groupId: 'g', subscribe: ['orders'], commit: 'manual' }),
      'commit must be one of auto, sync, async, async+sync, before-processing, every-n; got "manual"',
    );
  });

  it.each([-1, Number.NaN, 600_001])('rejects processingMs %s', (processingMs) => {
    expectRejected(world, add({ processingMs }), /^processingMs must be a number from 0 to 600000; got /);
  });

  it('rejects a group.instance.id already used in the same group', () => {
    expectRejected(
      world,
      add({ config: { 'group.instance.id': 'static-b' } }),
      "group.instance.id 'static-b' is already used by consumer 'b'",
    );
  });

  it("rejects assign of the non-canonical partition id 'orders-01'", () => {
    expectRejected(world, { type: 'addConsumer', id: 'new', assign: ['orders-01'] }, `assign: 'orders-01' is not an existing partition ("topic-N")`);
  });

  it('owns a partition listed twice in assign only once', () => {
    const sim = world();
    sim.dispatch({ type: 'addConsumer', id: 'new', assign: ['orders-0', 'orders-0'] });
    expect(sim.snapshot().consumers.new?.owned).toEqual(['orders-0']);
  });
});

describe('crashConsumer, closeConsumer and stallConsumer validation', () => {
  it.each(['crashConsumer', 'closeConsumer'] as const)('%s rejects unknown, crashed and closed consumers', (type) => {
    expectRejected(world, { type, id: 'nobody' }, "unknown consumer 'nobody'");
    expectRejected(world, { type, id: 'dead' }, "consumer 'dead' is crashed, not running");
    expectRejected(world, { type, id: 'gone' }, "consumer 'gone' is closed, not running");
  });

  it('stallConsumer rejects unknown, crashed and closed consumers', () => {
    expectRejected(world, { type: 'stallConsumer', id: 'nobody', ms: 1_000 }, "unknown consumer 'nobody'");
    expectRejected(world, { type: 'stallConsumer', id: 'dead', ms: 1_000 }, "consumer 'dead' is crashed, not running");
    expectRejected(world, { type: 'stallConsumer', id: 'gone', ms: 1_000 }, "consumer 'gone' is closed, not running");
  });

  it('rejects closing a consumer that is already closing', () => {
    const closing = () => {
      const sim = world();
      sim.dispatch({ type: 'closeConsumer', id: 'a' });
      return sim;
    };
    expect(closing().snapshot().consumers.a?.status).toBe('running');
    expectRejected(closing, { type: 'closeConsumer', id: 'a' }, "consumer 'a' is already closing");
  });

  it.each([0, -5, Number.NaN, 86_400_001])('rejects a stall of %s ms', (ms) => {
    expectRejected(world, { type: 'stallConsumer', id: 'a', ms }, /^stall ms must be a positive number up to 86400000; got /);
  });
});

describe('restartConsumer validation', () => {
  it('rejects restarting a running consumer', () => {
    expectRejected(world, { type: 'restartConsumer', id: 'a' }, "consumer 'a' is running; crash or close it before a restart");
  });

  it('rejects restarting a consumer that is closing (still running)', () => {
    const closing = () => {
      const sim = world();
      sim.dispatch({ type: 'closeConsumer', id: 'b' });
      return sim;
    };
    expectRejected(closing, { type: 'restartConsumer', id: 'b' }, "consumer 'b' is running; crash or close it before a restart");
  });

  it('rejects restarting an unknown consumer', () => {
    expectRejected(world, { type: 'restartConsumer', id: 'nobody' }, "unknown consumer 'nobody'");
  });
});

describe('malformed commands and advance', () => {
  it('rejects an unknown command type', () => {
    expectRejected(world, raw({ type: 'deleteTopic', topic: 'orders' }), "unknown command type 'deleteTopic'");
  });

  it.each([null, undefined, 'createTopic', {}, { type: 7 }])('rejects the non-command %j', (command) => {
    expectRejected(world, raw(command), 'a command must be an object with a "type"');
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('advance(%s) throws and changes nothing', (ms) => {
    const sim = world();
    const before = observe(sim);
    const error = thrown(() => sim.advance(ms));
    expect(error.constructor).toBe(Error);
    expect(error.message).toBe(`advance(ms) needs a finite, non-negative number of ms; got ${String(ms)}`);
    expect(observe(sim)).toEqual(before);
  });

  it('advance(0) is allowed and keeps the clock', () => {
    const sim = world();
    sim.advance(0);
    expect(sim.now).toBe(15_000);
  });
});

describe('names that collide with Object.prototype members', () => {
  /** Snapshot of a built-in's own properties, to undo any pollution a buggy command causes. */
  function guard(target: object, fn: () => void): void {
    const keys = new Set(Reflect.ownKeys(target));
    try {
      fn();
    } finally {
      for (const key of Reflect.ownKeys(target)) if (!keys.has(key)) Reflect.deleteProperty(target, key);
    }
  }

  // World.topics / consumers / groups are plain objects: a name like 'toString' must never
  // resolve to an inherited member of Object.prototype.

  // Decision: these names are legal in Kafka but collide with JavaScript built-ins in the
  // world's records, so the simulator refuses them with a clear message.
  it.each(['constructor', 'toString', '__proto__'])("refuses the built-in name %j for topics, consumers and groups", (reserved) => {
    expectRejected(world, { type: 'createTopic', topic: reserved, partitions: 1 }, /reserved name/);
    expectRejected(world, { type: 'addConsumer', id: reserved, assign: ['orders-0'] }, /reserved name/);
    expectRejected(world, { type: 'addConsumer', id: 'new', groupId: reserved, subscribe: ['orders'] }, /reserved name/);
    expectRejected(world, { type: 'addConsumer', id: 'new', groupId: 'g3', subscribe: ['orders', reserved] }, /reserved name/);
  });

  it("setProducer on the unknown topic 'toString' says so", () => {
    expectRejected(world, { type: 'setProducer', topic: 'toString', rate: 5 }, "unknown topic 'toString'");
  });

  it("crashConsumer of the unknown consumer 'toString' says so", () => {
    expectRejected(world, { type: 'crashConsumer', id: 'toString' }, "unknown consumer 'toString'");
  });

  it("restartConsumer of the unknown consumer 'toString' says so and touches no built-in", () => {
    guard(Object.prototype.toString, () => {
      const ownBefore = Reflect.ownKeys(Object.prototype.toString).length;
      expectRejected(world, { type: 'restartConsumer', id: 'toString' }, "unknown consumer 'toString'");
      expect(Reflect.ownKeys(Object.prototype.toString)).toHaveLength(ownBefore);
    });
  });

  it("rejects the consumer config key 'toString' as unknown", () => {
    expectRejected(world, { type: 'addConsumer', id: 'new', groupId: 'g', subscribe: ['orders'], config: { toString: 'x' } }, "unknown consumer config 'toString'");
  });
});
