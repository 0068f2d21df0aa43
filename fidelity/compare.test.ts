import { describe, expect, it } from 'vitest';
import { compareTraces, failures } from './compare';
import { duplicatesAndLosses, longestPause, movedPartitions, ownedAt, timeToReassignment } from './derive';
import { parseScenario } from './scenario-schema';
import { compactTrace, type RawConsumerEvent, type RawConsumerEventBody, type RawTrace } from './trace';

const scenario = parseScenario({
  name: 'unit',
  story: 'two consumers, one crashes',
  durationMs: 10_000,
  topics: [{ name: 't', partitions: 2 }],
  producers: [{ topic: 't', rate: 10 }],
  consumers: [
    { id: 'a', groupId: 'g', subscribe: ['t'], config: { 'heartbeat.interval.ms': 1000 } },
    { id: 'b', groupId: 'g', subscribe: ['t'], config: { 'heartbeat.interval.ms': 1000 } },
  ],
  actions: [
    { at: 0, do: 'add', consumer: 'a' },
    { at: 0, do: 'add', consumer: 'b' },
    { at: 5000, do: 'crash', consumer: 'a' },
  ],
});

const ev = (e: RawConsumerEventBody & { t: number }): RawConsumerEvent => ({ incarnation: 1, ...e }) as RawConsumerEvent;

/** A world where b takes t-0 over `reassignAt` ms after a's crash at 5000 and processes from `resumeFrom`. */
function world(source: 'kafka' | 'engine', opts: { reassignAt?: number; resumeFrom?: number; bGets?: string[]; commitError?: string } = {}): RawTrace {
  const reassign = 5000 + (opts.reassignAt ?? 6000);
  const resume = opts.resumeFrom ?? 40;
  const b: RawConsumerEvent[] = [
    ev({ t: 0, kind: 'started' }),
    ev({ t: 1000, kind: 'assigned', partitions: ['t-1'] }),
    ev({ t: reassign - 10, kind: 'revoked', partitions: ['t-1'] }),
    ev({ t: reassign, kind: 'assigned', partitions: opts.bGets ?? ['t-0', 't-1'] }),
    ev({ t: reassign + 100, kind: 'processed', ranges: { 't-0': [resume, 100] } }),
  ];
  if (opts.commitError) b.push(ev({ t: reassign + 200, kind: 'commit', mode: 'sync', offsets: {}, error: opts.commitError }));
  return {
    scenario: 'unit',
    source,
    kafkaVersion: source === 'kafka' ? '4.4.0' : null,
    durationMs: 10_000,
    actions: [
      { at: 0, t: 0, do: 'add', consumer: 'a' },
      { at: 0, t: 0, do: 'add', consumer: 'b' },
      { at: 5000, t: 5000, do: 'crash', consumer: 'a' },
    ],
    consumers: {
      a: [
        ev({ t: 0, kind: 'started' }),
        ev({ t: 1000, kind: 'assigned', partitions: ['t-0'] }),
        ev({ t: 1100, kind: 'poll', ranges: { 't-0': [0, 50] } }),
        ev({ t: 1200, kind: 'processed', ranges: { 't-0': [0, 50] } }),
        ev({ t: 5000, kind: 'crashed' }),
      ],
      b,
    },
    groups: {
      g: {
        samples: [
          { t: 1000, state: 'Stable', epoch: -1, members: { a: ['t-0'], b: ['t-1'] } },
          { t: reassign, state: 'Stable', epoch: -1, members: { b: opts.bGets ?? ['t-0', 't-1'] } },
        ],
        committed: { 't-0': 100 },
      },
    },
  };
}

describe('derive', () => {
  it('counts records processed twice and records committed past but never processed', () => {
    const t = compactTrace(world('kafka', { resumeFrom: 40 }));
    expect(duplicatesAndLosses(t, ['a', 'b'], { 't-0': 100 })).toEqual({ duplicates: 10, lost: 0 });
    const gap = compactTrace(world('kafka', { resumeFrom: 60 }));
    expect(duplicatesAndLosses(gap, ['a', 'b'], { 't-0': 100 })).toEqual({ duplicates: 0, lost: 10 });
  });

  it('replays callbacks into owned partitions and times the reassignment and the pause', () => {
    const t = compactTrace(world('kafka'));
    expect([...ownedAt(t, 'a', 5000)]).toEqual(['t-0']);
    expect(timeToReassignment(t, new Set(['t-0']), 5000)).toBe(6000);
    expect(longestPause(t, 'b')).toBe(10);
    expect(movedPartitions(t, 'g')).toEqual([['t-0:a>b']]);
  });

  it('replays incremental (cooperative) callbacks: only what was revoked goes', () => {
    const raw = world('kafka');
    raw.consumers['b'] = [
      ev({ t: 0, kind: 'started' }),
      ev({ t: 1000, kind: 'assigned', partitions: ['t-0', 't-1'] }),
      ev({ t: 2000, kind: 'revoked', partitions: ['t-1'] }),
      ev({ t: 2001, kind: 'assigned', partitions: [] }),
    ];
    expect([...ownedAt(compactTrace(raw), 'b', 3000)]).toEqual(['t-0']);
  });

  it('merges touching runs of the same incarnation into one', () => {
    const raw = world('kafka');
    raw.consumers['a']!.push(ev({ t: 1300, kind: 'processed', ranges: { 't-0': [50, 60] } }));
    expect(compactTrace(raw).consumers['a']!.processed['t-0']).toEqual([[0, 60, 1200, 1300, 1]]);
  });
});

