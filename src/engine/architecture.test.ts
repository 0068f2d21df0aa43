/**
 * The engine's shape, checked: the consumer client is a one-way chain of modules (no import
 * cycle), and no engine module reaches for the UI, the DOM, a clock or randomness.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ENGINE = resolve(__dirname);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '__fixtures__' ? [] : sources(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

/** Value imports only: `import type` adds no runtime edge. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const match of text.matchAll(/^(?:import|export)\s+(?!type\b)[^'";]*?from\s+'(\.[^']+)'/gm)) {
    const target = resolve(dirname(file), match[1]!);
    for (const candidate of [`${target}.ts`, join(target, 'index.ts')]) {
      try {
        if (statSync(candidate).isFile()) {
          out.push(candidate);
          break;
        }
      } catch {
        // not this one
      }
    }
  }
  return out;
}

function findCycle(files: string[]): string[] | null {
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string): string[] | null => {
    if (state.get(f) === 'done') return null;
    if (state.get(f) === 'open') return [...stack.slice(stack.indexOf(f)), f];
    state.set(f, 'open');
    stack.push(f);
    for (const next of graph.get(f) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(f, 'done');
    return null;
  };
  for (const f of files) {
    const cycle = visit(f);
    if (cycle) return cycle.map((p) => relative(ENGINE, p));
  }
  return null;
}

describe('engine architecture', () => {
  const files = sources(ENGINE);

  it('finds the engine sources', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((f) => f.endsWith(join('client', 'poll-loop.ts')))).toBe(true);
  });

  it('has no import cycle anywhere in the engine', () => {
    expect(findCycle(files)).toBeNull();
  });

  it('stays pure: no UI library, DOM, wall clock or Math.random', () => {
    const impure = files.filter((f) =>
      /from '(react|react-dom|zustand|d3[^']*|framer-motion)'|Math\.random|Date\.now|performance\.now|\bdocument\.|\bwindow\./.test(
        readFileSync(f, 'utf8'),
      ),
    );
    expect(impure.map((f) => relative(ENGINE, f))).toEqual([]);
  });

  it('the client never reads the coordinator: no client module imports coordinator code', () => {
    const client = files.filter((f) => f.includes(`${join(ENGINE, 'client')}`));
    expect(client.length).toBeGreaterThan(5);
    const offenders = client.filter((f) => importsOf(f).some((target) => target.includes(join(ENGINE, 'coordinator'))));
    expect(offenders).toEqual([]);
  });
});
