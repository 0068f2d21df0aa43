import { describe, expect, it } from 'vitest';
import { parseUrlOptions } from './url-options';

describe('parseUrlOptions', () => {
  it('reads speed, paused and Kafka config keys with their types, for every consumer or one', () => {
    expect(parseUrlOptions('?speed=10&paused=1&session.timeout.ms=6000&enable.auto.commit=false&consumer-1:group.instance.id=a')).toEqual({
      speed: 10,
      paused: true,
      configs: [
        { param: 'session.timeout.ms', consumerId: null, key: 'session.timeout.ms', value: 6000 },
        { param: 'enable.auto.commit', consumerId: null, key: 'enable.auto.commit', value: false },
        { param: 'consumer-1:group.instance.id', consumerId: 'consumer-1', key: 'group.instance.id', value: 'a' },
      ],
      errors: [],
    });
  });

  it('reports a speed that is not offered and an unknown parameter, keeping the rest', () => {
    const options = parseUrlOptions('?speed=3&foo=bar&max.poll.records=10');
    expect(options.speed).toBeNull();
    expect(options.configs.map((c) => [c.key, c.value])).toEqual([['max.poll.records', 10]]);
    expect(options.errors).toEqual(['?speed: must be one of 0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100; got "3"', 'unknown URL parameter "foo"']);
  });

  it('refuses group.instance.id for every consumer and says how to name one', () => {
    const options = parseUrlOptions('?group.instance.id=a');
    expect(options.configs).toEqual([]);
    expect(options.errors[0]).toMatch(/^\?group.instance.id: .*cannot apply to every consumer; write \?consumer-1:group.instance.id=a$/);
  });

  it('an empty query changes nothing', () => {
    expect(parseUrlOptions('')).toEqual({ speed: null, paused: false, configs: [], errors: [] });
  });
});
