/**
 * `npm run fidelity:record [scenario names...]`: plays fidelity/scenarios on a real broker
 * and writes fidelity/traces/<name>.json. Needs java and mvn; starts fidelity/broker.sh
 * unless KAFKA_VIZ_BOOTSTRAP points at a running broker, and stops what it started.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadScenarios, TRACE_DIR, type Scenario } from './scenario-schema';
import { compactTrace, type RawTrace, type Trace } from './trace';

const HERE = new URL('.', import.meta.url).pathname;
const RUNNER = join(HERE, 'runner');

const stamp = () => new Date().toISOString().slice(11, 23);
export const log = (msg: string) => console.log(`[fidelity ${stamp()}] ${msg}`);

export function haveJava(): boolean {
  const ok = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
  return ok('java', ['-version']) && ok('mvn', ['-v']);
}

/** Starts the broker (unless one is given) and builds the runner; returns how to stop it. */
export function setUp(): { bootstrap: string; tearDown: () => void } {
  const given = process.env['KAFKA_VIZ_BOOTSTRAP'];
  let t = Date.now();
  execFileSync('mvn', ['-q', '-B', '-f', join(RUNNER, 'pom.xml'), 'package'], { stdio: 'inherit' });
  log(`runner built in ${Date.now() - t} ms`);
  if (given) return { bootstrap: given, tearDown: () => {} };
  t = Date.now();
  const wasRunning = execFileSync('bash', [join(HERE, 'broker.sh'), 'status'], { encoding: 'utf8' }).includes('running (pid');
  execFileSync('bash', [join(HERE, 'broker.sh'), 'start'], { stdio: 'inherit' });
  log(`broker up in ${Date.now() - t} ms`);
  const bootstrap = execFileSync('bash', [join(HERE, 'broker.sh'), 'bootstrap'], { encoding: 'utf8' }).trim();
  // A broker that was already up (someone's own) stays up.
  const tearDown = () => {
    if (!wasRunning) execFileSync('bash', [join(HERE, 'broker.sh'), 'stop'], { stdio: 'inherit' });
  };
  return { bootstrap, tearDown };
}

/** Plays one scenario file on the broker with the Java runner; returns its compacted trace. */
export function recordOne(file: string, scenario: Scenario, bootstrap: string, outDir: string): Trace {
  mkdirSync(outDir, { recursive: true });
  const rawFile = join(outDir, `${scenario.name}.raw.json`);
  const t = Date.now();
  const result = spawnSync('java', ['-cp', `${join(RUNNER, 'target/classes')}:${join(RUNNER, 'target/libs')}/*`, 'dev.kafkaviz.fidelity.Runner', file, rawFile, bootstrap], {
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: scenario.durationMs + 120_000,
  });
  if (result.status !== 0) throw new Error(`runner failed on ${scenario.name} (exit ${String(result.status)}${result.error ? `, ${result.error.message}` : ''})`);
  const raw = JSON.parse(readFileSync(rawFile, 'utf8')) as RawTrace;
  rmSync(rawFile);
  const trace = compactTrace(raw);
  writeFileSync(join(outDir, `${scenario.name}.json`), `${JSON.stringify(trace, null, 1)}\n`);
  log(`${scenario.name}: recorded in ${Date.now() - t} ms (scenario ${scenario.durationMs} ms)`);
  return trace;
}

/** Scenarios picked by name on the command line (all when none are named). */
export function pick(names: string[]): ReturnType<typeof loadScenarios> {
  const all = loadScenarios();
  const unknown = names.filter((n) => !all.some((s) => s.scenario.name === n));
  if (unknown.length > 0) throw new Error(`no scenario named ${unknown.join(', ')}; have ${all.map((s) => s.scenario.name).join(', ')}`);
  return names.length === 0 ? all : all.filter((s) => names.includes(s.scenario.name));
}

function main(): void {
  if (!haveJava()) {
    console.error('fidelity:record needs java (17+) and mvn on the PATH');
    process.exit(1);
  }
  const chosen = pick(process.argv.slice(2));
  const t = Date.now();
  const { bootstrap, tearDown } = setUp();
  const failed: string[] = [];
  try {
    for (const { file, scenario } of chosen) {
      try {
        recordOne(file, scenario, bootstrap, TRACE_DIR);
      } catch (error) {
        failed.push(scenario.name);
        console.error(error instanceof Error ? error.message : error);
      }
    }
  } finally {
    tearDown();
  }
  log(`${chosen.length - failed.length} traces written to ${TRACE_DIR} in ${Date.now() - t} ms`);
  if (failed.length > 0) {
    console.error(`not recorded: ${failed.join(', ')}`);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