describe('compareTraces', () => {
  it('finds no difference between two worlds that did the same', () => {
    const c = compareTraces(scenario, compactTrace(world('kafka')), compactTrace(world('engine')));
    expect(c.checks.filter((x) => x.kind === 'must').length).toBeGreaterThan(5);
    expect(failures(c)).toEqual([]);
  });

  it('reports a different assignment as a must difference', () => {
    const c = compareTraces(scenario, compactTrace(world('kafka')), compactTrace(world('engine', { bGets: ['t-1'] })));
    const names = failures(c).map((x) => x.name);
    expect(names).toContain('assignments[b]');
    expect(names).toContain('group assignments[g]');
  });

  it('reports an exception only one world threw', () => {
    const c = compareTraces(scenario, compactTrace(world('kafka', { commitError: 'CommitFailedException' })), compactTrace(world('engine')));
    expect(failures(c).map((x) => x.name)).toEqual(['exceptions[b]']);
  });

  it('accepts a time within the band and reports one outside it', () => {
    const near = compareTraces(scenario, compactTrace(world('kafka')), compactTrace(world('engine', { reassignAt: 6000 + 2000 })));
    expect(failures(near)).toEqual([]);
    const far = compareTraces(scenario, compactTrace(world('kafka')), compactTrace(world('engine', { reassignAt: 6000 + 4000 })));
    expect(failures(far).map((x) => x.name)).toEqual(['crash→reassigned[a@5000]']);
  });

  it('reports losses that only one world had', () => {
    const c = compareTraces(scenario, compactTrace(world('kafka', { resumeFrom: 40 })), compactTrace(world('engine', { resumeFrom: 80 })));
    expect(failures(c).map((x) => x.name)).toEqual(expect.arrayContaining(['duplicates happen[g]', 'losses happen[g]']));
  });

  it('names a known simplification instead of failing it', () => {
    const withKnown = { ...scenario, known: [{ check: 'crash→reassigned*', reason: 'the engine detects the crash on a fixed clock' }] };
    const c = compareTraces(withKnown, compactTrace(world('kafka')), compactTrace(world('engine', { reassignAt: 10_000 })));
    expect(failures(c)).toEqual([]);
    const known = c.checks.find((x) => x.name === 'crash→reassigned[a@5000]');
    expect(known).toMatchObject({ kind: 'known', ok: false, note: 'the engine detects the crash on a fixed clock' });
  });
});

describe('timing-decided checks', () => {
  it('are reported as info and never fail the comparison', () => {
    const loose = { ...scenario, timing: [{ check: 'losses happen[g]', reason: 'whether the kill lands inside a batch is up to timing' }] };
    const c = compareTraces(loose, compactTrace(world('kafka', { resumeFrom: 40 })), compactTrace(world('engine', { resumeFrom: 60 })));
    expect(c.checks.find((x) => x.name === 'losses happen[g]')).toMatchObject({ kind: 'info', ok: false });
    expect(failures(c).map((x) => x.name)).not.toContain('losses happen[g]');
  });

  it('an expect bound fails when either world exceeds it', () => {
    const bounded = { ...scenario, expect: { duplicatesAtMost: 5 } };
    const c = compareTraces(bounded, compactTrace(world('kafka', { resumeFrom: 48 })), compactTrace(world('engine', { resumeFrom: 40 })));
    expect(failures(c).map((x) => x.name)).toContain('duplicates ≤ 5[g]');
  });
});

describe('parseScenario', () => {
  it('names every problem of a bad scenario', () => {
    expect(() => parseScenario({ name: 'x', story: 's', durationMs: 5000, topics: [], consumers: [{ id: 'a', groupId: 'g' }], actions: [{ at: 0, do: 'crash', consumer: 'zz' }] })).toThrow(
      /exactly one of subscribe, pattern or assign/,
    );
    expect(() => parseScenario({ name: 'x', story: 's', durationMs: 5000, topics: [], consumers: [{ id: 'a', groupId: 'g', subscribe: ['t'] }], actions: [{ at: 0, do: 'crash', consumer: 'zz' }] })).toThrow(
      /every action must name a consumer/,
    );
  });
});
