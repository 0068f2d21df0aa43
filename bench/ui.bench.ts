/**
 * The page's frame times at scale: the production build (dist/, `npm run build` first) in
 * Chromium, 1,000 partitions × 200 consumers, through a rebalance. Prints p50/p95 of the
 * intervals between animation frames, and of the page's own work per frame. Prints figures
 * only; never a pass/fail. Run: npm run bench:ui
 */
import { chromium } from '@playwright/test';
import { preview } from 'vite';
import { chromiumExecutablePath } from '../scripts/chromium-path.mjs';

const PARTITIONS = 1_000;
const CONSUMERS = 200;
const SECONDS = 6;

interface Sample {
  name: string;
  intervals: number[];
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function report({ name, intervals }: Sample): void {
  const sorted = [...intervals].sort((a, b) => a - b);
  const fmt = (n: number) => `${n.toFixed(1)} ms`;
  console.log(
    `${name.padEnd(58)} frames ${String(sorted.length).padStart(4)}  p50 ${fmt(quantile(sorted, 0.5)).padStart(9)}  p95 ${fmt(quantile(sorted, 0.95)).padStart(9)}  max ${fmt(sorted.at(-1) ?? NaN).padStart(9)}`,
  );
}

const server = await preview({ preview: { port: 4174, strictPort: true, host: '127.0.0.1' }, logLevel: 'warn' });
const browser = await chromium.launch({
  executablePath: chromiumExecutablePath(),
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto('http://127.0.0.1:4174/?paused=1');
  await page.waitForFunction(() => window.kafkaViz !== undefined);
  await page.evaluate(
    ({ partitions, consumers }) => {
      const viz = window.kafkaViz!;
      viz.dispatch({ type: 'createTopic', topic: 'big', partitions });
      viz.dispatch({ type: 'setProducer', topic: 'big', rate: 5_000 });
      for (let i = 0; i < consumers; i += 1) {
        viz.dispatch({ type: 'addConsumer', id: `c-${String(i).padStart(3, '0')}`, groupId: 'big-group', subscribe: ['big'], processingMs: 0 });
      }
      viz.advance(15_000);
    },
    { partitions: PARTITIONS, consumers: CONSUMERS },
  );
  // Look at the big group and topic, as a person would after clicking them.
  await page.getByTestId('group-big-group').click();
  await page.getByRole('button', { name: 'big', exact: true }).click();
  await page.getByTestId('member-matrix').waitFor();
  await page.getByTestId('partition-matrix').waitFor();

  const measure = async (name: string, setup: () => Promise<void>) => {
    await setup();
    // A string, not a function: tsx would wrap a named function in a helper the page lacks.
    const intervals = (await page.evaluate(`new Promise((resolve) => {
      const out = [];
      let last = performance.now();
      const end = last + ${SECONDS * 1000};
      const frame = (now) => {
        out.push(now - last);
        last = now;
        if (now < end) requestAnimationFrame(frame);
        else resolve(out.slice(1));
      };
      requestAnimationFrame(frame);
    })`)) as number[];
    report({ name, intervals });
  };

  await measure(`steady, 1x (${PARTITIONS} partitions x ${CONSUMERS} consumers)`, async () => {
    await page.evaluate(() => window.kafkaViz!.play());
  });
  await measure('through a rebalance, 1x, slow motion on (a member crashes)', async () => {
    await page.evaluate(() => {
      window.kafkaViz!.dispatch({ type: 'closeConsumer', id: 'c-000' });
    });
  });
  await measure('through a rebalance, 10x, slow motion off (a member joins)', async () => {
    await page.getByRole('switch', { name: 'Slow motion' }).uncheck();
    await page.evaluate(() => {
      window.kafkaViz!.speed = 10;
      window.kafkaViz!.dispatch({ type: 'addConsumer', id: 'c-new', groupId: 'big-group', subscribe: ['big'], processingMs: 0 });
    });
  });
  await measure('steady, 50x', async () => {
    await page.evaluate(() => {
      window.kafkaViz!.speed = 50;
    });
  });
} finally {
  await browser.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
}
