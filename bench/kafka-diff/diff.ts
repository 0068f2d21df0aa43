/**
 * Differential check of our assignors against Apache Kafka's own, on random inputs.
 * Not a test (it needs a JDK and Kafka's jars); run it by hand with bench/kafka-diff/run.sh.
 *
 * Env: KIND = sticky | cooperative-sticky | uniform | range (the broker's), SEED, N (cases),
 * NT / NM / NP (max topics, members, partitions per topic), OWN (share of partitions each
 * member claims), GENS (generations drawn from 1..GENS). Prints the first differences and a
 * summary line. Kafka's own invalid answers (a partition given to a non-subscriber) are
 * counted and skipped.
 */
import { execFileSync } from 'node:child_process';
import { assign, assignOnBroker } from '../../src/engine/assignors/index';
import type { Assignment, AssignorInput } from '../../src/engine/assignors/types';

const env = (key: string, fallback: number) => Number(process.env[key] ?? fallback);
let seed = env('SEED', 1);
const random = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const below = (n: number) => Math.floor(random() * n);

const kind = process.env.KIND ?? 'sticky';
const broker = kind === 'uniform' || kind === 'range';
const classpath = process.env.KAFKA_CLASSPATH ?? '';

function randomCase(): AssignorInput {
  const topics: Record<string, number> = {};
  const topicCount = 1 + below(env('NT', 6));
  for (let t = 0; t < topicCount; t++) topics[`t${t}`] = 1 + below(env('NP', 8));
  const names = Object.keys(topics);
  const all = Object.entries(topics).flatMap(([t, n]) => Array.from({ length: n }, (_, p) => `${t}-${p}`));
  const equal = random() < 0.4;
  const common = names.filter(() => random() < 0.6);
  if (common.length === 0) common.push('t0');
  const members = Array.from({ length: 1 + below(env('NM', 8)) }, (_, m) => {
    let sub = equal ? common : names.filter(() => random() < 0.5);
    if (sub.length === 0) sub = [names[below(topicCount)] ?? 't0'];
    const owned = all.filter(() => random() < env('OWN', 0.25));
    if (!broker && random() < 0.2) owned.push('gone-0'); // a deleted topic
    const generation = random() < 0.15 ? undefined : 1 + below(env('GENS', 3));
    return { id: `c${below(50)}x${m}`, topics: sub, owned, ...(generation === undefined || broker ? {} : { generation }) };
  });
  if (!broker) return { topics, members };
  // The broker: current targets are a previous target of ours, then members come and go.
  const previous = assignOnBroker(kind === 'uniform' ? 'uniform' : 'range', { topics, members: members.map(({ id, topics: t }) => ({ id, topics: t })) });
  const next = members.filter(() => random() < 0.8).map((m) => ({ id: m.id, topics: m.topics, owned: previous[m.id] ?? [] }));
  if (next.length === 0 || random() < 0.5) next.push({ id: `new${below(1000)}`, topics: common, owned: [] });
  return { topics, members: next };
}

function caseText(c: AssignorInput): string {
  const lines = [`CASE ${broker ? kind : kind === 'sticky' ? 'sticky' : 'coop'}`];
  const subscribed = new Set(c.members.flatMap((m) => m.topics));
  // Topic ids on the broker side are handed out in name order, so Kafka's id order is ours.
  for (const [t, n] of Object.entries(c.topics).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (broker || subscribed.has(t)) lines.push(`T ${t} ${n}`);
  }
  for (const m of c.members) {
    const topics = [...new Set(m.topics)].join(',') || '-';
    const owned = (m.owned ?? []).join(',') || '-';
    lines.push(broker ? `M ${m.id} ${topics} ${owned}` : `M ${m.id} ${m.generation ?? 'x'} ${topics} ${owned}`);
  }
  lines.push('END');
  return `${lines.join('\n')}\n`;
}

function ours(c: AssignorInput): Assignment {
  if (kind === 'uniform' || kind === 'sticky' || kind === 'cooperative-sticky') return assign(kind, c);
  return assignOnBroker('range', c);
}

const cases = Array.from({ length: env('N', 300) }, randomCase);
const main = broker ? 'BrokerAssignorsDiff' : 'org.apache.kafka.clients.consumer.ClientAssignorsDiff';
const out = execFileSync('java', ['-cp', classpath, main], {
  input: cases.map(caseText).join(''),
  stdio: ['pipe', 'pipe', 'ignore'],
  maxBuffer: 1 << 28,
}).toString();
const blocks = out.split('---\n');
const sorted = (a: Assignment) => JSON.stringify(Object.fromEntries(Object.entries(a).map(([k, v]) => [k, [...v].sort()])));
let invalid = 0;
let listDiffs = 0;
let setDiffs = 0;
cases.forEach((c, i) => {
  const lines = (blocks[i] ?? '').trim().split('\n');
  if (lines[0]?.startsWith('ERROR')) {
    console.log(`case ${i}: Kafka threw ${lines[0]}`);
    return;
  }
  const kafka: Assignment = {};
  for (const line of lines) {
    const [id, list] = line.split(' ');
    if (id !== undefined) kafka[id] = list === '-' || list === undefined ? [] : list.split(',');
  }
  if (c.members.some((m) => (kafka[m.id] ?? []).some((p) => !m.topics.includes(p.slice(0, p.lastIndexOf('-')))))) {
    invalid++;
    return;
  }
  const mine = ours(c);
  const sameSets = sorted(mine) === sorted(kafka);
  const sameLists = broker ? sameSets : JSON.stringify(mine) === JSON.stringify(kafka);
  if (!sameLists) listDiffs++;
  if (!sameSets) setDiffs++;
  if (!sameLists && listDiffs <= 3) console.log(JSON.stringify({ case: i, sameSets, input: c, kafka, ours: mine }));
});
console.log(`${kind}: ${cases.length} cases, ${invalid} where Kafka's answer is invalid (skipped), ${listDiffs} differ as lists, ${setDiffs} as sets`);
