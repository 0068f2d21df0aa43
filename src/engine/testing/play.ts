/** Test helpers: run a timed script against a fresh simulation (style.md's play()). */
import { createSimulation, type SimulationOptions } from '../simulation';
import type { Command, DomainEvent, Simulation } from '../types';

export type Step = readonly [atMs: number, command: Command];

export function play(seed: number, script: readonly Step[], untilMs: number, options: SimulationOptions = {}): Simulation {
  const sim = createSimulation({ ...options, seed });
  const steps = [...script].sort((a, b) => a[0] - b[0]);
  for (const [at, command] of steps) {
    if (at > sim.now) sim.advance(at - sim.now);
    sim.dispatch(command);
  }
  if (untilMs > sim.now) sim.advance(untilMs - sim.now);
  return sim;
}

export function types(events: DomainEvent[]): string[] {
  return events.map((e) => e.type);
}

export function ofType<T extends DomainEvent['type']>(events: DomainEvent[], type: T): Extract<DomainEvent, { type: T }>[] {
  return events.filter((e): e is Extract<DomainEvent, { type: T }> => e.type === type);
}

/** A topic, a producer and `n` subscribing consumers c1..cn in group g. */
export function groupScript(
  n: number,
  opts: { partitions?: number; rate?: number; config?: Record<string, string | number | boolean>; processingMs?: number; commit?: Extract<Command, { type: 'addConsumer' }>['commit'] } = {},
): Step[] {
  const steps: Step[] = [
    [0, { type: 'createTopic', topic: 'orders', partitions: opts.partitions ?? 4 }],
    [0, { type: 'setProducer', topic: 'orders', rate: opts.rate ?? 100 }],
  ];
  for (let i = 1; i <= n; i++) {
    steps.push([
      0,
      {
        type: 'addConsumer',
        id: `c${i}`,
        groupId: 'g',
        subscribe: ['orders'],
        config: opts.config ?? {},
        processingMs: opts.processingMs ?? 5,
        ...(opts.commit ? { commit: opts.commit } : {}),
      },
    ]);
  }
  return steps;
}

/** Owned partitions per consumer, as the clients see them. */
export function ownership(sim: Simulation): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [id, c] of Object.entries(sim.snapshot().consumers)) out[id] = [...c.owned].sort();
  return out;
}
