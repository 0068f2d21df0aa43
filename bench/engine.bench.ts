/**
 * Engine speed: how much virtual time the simulator runs per wall-clock second.
 * Prints figures only; tests assert behaviour, never timing. Run: npm run bench
 */
import { createSimulation } from '../src/engine/index';
import type { Simulation } from '../src/engine/index';

interface Case {
  name: string;
  partitions: number;
  consumers: number;
  rate: number;
  processingMs: number;
  virtualMs: number;
}

const cases: Case[] = [
  { name: 'default page (4 partitions, 2 consumers)', partitions: 4, consumers: 2, rate: 24, processingMs: 25, virtualMs: 3_600_000 },
  { name: '100 partitions, 20 consumers, 2k rec/s', partitions: 100, consumers: 20, rate: 2_000, processingMs: 1, virtualMs: 600_000 },
  { name: '1,000 partitions, 50 consumers, 10k rec/s', partitions: 1_000, consumers: 50, rate: 10_000, processingMs: 0, virtualMs: 600_000 },
];

function build(c: Case): Simulation {
  const sim = createSimulation({ seed: 1 });
  sim.dispatch({ type: 'createTopic', topic: 'orders', partitions: c.partitions });
  sim.dispatch({ type: 'setProducer', topic: 'orders', rate: c.rate });
  for (let i = 0; i < c.consumers; i++) {
    sim.dispatch({ type: 'addConsumer', id: `c${i}`, groupId: 'g', subscribe: ['orders'], processingMs: c.processingMs });
  }
  return sim;
}

for (const c of cases) {
  const sim = build(c);
  const started = performance.now();
  const step = 10_000;
  for (let t = 0; t < c.virtualMs; t += step) sim.advance(step);
  const wallMs = performance.now() - started;
  const events = sim.events().at(-1)?.seq ?? 0;
  const group = sim.snapshot().groups.g!;
  const ratio = c.virtualMs / wallMs;
  console.log(
    `${c.name.padEnd(44)} ${(c.virtualMs / 60_000).toFixed(0).padStart(3)} virtual min in ${(wallMs / 1000).toFixed(2)} s` +
      ` = ${ratio.toFixed(0)}x real time (${(ratio / 3600).toFixed(2)} h/s), ${events} domain events, ${group.processed.records} records processed`,
  );
}
