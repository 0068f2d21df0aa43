import { describe, expect, it } from 'vitest';
import type { DomainEvent, WorldSnapshot } from '../../engine/types';
import type { Frame } from '../../store/simulation-store';
import { createEventHistoryTracker, NOTABLE_LIMIT } from './event-history';

const heartbeat = (seq: number): DomainEvent => ({ type: 'HeartbeatSent', consumerId: 'c', groupId: 'g', seq, time: seq });
const crash = (seq: number): DomainEvent => ({ type: 'ConsumerCrashed', consumerId: 'c', reason: null, seq, time: seq });
const frame = (now: number, events: DomainEvent[]): { frame: Frame } => ({
  frame: { snapshot: { now } as WorldSnapshot, events, horizon: now, bands: [], slowMo: null },
});

describe('event history', () => {
  it('keeps notable events after they leave the frame window', () => {
    const tracker = createEventHistoryTracker();
    tracker.update(frame(1, [crash(1), heartbeat(2)]));
    const h = tracker.update(frame(2, [heartbeat(2), heartbeat(3)]));
    expect(h.notable.map((e) => e.seq)).toEqual([1]);
    expect(h.all.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('returns the same object when nothing new arrived', () => {
    const tracker = createEventHistoryTracker();
    const a = tracker.update(frame(1, [crash(1)]));
    expect(tracker.update(frame(2, [crash(1)]))).toBe(a);
  });

  it('forgets everything when the simulation restarts', () => {
    const tracker = createEventHistoryTracker();
    tracker.update(frame(5_000, [crash(7)]));
    const h = tracker.update(frame(0, [crash(1)]));
    expect(h.notable.map((e) => e.seq)).toEqual([1]);
    expect(h.epoch).toBe(1);
  });

  it('is bounded', () => {
    const tracker = createEventHistoryTracker();
    const many = Array.from({ length: NOTABLE_LIMIT + 50 }, (_, i) => crash(i + 1));
    expect(tracker.update(frame(1, many)).notable).toHaveLength(NOTABLE_LIMIT);
  });
});
