/**
 * `npx tsx fidelity/table.ts`: the match table of the committed traces against today's
 * engine, as Markdown (the README's table is this output). No Java needed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareTraces, failures } from './compare';
import { runOnEngine } from './engine-world';
import { loadScenarios, TRACE_DIR } from './scenario-schema';
import { compactTrace, type Trace } from './trace';

const rows: string[] = ['| scenario | must | bands | known differences (reported, not failed) | result |', '|---|---|---|---|---|'];
let version = '?';
for (const { scenario } of loadScenarios()) {
  const file = join(TRACE_DIR, `${scenario.name}.json`);
  const engine = runOnEngine(scenario);
  if ('pending' in engine) {
    rows.push(`| ${scenario.name} | | | | pending: ${engine.pending.replace(/\|/g, '\\|')} |`);
    continue;
  }
  if (!existsSync(file)) {
    rows.push(`| ${scenario.name} | | | | not recorded |`);
    continue;
  }
  const kafka = JSON.parse(readFileSync(file, 'utf8')) as Trace;
  version = kafka.kafkaVersion ?? version;
  const c = compareTraces(scenario, kafka, compactTrace(engine));
  const of = (kind: string) => {
    const all = c.checks.filter((x) => x.kind === kind);
    return `${all.filter((x) => x.ok).length}/${all.length}`;
  };
  const known = c.checks.filter((x) => x.kind === 'known').map((x) => `${x.name}${x.ok ? ' (matches now)' : ''}`);
  const failed = failures(c);
  rows.push(`| ${scenario.name} | ${of('must')} | ${of('band')} | ${known.join(', ') || '-'} | ${failed.length === 0 ? 'match' : `DIFF: ${failed.map((x) => x.name).join(', ')}`} |`);
}
console.log(`Against Kafka ${version}:\n`);
console.log(rows.join('\n'));
