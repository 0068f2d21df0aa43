import { createSimulation } from '../engine';
import type { Command, ConfigValue } from '../engine/types';
import type { Scenario } from '../scenarios/types';
import type { UrlConfig } from './url-options';

type AddConsumer = Extract<Command, { type: 'addConsumer' }>;

/**
 * Puts the URL's configs on the scenario's consumers: `key=v` on every consumer (and on
 * those added later from the template), `id:key=v` on one. Each parameter is tried alone
 * in a probe simulation first, so a bad one is named in the message and the others apply.
 */
export function applyUrlConfigs(scenario: Scenario, configs: readonly UrlConfig[]): { scenario: Scenario; errors: string[]; applied: string[] } {
  if (configs.length === 0) return { scenario, errors: [], applied: [] };
  const errors: string[] = [];
  const consumers = scenario.steps.map(([, c]) => c).filter((c): c is AddConsumer => c.type === 'addConsumer');
  const good: UrlConfig[] = [];
  for (const config of configs) {
    const targets = config.consumerId === null ? consumers : consumers.filter((c) => c.id === config.consumerId);
    if (config.consumerId !== null && targets.length === 0) {
      errors.push(`?${config.param}: this scenario has no consumer '${config.consumerId}' (it has ${consumers.map((c) => c.id).join(', ')})`);
      continue;
    }
    const problem = firstProblem(scenario, targets.map((c) => withConfig(c, { [config.key]: config.value })));
    if (problem) errors.push(`?${config.param}: ${problem}`);
    else good.push(config);
  }
  const forAll = Object.fromEntries(good.filter((c) => c.consumerId === null).map((c) => [c.key, c.value]));
  const forOne = (id: string) => Object.fromEntries(good.filter((c) => c.consumerId === id).map((c) => [c.key, c.value]));
  const steps = scenario.steps.map(([at, command]) =>
    command.type === 'addConsumer' ? ([at, withConfig(command, { ...forAll, ...forOne(command.id) })] as const) : ([at, command] as const),
  );
  // Keys that pass alone can still clash together (heartbeat.interval.ms ≥ session.timeout.ms).
  const together = firstProblem(scenario, steps.map(([, c]) => c).filter((c): c is AddConsumer => c.type === 'addConsumer'));
  if (together) {
    errors.push(`URL configs ${good.map((c) => `?${c.param}`).join(' ')} together: ${together}; none applied`);
    return { scenario, errors, applied: [] };
  }
  return {
    scenario: {
      ...scenario,
      steps,
      consumerTemplate: { ...scenario.consumerTemplate, config: { ...scenario.consumerTemplate.config, ...forAll } },
    },
    errors,
    applied: good.map((c) => `${c.key}=${String(c.value)} (${c.consumerId ?? 'every consumer'})`),
  };
}

function withConfig(command: AddConsumer, config: Record<string, ConfigValue>): AddConsumer {
  return { ...command, config: { ...command.config, ...config } };
}

/** The engine's message for the first of these consumers it would refuse, or null. */
function firstProblem(scenario: Scenario, commands: readonly AddConsumer[]): string | null {
  const probe = createSimulation({ seed: scenario.seed });
  for (const [, command] of scenario.steps) {
    if (command.type === 'createTopic') probe.dispatch(command);
  }
  for (const command of commands) {
    try {
      probe.dispatch(command);
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }
  return null;
}
