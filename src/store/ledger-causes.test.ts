import { describe, expect, it } from 'vitest';
import { createSimulation } from '../engine';
import type { Command } from '../engine/types';
import { explainLedger } from './ledger-causes';

type Add = Extract<Command, { type: 'addConsumer' }>;

function world(extra: Partial<Add>, crashAt = 12_500) {
  const sim = createSimulation({ seed: 42 });
  sim.dispatch({ type: 'createTopic', topic: 'orders', partitions: 4 });
  sim.dispatch({ type: 'setProducer', topic: 'orders', rate: 50 });
  for (const id of ['c1', 'c2']) {
    sim.dispatch({ type: 'addConsumer', id, groupId: 'g', subscribe: ['orders'], config: { 'session.timeout.ms': 10_000 }, processingMs: 10, ...extra });
  }
  sim.advance(crashAt);
  sim.dispatch({ type: 'crashConsumer', id: 'c1' });
  sim.advance(20_000);
  return sim;
}

describe('explainLedger', () => {
  it('blames the records processed twice on the crash of their first processor', () => {
    const sim = world({});
    const marks = explainLedger('g', sim.ledgerRanges('g'), sim.events());
    const dups = marks.filter((m) => m.kind === 'duplicate');
    expect(dups.length).toBeGreaterThan(0);
    for (const d of dups) {
      expect(d.by).toBe('c1');
      expect(d.cause).toMatchObject({ type: 'ConsumerCrashed', consumerId: 'c1', time: 12_500 });
    }
    expect(marks.filter((m) => m.kind === 'lost')).toEqual([]);
  });

  it('blames lost records on the commit made before processing, then the crash', () => {
    const sim = world({ commit: 'before-processing', processingMs: 50, config: { 'session.timeout.ms': 10_000, 'enable.auto.commit': false, 'max.poll.records': 20 } });
    const lost = explainLedger('g', sim.ledgerRanges('g'), sim.events()).filter((m) => m.kind === 'lost');
    expect(lost.length).toBeGreaterThan(0);
    for (const l of lost) {
      expect(l.cause).toMatchObject({ type: 'OffsetCommitted', consumerId: 'c1' });
      expect(l.cause!.time).toBeLessThanOrEqual(12_500);
      expect(l.then).toMatchObject({ type: 'ConsumerCrashed', consumerId: 'c1', time: 12_500 });
    }
  });

  it('gives no cause when the events that explain it are gone', () => {
    const sim = world({});
    const dups = explainLedger('g', sim.ledgerRanges('g'), []).filter((m) => m.kind === 'duplicate');
    expect(dups.length).toBeGreaterThan(0);
    expect(dups.every((d) => d.cause === null)).toBe(true);
  });

  it('explains only the first `explain` ranges; the rest are drawn without a lookup', () => {
    const sim = world({});
    const marks = explainLedger('g', sim.ledgerRanges('g'), sim.events(), 1);
    expect(marks.length).toBeGreaterThan(1);
    expect(marks[0]!).toMatchObject({ explained: true, cause: { type: 'ConsumerCrashed' } });
    for (const m of marks.slice(1)) expect(m).toMatchObject({ explained: false, cause: null });
  });
});
