import { describe, expect, it } from 'vitest';
import {
  brokerAssignors,
  clientAssignors,
  DEFAULT_CLIENT_ASSIGNORS,
  findBrokerAssignor,
  findClientAssignor,
  pickRebalanceProtocol,
  resolveBrokerAssignor,
  resolveClientAssignor,
} from './registry';

describe('assignor registry', () => {
  it('lists the four classic assignors with their supported protocols, as supportedProtocols() says', () => {
    expect(clientAssignors().map((e) => [e.name, e.rebalanceProtocols])).toEqual([
      ['range', ['eager']],
      ['roundrobin', ['eager']],
      ['sticky', ['eager']],
      ['cooperative-sticky', ['eager', 'cooperative']],
    ]);
    expect(clientAssignors().every((e) => e.side === 'client')).toBe(true);
  });

  it('lists the broker assignors, uniform first (the default of group.consumer.assignors)', () => {
    expect(brokerAssignors().map((e) => [e.name, e.side])).toEqual([
      ['uniform', 'broker'],
      ['range', 'broker'],
    ]);
  });

  it('resolves short names and Kafka class names', () => {
    expect(findClientAssignor('cooperative-sticky')?.name).toBe('cooperative-sticky');
    expect(findClientAssignor(' org.apache.kafka.clients.consumer.StickyAssignor ')?.name).toBe('sticky');
    expect(findClientAssignor('org.apache.kafka.clients.consumer.RoundRobinAssignor')?.name).toBe('roundrobin');
    expect(findBrokerAssignor('org.apache.kafka.coordinator.group.assignor.UniformAssignor')?.name).toBe('uniform');
  });

  it("keeps the two 'range' assignors apart: same name, different class and side", () => {
    const client = findClientAssignor('range');
    const broker = findBrokerAssignor('range');
    expect(client?.kafkaClasses).toEqual(['org.apache.kafka.clients.consumer.RangeAssignor']);
    expect(broker?.kafkaClasses).toEqual(['org.apache.kafka.coordinator.group.assignor.RangeAssignor']);
    expect(findClientAssignor('org.apache.kafka.coordinator.group.assignor.RangeAssignor')).toBeUndefined();
    expect(findBrokerAssignor('org.apache.kafka.clients.consumer.RangeAssignor')).toBeUndefined();
    expect(findClientAssignor('uniform')).toBeUndefined();
    expect(findBrokerAssignor('sticky')).toBeUndefined();
  });

  it('throws a message naming the config and the known assignors on an unknown name', () => {
    expect(() => resolveClientAssignor('fair')).toThrow(
      "config 'partition.assignment.strategy': unknown assignor 'fair' (known: range, roundrobin, sticky, cooperative-sticky)",
    );
    expect(() => resolveBrokerAssignor('sticky')).toThrow(
      "config 'group.remote.assignor': unknown assignor 'sticky' (known: uniform, range)",
    );
  });
});

describe('pickRebalanceProtocol', () => {
  it("runs Kafka's default list [range, cooperative-sticky] eager", () => {
    expect(pickRebalanceProtocol(DEFAULT_CLIENT_ASSIGNORS)).toBe('eager');
  });

  it('runs cooperative only when every listed assignor supports it', () => {
    expect(pickRebalanceProtocol(['cooperative-sticky'])).toBe('cooperative');
    expect(pickRebalanceProtocol(['org.apache.kafka.clients.consumer.CooperativeStickyAssignor'])).toBe('cooperative');
    expect(pickRebalanceProtocol(['cooperative-sticky', 'sticky'])).toBe('eager');
    expect(pickRebalanceProtocol(['roundrobin'])).toBe('eager');
  });

  it('refuses an empty list and unknown names', () => {
    expect(() => pickRebalanceProtocol([])).toThrow(/at least one assignor/);
    expect(() => pickRebalanceProtocol(['range', 'fair'])).toThrow(/unknown assignor 'fair'/);
  });
});
