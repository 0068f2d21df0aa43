import { describe, expect, it } from 'vitest';
import { parseUrlOptions } from './url-options';

describe('parseUrlOptions', () => {
  it('reads speed, paused and Kafka config keys with their types', () => {
    expect(parseUrlOptions('?speed=10&paused=1&session.timeout.ms=6000&enable.auto.commit=false&auto.offset.reset=earliest')).toEqual({
      speed: 10,
      paused: true,
      config: { 'session.timeout.ms': 6000, 'enable.auto.commit': false, 'auto.offset.reset': 'earliest' },
      errors: [],
    });
  });

  it('reports a speed that is not offered and an unknown parameter, keeping the rest', () => {
    const options = parseUrlOptions('?speed=3&foo=bar&max.poll.records=10');
    expect(options.speed).toBeNull();
    expect(options.config).toEqual({ 'max.poll.records': 10 });
    expect(options.errors).toEqual(['speed must be one of 0.25, 0.5, 1, 2, 5, 10, 25, 50; got "3"', 'unknown URL parameter "foo"']);
  });

  it('an empty query changes nothing', () => {
    expect(parseUrlOptions('')).toEqual({ speed: null, paused: false, config: {}, errors: [] });
  });
});
