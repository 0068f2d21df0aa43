import { assign, createSimulation } from '../index';

// A topic of 4 partitions, a producer, and a group of two consumers.
const sim = createSimulation({ seed: 42 });
sim.dispatch({ type: 'createTopic', topic: 'orders', partitions: 4 });
sim.dispatch({ type: 'setProducer', topic: 'orders', rate: 50 }); // records/s
for (const id of ['consumer-1', 'consumer-2']) {
  sim.dispatch({
    type: 'addConsumer',
    id,
    groupId: 'order-processors',
    subscribe: ['orders'],
    config: { 'session.timeout.ms': 10_000 },
    processingMs: 10,
  });
}

sim.advance(12_500); // virtual ms: the first rebalance and an auto commit have happened
const group = sim.snapshot().groups['order-processors']!;
console.log(group.state, 'generation', group.generation); // Stable generation 1
console.log(group.members.map((m) => `${m.consumerId}: ${m.assigned.join(', ')}`));

// consumer-1 dies without a word: nobody notices until session.timeout.ms has passed.
sim.dispatch({ type: 'crashConsumer', id: 'consumer-1' });
sim.advance(20_000);
console.log(sim.snapshot().consumers['consumer-2']!.owned); // all four partitions
console.log(sim.events().filter((e) => e.type === 'SessionTimeout').length); // 1
// Auto commit ran at 10 s, the crash came at 12.5 s: consumer-2 processes those 2.5 s again.
console.log(sim.snapshot().groups['order-processors']!.processed); // { records: 1359, duplicates: 36, lost: 0, skipped: 0 }

// The assignors also run on their own, exactly as Kafka's do.
console.log(assign('roundrobin', { topics: { t: 3 }, members: [{ id: 'a', topics: ['t'] }, { id: 'b', topics: ['t'] }] }));
