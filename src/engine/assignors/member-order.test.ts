import { describe, expect, it } from 'vitest';
import { compareJavaStrings, compareMembers, sortMembers } from './member-order';

describe('compareJavaStrings', () => {
  it('orders by UTF-16 code unit: uppercase before lowercase', () => {
    expect(compareJavaStrings('B', 'a')).toBeLessThan(0);
    expect(['b', 'a', 'B', 'A', '_', '1'].sort(compareJavaStrings)).toEqual(['1', 'A', 'B', '_', 'a', 'b']);
  });

  it('puts a prefix first and returns Java values', () => {
    expect(compareJavaStrings('ab', 'abc')).toBe(-1);
    expect(compareJavaStrings('a', 'c')).toBe(-2);
    expect(compareJavaStrings('same', 'same')).toBe(0);
    expect(compareJavaStrings('', 'x')).toBe(-1);
  });

  it('compares surrogate halves, not code points', () => {
    // U+1F600 is the pair D83D DE00; D83D < FF61, though the code point U+1F600 > U+FF61.
    expect(compareJavaStrings('\u{1F600}', '\uFF61')).toBeLessThan(0);
  });

  it('ignores locale: consumer10 sorts before consumer2', () => {
    expect(['consumer2', 'consumer10', 'Consumer3'].sort(compareJavaStrings)).toEqual([
      'Consumer3',
      'consumer10',
      'consumer2',
    ]);
  });
});

describe('sortMembers', () => {
  it('puts static members first, by instanceId, then dynamic members by id', () => {
    const members = [
      { id: 'a-dynamic' },
      { id: 'z-static', instanceId: 'instance1' },
      { id: 'A-dynamic' },
      { id: 'b-static', instanceId: 'instance2' },
    ];
    expect(sortMembers(members).map((m) => m.id)).toEqual(['z-static', 'b-static', 'A-dynamic', 'a-dynamic']);
  });

  it('sorts instanceIds in UTF-16 order too', () => {
    const members = [
      { id: 'm1', instanceId: 'app-b' },
      { id: 'm2', instanceId: 'App-c' },
    ];
    expect(sortMembers(members).map((m) => m.id)).toEqual(['m2', 'm1']);
  });

  it('breaks an instanceId tie by member id and leaves the input alone', () => {
    const members = [
      { id: 'y', instanceId: 'same' },
      { id: 'x', instanceId: 'same' },
    ];
    expect(sortMembers(members).map((m) => m.id)).toEqual(['x', 'y']);
    expect(members.map((m) => m.id)).toEqual(['y', 'x']);
  });

  it('treats an empty instanceId as static', () => {
    expect(compareMembers({ id: 'a' }, { id: 'b', instanceId: '' })).toBe(1);
  });
});
