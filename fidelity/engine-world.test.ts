import { describe, expect, it } from 'vitest';
import { commitException, runOnEngine } from './engine-world';
import { parseScenario } from './scenario-schema';

const base = {
  name: 'unit',
  story: 'one consumer',
  durationMs: 5000,
  topics: [{ name: 't', partitions: 2 }],
  producers: [{ topic: 't', rate: 10 }],
  actions: [{ at: 0, do: 'add', consumer: 'a' }],
};

describe('runOnEngine', () => {
  it('writes the runner’s raw trace shape from the engine’s events', () => {
    const trace = runOnEngine(parseScenario({ ...base, consumers: [{ id: 'a', groupId: 'g', subscribe: ['t'] }] }));
    if ('pending' in trace) throw new Error(trace.pending);
    const kinds = trace.consumers['a']!.map((e) => e.kind);
    expect(kinds[0]).toBe('started');
    expect(kinds).toContain('assigned');
    expect(kinds).toContain('processed');
    expect(trace.groups['g']!.samples.some((s) => s.state === 'Stable' && s.members['a']?.length === 2)).toBe(true);
  });

  it('reports a scenario the engine cannot play yet as pending, with the engine’s reason', () => {
    // A config the engine does not know (Kafka would take it): the scenario waits for the engine.
    const result = runOnEngine(parseScenario({ ...base, consumers: [{ id: 'a', groupId: 'g', subscribe: ['t'], config: { 'some.future.config': 1 } }] }));
    expect(result).toEqual({ pending: expect.stringContaining("unknown consumer config 'some.future.config'") });
  });

  it('lets any other refusal fail loudly', () => {
    expect(() => runOnEngine(parseScenario({ ...base, consumers: [{ id: 'a', groupId: 'g', subscribe: ['t'], config: { 'session.timeout.ms': 'soon' } }] }))).toThrow(/session\.timeout\.ms/);
  });
});

describe('commitException', () => {
  it('names the exception Kafka’s client throws for each commit error', () => {
    expect(commitException('REBALANCE_IN_PROGRESS')).toBe('RebalanceInProgressException');
    expect(commitException('UNKNOWN_MEMBER_ID')).toBe('CommitFailedException');
    expect(commitException('ILLEGAL_GENERATION')).toBe('CommitFailedException');
  });
});
