#!/usr/bin/env node
/* global process -- eslint.config.js only declares Node globals for .ts files */
// `npm run test:unit`: `vitest run` plus any extra arguments. When CI_RESULTS_DIR is set (.ci/run),
// vitest also writes machine-readable results to $CI_RESULTS_DIR/unit.json for the pass/fail count.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const vitestPkg = require.resolve('vitest/package.json');
const vitestBin = join(dirname(vitestPkg), require('vitest/package.json').bin.vitest);

const args = ['run', ...process.argv.slice(2)];
const resultsDir = process.env.CI_RESULTS_DIR;
if (resultsDir) {
  args.push('--reporter=default', '--reporter=json', `--outputFile.json=${join(resultsDir, 'unit.json')}`);
}

const child = spawn(process.execPath, [vitestBin, ...args], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
