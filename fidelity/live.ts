/**
 * `npm run fidelity [scenario names...]`: both worlds live. Records every scenario on a real
 * broker (into fidelity/.live/, the committed traces stay as they are), plays it on the
 * engine, prints the comparison table and exits 1 if a must or band check differs.
 * With CI_RESULTS_DIR set it writes fidelity.json there for .ci/run's summary.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareTraces, failures, formatComparison, type Comparison } from './compare';
import { runOnEngine } from './engine-world';
import { haveJava, log, pick, recordOne, setUp } from './record';
import { compactTrace } from './trace';

interface Result {
  scenario: string;
  status: 'passed' | 'failed' | 'pending';
  detail: string;
}

function main(): void {
  if (!haveJava()) {
    console.error('npm run fidelity needs java (17+) and mvn on the PATH');
    process.exit(1);
  }
  const chosen = pick(process.argv.slice(2));
  const outDir = new URL('./.live/', import.meta.url).pathname;
  const results: Result[] = [];
  const comparisons: Comparison[] = [];
  const t = Date.now();
  let tearDown = () => {};
  try {
    const env = setUp();
    tearDown = env.tearDown;
    for (const { file, scenario } of chosen) {
      try {
        // The engine first: a scenario it cannot play yet is pending, and not worth a broker's time.
        const engine = runOnEngine(scenario);
        if ('pending' in engine) {
          results.push({ scenario: scenario.name, status: 'pending', detail: engine.pending });
          continue;
        }
        const describe = (c: Comparison) => failures(c).map((x) => `${x.name}: kafka ${x.kafka} | engine ${x.engine}`).join('; ');
        let c = compareTraces(scenario, recordOne(file, scenario, env.bootstrap, outDir), compactTrace(engine));
        let firstRun = '';
        if (failures(c).length > 0) {
          // Kafka's own timing varies between runs (heartbeat phases, thread scheduling, random
          // member ids): a differing scenario is recorded once more, as a failed e2e test gets a
          // retry, and the first run's differences stay in the report.
          firstRun = describe(c);
          log(`${scenario.name}: differs (${firstRun}); recording it once more`);
          c = compareTraces(scenario, recordOne(file, scenario, env.bootstrap, outDir), compactTrace(engine));
        }
        comparisons.push(c);
        const passed = failures(c).length === 0;
        results.push({
          scenario: scenario.name,
          status: passed ? 'passed' : 'failed',
          detail: passed ? (firstRun === '' ? '' : `passed on a second recording; the first differed: ${firstRun}`) : describe(c),
        });
      } catch (error) {
        results.push({ scenario: scenario.name, status: 'failed', detail: error instanceof Error ? error.message : String(error) });
      }
    }
  } catch (error) {
    results.push({ scenario: '(set-up)', status: 'failed', detail: error instanceof Error ? error.message : String(error) });
  } finally {
    tearDown();
  }
  console.log('');
  for (const c of comparisons) console.log(formatComparison(c));
  console.log('');
  console.log('scenario'.padEnd(34) + 'live comparison');
  for (const r of results) console.log(`${r.scenario.padEnd(34)}${r.status}${r.detail === '' ? '' : `: ${r.detail}`}`);
  const dir = process.env['CI_RESULTS_DIR'];
  if (dir) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'fidelity.json'), `${JSON.stringify({ results }, null, 2)}\n`);
  }
  const failed = results.filter((r) => r.status === 'failed').length;
  const pending = results.filter((r) => r.status === 'pending').length;
  log(`live comparison: ${results.length - failed - pending} passed, ${failed} failed, ${pending} pending, in ${Date.now() - t} ms`);
  process.exit(failed > 0 ? 1 : 0);
}

main();
