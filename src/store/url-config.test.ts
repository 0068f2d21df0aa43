import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../scenarios/default';
import { applyUrlConfigs } from './url-config';
import { parseUrlOptions } from './url-options';

const apply = (search: string) => applyUrlConfigs(defaultScenario, parseUrlOptions(search).configs);
const configOf = (result: ReturnType<typeof apply>, id: string) =>
  result.scenario.steps.map(([, c]) => c).find((c) => c.type === 'addConsumer' && c.id === id)!;

describe('URL configs', () => {
  it('a plain key applies to every consumer and to the template; id:key to one consumer', () => {
    const result = apply('?session.timeout.ms=6000&consumer-1:group.instance.id=a');
    expect(result.errors).toEqual([]);
    expect(configOf(result, 'consumer-1')).toMatchObject({ config: { 'session.timeout.ms': 6000, 'group.instance.id': 'a' } });
    expect(configOf(result, 'consumer-2')).toMatchObject({ config: { 'session.timeout.ms': 6000 } });
    expect((configOf(result, 'consumer-2') as { config: object }).config).not.toHaveProperty('group.instance.id');
    expect(result.scenario.consumerTemplate.config).toEqual({ 'session.timeout.ms': 6000 });
    expect(result.applied).toEqual(['session.timeout.ms=6000 (every consumer)', 'group.instance.id=a (consumer-1)']);
  });

  it('a bad value is named by the parameter written, and the good ones still apply', () => {
    const result = apply('?max.poll.records=0&session.timeout.ms=6000');
    expect(result.errors).toEqual([expect.stringMatching(/^\?max\.poll\.records: config 'max\.poll\.records' must be an integer/)]);
    expect(configOf(result, 'consumer-1')).toMatchObject({ config: { 'session.timeout.ms': 6000 } });
  });

  it('a consumer the scenario does not have is named', () => {
    expect(apply('?consumer-9:max.poll.records=10').errors[0]).toMatch(/^\?consumer-9:max.poll.records: this scenario has no consumer 'consumer-9'/);
  });

  it('keys fine alone but clashing together apply none, and say which', () => {
    const result = apply('?heartbeat.interval.ms=20000&session.timeout.ms=10000');
    expect(result.errors).toEqual([expect.stringMatching(/together: heartbeat\.interval\.ms \(20000\) must be lower than session\.timeout\.ms \(10000\); none applied$/)]);
    expect(result.scenario).toBe(defaultScenario);
  });
});
