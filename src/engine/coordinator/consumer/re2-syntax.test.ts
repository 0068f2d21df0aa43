/**
 * The simulator's RE2 subset against re2js (a JavaScript port of RE2J, a devDependency so the
 * page does not load it): the same patterns are valid, and valid ones match the same names.
 */
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { compileRe2 } from './re2-syntax';

const TOPICS = ['orders', 'orders-eu', 'orders-us', 'Orders', 'payments', 'orders.v2', 'orders_1', 'x', '', 'ordersorders', 'a-b-c', 'topic-12', 'topic-x', 'o]', 'Q+E'];

const VALID = [
  'orders.*', 'orders', 'orders-(eu|us)', '.*', 'o.*s', 'orders\\..*', 'orders[-_].*', '[a-z]+', '[^o].*', 'topic-[0-9]+', 'topic-\\d+',
  '(?i)orders', '(?:orders|payments)', 'orders(-eu)?', '(?P<name>orders).*', '(?<name>orders).*', '\\Qorders.v2\\E', '\\Q+E\\E', '[[:alpha:]]+',
  '[[:digit:][:lower:]-]+', 'orders{2}', 'o+rders', '\\Aorders\\z', '[]o]]', 'a-b-c|x', 'o\\]',
];
const INVALID = ['orders(?=-eu)', 'orders(?!-eu)', '(?<=x)y', '(?<!x)y', '(a)\\1', '(', 'orders[', '*', 'a**', 'x{2,1}', '[[:nope:]]'];

describe('RE2 syntax, as Kafka reads a SubscriptionPattern', () => {
  it.each(VALID)('%s is valid, and matches whole names as RE2J does', (regex) => {
    const ours = compileRe2(regex);
    expect(typeof ours, String(ours)).not.toBe('string');
    const theirs = RE2JS.compile(regex);
    for (const topic of TOPICS) expect((ours as RegExp).test(topic), `${regex} on '${topic}'`).toBe(theirs.matches(topic));
  });

  it.each(INVALID)('%s is refused, as RE2J refuses it', (regex) => {
    expect(() => RE2JS.compile(regex)).toThrow();
    expect(typeof compileRe2(regex)).toBe('string');
  });

  it('says what RE2J says for a lookahead', () => {
    let theirs = '';
    try {
      RE2JS.compile('orders(?=-eu)');
    } catch (error) {
      theirs = (error as Error).message;
    }
    expect(compileRe2('orders(?=-eu)')).toBe(theirs);
  });

  it('refuses inline flag groups and Unicode classes it does not model, saying so', () => {
    expect(compileRe2('(?i:orders)')).toMatch(/not supported by this simulator/);
    expect(compileRe2('\\pL+')).toMatch(/not supported by this simulator/);
  });
});
