import type { Command } from '../engine/types';
import type { ConsumerTemplate, Scenario } from './types';

const consumer: ConsumerTemplate = {
  groupId: 'order-processors',
  subscribe: ['orders'],
  config: {},
  processingMs: 25,
};

/** Builds an addConsumer command from the template, with optional config overrides. */
export function consumerFromTemplate(
  template: ConsumerTemplate,
  id: string,
): Extract<Command, { type: 'addConsumer' }> {
  return {
    type: 'addConsumer',
    id,
    groupId: template.groupId,
    subscribe: [...template.subscribe],
    config: { ...template.config },
    processingMs: template.processingMs,
    ...(template.commit ? { commit: template.commit } : {}),
  };
}

/** First load: one topic of 4 partitions, a producer, a group of two consumers. */
export const defaultScenario: Scenario = {
  id: 'default',
  title: 'One topic, one group',
  caption: 'A producer writes to 4 partitions; a group of 2 consumers shares them.',
  seed: 42,
  topic: 'orders',
  groupId: consumer.groupId,
  consumerTemplate: consumer,
  steps: [
    [0, { type: 'createTopic', topic: 'orders', partitions: 4 }],
    [0, { type: 'setProducer', topic: 'orders', rate: 24 }],
    [0, consumerFromTemplate(consumer, 'consumer-1')],
    [0, consumerFromTemplate(consumer, 'consumer-2')],
  ],
  // group.initial.rebalance.delay.ms (3 s, extended once by the second joiner) has run: the page opens on a Stable group.
  prerollMs: 6_500,
};
