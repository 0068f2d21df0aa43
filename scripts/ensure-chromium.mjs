#!/usr/bin/env node
/* global process, console -- eslint.config.js only declares Node globals for .ts files */
// Makes sure Playwright has a Chromium to drive before `playwright test` runs.
// Order: Playwright's own (`npx playwright install chromium`), then Debian's /usr/bin/chromium;
// if neither exists and we are root on Debian, install Debian's `chromium` with apt-get.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { findChromium } from './chromium-path.mjs';

const HOW_TO =
  'No Chromium found: run `npx playwright install chromium` or install your distribution\'s chromium package (Debian: `apt-get install chromium`)';

function aptGet(args) {
  console.log(`ensure-chromium: apt-get ${args.join(' ')}`);
  const result = spawnSync('apt-get', args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error) console.error(`ensure-chromium: apt-get failed to start: ${result.error.message}`);
  return result.status === 0;
}

let found = findChromium();
if (found) {
  console.log(`ensure-chromium: using ${found}`);
  process.exit(0);
}

const isRoot = process.getuid?.() === 0;
const isDebian = existsSync('/etc/debian_version');
if (!isRoot || !isDebian) {
  console.error(HOW_TO);
  process.exit(1);
}

// Wait for another apt/dpkg (e.g. unattended-upgrades) instead of failing on its lock.
// --no-install-recommends skips printing/desktop extras; fonts-liberation (a recommend) is kept so
// pages render with real fonts.
const install = ['-o', 'DPkg::Lock::Timeout=300', 'install', '-y', '--no-install-recommends', 'chromium', 'fonts-liberation'];
console.log('ensure-chromium: no Chromium found; installing Debian\'s chromium package');
if (!aptGet(install)) {
  // Usually a stale or empty package index (fresh containers ship without one): refresh and retry.
  if (aptGet(['-o', 'DPkg::Lock::Timeout=300', 'update'])) aptGet(install);
}

found = findChromium();
if (!found) {
  console.error(HOW_TO);
  process.exit(1);
}
console.log(`ensure-chromium: using ${found}`);
