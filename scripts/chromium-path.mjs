// Finds a Chromium that Playwright can drive (see docs: design.md, "Browser for e2e on Debian").
// Plain Node ESM, no dependencies beyond node builtins and @playwright/test (playwright-core).
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';

/** Debian's chromium package (`apt-get install chromium`). */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

const require = createRequire(import.meta.url);

function isExecutable(file) {
  if (!file) return false;
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function loadPlaywrightChromium() {
  // playwright-core is what @playwright/test runs on; resolve it from @playwright/test first so a
  // non-hoisted node_modules layout still works, then fall back to the public @playwright/test API.
  const attempts = [
    () => createRequire(require.resolve('@playwright/test'))('playwright-core').chromium,
    () => require('playwright-core').chromium,
    () => require('@playwright/test').chromium,
  ];
  for (const attempt of attempts) {
    try {
      const chromium = attempt();
      if (chromium) return chromium;
    } catch {
      // try the next one
    }
  }
  return null;
}

/** Path of Playwright's own Chromium (`npx playwright install chromium`) if it is installed, else null. */
export function playwrightChromiumPath() {
  try {
    const file = loadPlaywrightChromium()?.executablePath();
    return isExecutable(file) ? file : null;
  } catch {
    return null;
  }
}

/** Path of a Chromium usable by Playwright (Playwright's own first, then Debian's), or null. */
export function findChromium() {
  return playwrightChromiumPath() ?? (isExecutable(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : null);
}

/**
 * The value for Playwright's `launchOptions.executablePath`: undefined when Playwright's own
 * browser is installed (Playwright then picks its own build, e.g. the headless shell), or when
 * nothing is found (Playwright then fails with its own "run npx playwright install" message).
 */
export function chromiumExecutablePath() {
  if (playwrightChromiumPath()) return undefined;
  return findChromium() ?? undefined;
}
