import { createSimulation, seriesPoints } from '../index';

// The quickstart's group: a crash at 12.5 s, then a third consumer at 40 s.
const sim = createSimulation({ seed: 42 });
sim.dispatch({ type: 'createTopic', topic: 'orders', partitions: 4 });
sim.dispatch({ type: 'setProducer', topic: 'orders', rate: 50 });
for (const id of ['consumer-1', 'consumer-2']) {
  sim.dispatch({ type: 'addConsumer', id, groupId: 'order-processors', subscribe: ['orders'], config: { 'session.timeout.ms': 10_000 }, processingMs: 10 });
}
sim.advance(12_500);
sim.dispatch({ type: 'crashConsumer', id: 'consumer-1' });
sim.advance(27_500);
sim.dispatch({ type: 'addConsumer', id: 'consumer-3', groupId: 'order-processors', subscribe: ['orders'], processingMs: 10 });
sim.advance(20_000);

const metrics = sim.metrics(); // plain JSON, bounded however long the run
const group = metrics.groups['order-processors']!;

// Group totals, one point per second here (coarser further back): ready for d3.
const points = seriesPoints(group.totals);
const worst = points.reduce((a, p) => (p.lagMs! > a.lagMs! ? p : a));
console.log(`worst lag: ${worst.lag} records, ${worst.lagMs} ms behind, at ${worst.t} ms`);
console.log(`consumed ${points.at(-1)!.consumeRate} records/s in the last second`);

// Per partition: log end, committed, lag and lag in time, in 10 s buckets.
console.log(seriesPoints(group.partitions['orders-0']!).at(-1));

// Every rebalance: why, when, and how long each partition stopped.
for (const r of metrics.rebalances) {
  const paused = Object.entries(r.partitions).map(([p, x]) => `${p} ${x.pausedMs} ms`);
  console.log(`${r.cause} at ${r.startMs} ms -> generation ${r.generation} at ${r.endMs} ms; paused: ${paused.join(', ')}`);
}
