/**
 * A fidelity scenario: one JSON file that both worlds play, the engine and a real broker
 * (fidelity/runner). Validated here so a bad file gets a precise message, not a crash.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';

const Name = v.pipe(v.string(), v.regex(/^[A-Za-z0-9._-]{1,100}$/, 'a name of letters, digits, ".", "_" or "-"'));
const Partition = v.pipe(v.string(), v.regex(/^.+-(0|[1-9]\d*)$/, 'a partition as "topic-N"'));
const Ms = v.pipe(v.number(), v.integer(), v.minValue(0));
const Count = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000));
const ConfigValue = v.union([v.string(), v.number(), v.boolean()]);
const Commit = v.picklist(['auto', 'sync', 'async', 'async+sync', 'before-processing', 'every-n']);

const ConsumerSchema = v.pipe(
  v.strictObject({
    id: Name,
    groupId: v.optional(Name),
    subscribe: v.optional(v.array(Name)),
    pattern: v.optional(v.pipe(v.string(), v.minLength(1))),
    assign: v.optional(v.array(Partition)),
    config: v.optional(v.record(v.string(), ConfigValue), {}),
    processingMs: v.optional(Ms, 0),
    commit: v.optional(Commit),
    /** With commit 'every-n': commitAsync(currentOffsets) after every N-th record (the seed's loop). */
    commitEveryRecords: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000))),
    /** The rebalance listener's onPartitionsRevoked: commitSync what was processed, or nothing (default). */
    onRevoked: v.optional(v.picklist(['commit', 'nothing'])),
  }),
  v.check(
    (c) => [c.subscribe, c.pattern, c.assign].filter((x) => x !== undefined).length === 1,
    'a consumer needs exactly one of subscribe, pattern or assign',
  ),
  v.check((c) => !('group.id' in c.config), "put the group in groupId, not in config 'group.id'"),
  v.check((c) => c.commitEveryRecords === undefined || c.commit === 'every-n', "commitEveryRecords goes with commit 'every-n'"),
);

const On = { at: Ms };
const ActionSchema = v.variant('do', [
  v.strictObject({ ...On, do: v.literal('add'), consumer: Name }),
  v.strictObject({ ...On, do: v.literal('crash'), consumer: Name }),
  v.strictObject({ ...On, do: v.literal('close'), consumer: Name }),
  v.strictObject({ ...On, do: v.literal('restart'), consumer: Name }),
  v.strictObject({ ...On, do: v.literal('stall'), consumer: Name, ms: v.pipe(Ms, v.minValue(1)) }),
  v.strictObject({ ...On, do: v.literal('addPartitions'), topic: Name, partitions: Count }),
  v.strictObject({ ...On, do: v.literal('createTopic'), topic: Name, partitions: Count }),
  v.strictObject({ ...On, do: v.literal('setProducer'), topic: Name, rate: v.pipe(v.number(), v.minValue(0)) }),
]);

/** A check named with a reason: a known engine difference, or one that timing decides. "name*" matches a prefix. */
const KnownSchema = v.strictObject({ check: v.pipe(v.string(), v.minLength(1)), reason: v.pipe(v.string(), v.minLength(10)) });

export const ScenarioSchema = v.pipe(
  v.strictObject({
    name: Name,
    story: v.pipe(v.string(), v.minLength(1)),
    durationMs: v.pipe(Ms, v.minValue(1000), v.maxValue(120_000)),
    topics: v.array(v.strictObject({ name: Name, partitions: Count })),
    producers: v.optional(v.array(v.strictObject({ topic: Name, rate: v.pipe(v.number(), v.minValue(0)) })), []),
    consumers: v.pipe(v.array(ConsumerSchema), v.minLength(1)),
    actions: v.array(ActionSchema),
    /** Timing bands (ms) that override compare.ts's defaults for this scenario. */
    bands: v.optional(v.record(v.string(), Ms), {}),
    known: v.optional(v.array(KnownSchema), []),
    /** Must checks whose outcome a real machine's timing decides (e.g. whether a crash lands inside a batch): reported, not judged. */
    timing: v.optional(v.array(KnownSchema), []),
    /** Bounds both worlds must keep, per group: the story's promise (commitSync: at most one batch again). */
    expect: v.optional(
      v.strictObject({ duplicatesAtMost: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))), lostAtMost: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))) }),
      {},
    ),
  }),
  v.check((s) => new Set(s.consumers.map((c) => c.id)).size === s.consumers.length, 'consumer ids must be unique'),
  v.check(
    (s) => s.actions.every((a) => !('consumer' in a) || s.consumers.some((c) => c.id === a.consumer)),
    'every action must name a consumer the scenario declares',
  ),
  v.check((s) => s.actions.every((a) => a.at < s.durationMs), 'every action must happen before durationMs'),
);

export type Scenario = v.InferOutput<typeof ScenarioSchema>;
export type ScenarioConsumer = Scenario['consumers'][number];
export type ScenarioAction = Scenario['actions'][number];

/** Validates a parsed scenario; throws an Error naming the file and every problem. */
export function parseScenario(data: unknown, source = 'scenario'): Scenario {
  const result = v.safeParse(ScenarioSchema, data);
  if (!result.success) {
    const problems = result.issues.map((i) => `${v.getDotPath(i) ?? '(root)'}: ${i.message}`);
    throw new Error(`${source} is not a valid fidelity scenario:\n  ${problems.join('\n  ')}`);
  }
  return result.output;
}

export const SCENARIO_DIR = new URL('./scenarios/', import.meta.url).pathname;
export const TRACE_DIR = new URL('./traces/', import.meta.url).pathname;

export function loadScenario(file: string): Scenario {
  return parseScenario(JSON.parse(readFileSync(file, 'utf8')) as unknown, file);
}

/** Every scenario of fidelity/scenarios, sorted by file name. */
export function loadScenarios(dir = SCENARIO_DIR): { file: string; scenario: Scenario }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: join(dir, f), scenario: loadScenario(join(dir, f)) }));
}
