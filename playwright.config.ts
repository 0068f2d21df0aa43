import { join } from 'node:path';
import { defineConfig, devices, type ReporterDescription } from '@playwright/test';
import { chromiumExecutablePath } from './scripts/chromium-path.mjs';

const CI = !!process.env.CI;
// E2E_PORT lets parallel checkouts on one machine each serve their own build.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const BASE_URL = `http://127.0.0.1:${PORT}`;

// .ci/run sets CI_RESULTS_DIR to collect machine-readable results for its pass/fail count.
const resultsDir = process.env.CI_RESULTS_DIR;
const reporter: ReporterDescription[] = [['list']];
if (resultsDir) reporter.push(['json', { outputFile: join(resultsDir, 'e2e.json') }]);

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1, // 2-core machines: the preview server and one browser are enough
  retries: CI ? 1 : 0,
  forbidOnly: CI,
  // Backstop so a hung run can't eat the CI budget (.ci/run must finish well under 10 minutes).
  globalTimeout: CI ? 15 * 60_000 : 0,
  reporter,
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          // Playwright's own Chromium when installed (undefined), else Debian's /usr/bin/chromium.
          executablePath: chromiumExecutablePath(),
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--no-first-run',
            '--disable-sync',
            '--disable-quic',
          ],
        },
      },
    },
  ],
  webServer: {
    // Serves the production build in dist/ (`npm test` runs `npm run build` first).
    command: `npx vite preview --port ${PORT} --strictPort`,
    url: BASE_URL,
    reuseExistingServer: !CI,
    timeout: 60_000,
  },
});
