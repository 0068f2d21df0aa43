import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';

const readmePath = fileURLToPath(new URL('../../../README.md', import.meta.url));
const examplePath = fileURLToPath(new URL('./quickstart.ts', import.meta.url));

describe('the README example', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is this file, word for word', () => {
    const readme = readFileSync(readmePath, 'utf8');
    const block = /<!-- example:start -->\s*```ts\n([\s\S]*?)```\s*<!-- example:end -->/.exec(readme)?.[1];
    const source = readFileSync(examplePath, 'utf8').replace("from '../index'", "from './src/engine'");
    expect(block).toBe(source);
  });

  it('runs and prints what its comments say', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    });
    await import('./quickstart');
    expect(lines[0]).toBe('Stable generation 1');
    expect(lines[2]).toBe('["orders-0","orders-1","orders-2","orders-3"]');
    expect(lines[3]).toBe('1');
    expect(lines[4]).toBe('{"records":1359,"duplicates":36,"lost":0,"skipped":0}');
    expect(lines[5]).toBe('{"a":["t-0","t-2"],"b":["t-1"]}');
  });
});
