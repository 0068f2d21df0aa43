import { describe, expect, it } from 'vitest';
import { formatClock, formatCount, formatDuration, formatEventTime, formatSecondsLeft, formatSpeed } from './time';

describe('formatClock', () => {
  it('prints mm:ss.s with tenths truncated', () => {
    expect(formatClock(0)).toBe('00:00.0');
    expect(formatClock(3_649)).toBe('00:03.6');
    expect(formatClock(59_999)).toBe('00:59.9');
    expect(formatClock(60_000)).toBe('01:00.0');
    expect(formatClock(75 * 60_000 + 2_500)).toBe('75:02.5');
  });
  it('never prints a negative time', () => {
    expect(formatClock(-5)).toBe('00:00.0');
  });
});

describe('formatEventTime', () => {
  it('prints mm:ss.mmm with whole milliseconds', () => {
    expect(formatEventTime(0)).toBe('00:00.000');
    expect(formatEventTime(9_004)).toBe('00:09.004');
    expect(formatEventTime(9_004.9)).toBe('00:09.004');
    expect(formatEventTime(59_999)).toBe('00:59.999');
    expect(formatEventTime(60_000)).toBe('01:00.000');
    expect(formatEventTime(75 * 60_000 + 2_050)).toBe('75:02.050');
  });
  it('never prints a negative time', () => {
    expect(formatEventTime(-5)).toBe('00:00.000');
  });
});

describe('formatSecondsLeft', () => {
  it('rounds up so the countdown reaches 0 only at the end', () => {
    expect(formatSecondsLeft(37_001)).toBe('38 s');
    expect(formatSecondsLeft(38_000)).toBe('38 s');
    expect(formatSecondsLeft(0)).toBe('0 s');
    expect(formatSecondsLeft(-10)).toBe('0 s');
  });
});

describe('formatDuration', () => {
  it('picks a readable unit', () => {
    expect(formatDuration(800)).toBe('800 ms');
    expect(formatDuration(6_000)).toBe('6 s');
    expect(formatDuration(1_500)).toBe('1.5 s');
    expect(formatDuration(300_000)).toBe('5 min');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });
});

describe('formatCount and formatSpeed', () => {
  it('groups thousands and marks speed factors', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatSpeed(0.25)).toBe('0.25×');
    expect(formatSpeed(10)).toBe('10×');
  });
});
