import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';

const readmePath = fileURLToPath(new URL('../../../README.md', import.meta.url));
const examplePath = fileURLToPath(new URL('./metrics.ts', import.meta.url));

describe('the README metrics example', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is this file, word for word', () => {
    const readme = readFileSync(readmePath, 'utf8');
    const block = /<!-- metrics-example:start -->\s*```ts\n([\s\S]*?)```\s*<!-- metrics-example:end -->/.exec(readme)?.[1];
    const source = readFileSync(examplePath, 'utf8').replace("from '../index'", "from './src/engine'");
    expect(block).toBe(source);
  });

  it('runs and prints a lag peak, a rate, a partition point and three rebalances', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    });
    await import('./metrics');
    expect(lines[0]).toMatch(/^worst lag: \d+ records, \d+ ms behind, at \d+ ms$/);
    expect(lines[1]).toBe('consumed 50 records/s in the last second');
    expect(JSON.parse(lines[2]!)).toMatchObject({ t: 60_000, stepMs: 10_000, logEnd: 750 });
    expect(lines.slice(3).map((l) => l.split(' at ')[0])).toEqual(['join', 'session timeout', 'join']);
  });
});
