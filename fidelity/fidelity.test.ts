/**
 * The engine against real Kafka, from traces recorded on a broker (fidelity/traces, made by
 * `npm run fidelity:record`). No Java needed: the engine plays each scenario here and the
 * comparison must find no difference in its must and band checks. Scenarios the engine
 * cannot play yet are skipped with the engine's own reason.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareTraces, failures, formatComparison } from './compare';
import { runOnEngine } from './engine-world';
import { loadScenarios, TRACE_DIR } from './scenario-schema';
import { compactTrace, type Trace } from './trace';

const KAFKA_VERSION = /<kafka\.version>(.+)<\/kafka\.version>/.exec(readFileSync(new URL('./kafka/pom.xml', import.meta.url), 'utf8'))?.[1];

const scenarios = loadScenarios();

describe('fidelity: the engine against traces recorded on Kafka', () => {
  it('has scenarios and a pinned Kafka version', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(10);
    expect(KAFKA_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });

  for (const { scenario } of scenarios) {
    const file = join(TRACE_DIR, `${scenario.name}.json`);
    const engine = runOnEngine(scenario);
    if ('pending' in engine) {
      it.skip(`${scenario.name}: pending, ${engine.pending}`, () => {});
      continue;
    }
    it(`${scenario.name}: the engine does what Kafka did`, () => {
      expect(existsSync(file), `no recorded trace ${file}: run npm run fidelity:record ${scenario.name}`).toBe(true);
      const kafka = JSON.parse(readFileSync(file, 'utf8')) as Trace;
      expect(kafka.source).toBe('kafka');
      expect(kafka.kafkaVersion).toBe(KAFKA_VERSION);
      const comparison = compareTraces(scenario, kafka, compactTrace(engine));
      expect(comparison.checks.filter((c) => c.kind === 'must').length).toBeGreaterThan(0);
      expect(failures(comparison), formatComparison(comparison)).toEqual([]);
    });
  }
});
