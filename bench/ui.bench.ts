/**
 * The page's frame times at scale: the production build (dist/, `npm run build` first) in
 * Chromium, 1,000 partitions × 200 consumers, steady and through rebalances, at 1×, 10× and
 * 50×. Per row: the intervals between animation frames (what a person sees), and where each
 * frame's time went: the engine's advance; in frames that publish a picture, the snapshot,
 * the store listeners (selectors, canvas paints) and React's render and commit (from
 * window.kafkaViz.frameCosts()); the browser's style, layout, paint and commit (from a
 * Chromium trace). Also the speed
 * the engine kept. Prints figures only; never a pass/fail. Run: npm run bench:ui
 * (UI_BENCH_PORT moves the preview server off 4174; UI_BENCH_MODEL=analytic runs the
 * consumers in the analytic consumption model, as the cluster controls' 'Simulate' choice does.)
 */
import { loadavg } from 'node:os';
import { chromium, type CDPSession } from '@playwright/test';
import { preview } from 'vite';
import { chromiumExecutablePath } from '../scripts/chromium-path.mjs';
import type { FrameCost } from '../src/store/frame-costs';

const PARTITIONS = 1_000;
const CONSUMERS = 200;
const SECONDS = 6;
/** UI_BENCH_PORT lets parallel checkouts on one machine each serve their own build. */
const PORT = Number(process.env.UI_BENCH_PORT ?? 4174);
/** The browser's own work after the page's scripts, per frame (Chromium trace event names). */
const RENDER_EVENTS = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'HitTest']);

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** "p50/p95/max" of a list of ms. */
function spread(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const f = (n: number) => (Number.isNaN(n) ? '-' : n.toFixed(1));
  return `${f(quantile(sorted, 0.5))}/${f(quantile(sorted, 0.95))}/${f(sorted.at(-1) ?? NaN)}`.padStart(16);
}

/** The browser's rendering work per frame: render events after each animation frame's callbacks. */
function renderPerFrame(events: TraceEvent[]): number[] {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return [];
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  const frames: number[] = [];
  for (const e of onMain) {
    if (e.name === 'FireAnimationFrame') frames.push(0);
    else if (RENDER_EVENTS.has(e.name) && frames.length > 0) frames[frames.length - 1]! += (e.dur ?? 0) / 1000;
  }
  return frames;
}

async function traced<T>(cdp: CDPSession, run: () => Promise<T>): Promise<{ result: T; events: TraceEvent[] }> {
  await cdp.send('Tracing.start', { categories: 'devtools.timeline', transferMode: 'ReturnAsStream' });
  const result = await run();
  const complete = new Promise<string>((resolve) => cdp.once('Tracing.tracingComplete', (e) => resolve(e.stream!)));
  await cdp.send('Tracing.end');
  const stream = await complete;
  let text = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle: stream });
    text += chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const parsed = JSON.parse(text) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return { result, events: Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []) };
}

function header(): void {
  console.log(`1,000 partitions x 200 consumers, ${SECONDS} s per row; p50/p95/max in wall ms per frame`);
  console.log(
    `${'row'.padEnd(46)} ${'frames'.padStart(6)} ${'interval'.padStart(16)} ${'engine'.padStart(16)} ${'snapshot*'.padStart(16)} ${'listeners*'.padStart(16)} ${'React*'.padStart(16)} ${'page total'.padStart(16)} ${'browser render'.padStart(16)} ${'speed kept'.padStart(10)}`,
  );
}

function report(name: string, intervals: number[], costs: FrameCost[], render: number[], speed: number): void {
  const published = costs.filter((c) => c.published);
  const virtual = costs.reduce((n, c) => n + c.virtualMs, 0);
  const real = costs.reduce((n, c) => n + Math.min(c.realMs, 250), 0);
  const kept = real > 0 ? `${(virtual / real).toFixed(1)}x/${speed}x` : '-';
  console.log(
    `${name.padEnd(46)} ${String(intervals.length).padStart(6)} ${spread(intervals)} ${spread(costs.map((c) => c.engineMs))} ${spread(published.map((c) => c.snapshotMs))} ${spread(published.map((c) => c.notifyMs))} ${spread(published.map((c) => c.uiMs - c.notifyMs))} ${spread(costs.map((c) => c.engineMs + c.snapshotMs + c.uiMs))} ${spread(render)} ${kept.padStart(10)}`,
  );
}

const MODEL: 'discrete' | 'analytic' = process.env.UI_BENCH_MODEL === 'analytic' ? 'analytic' : 'discrete';

const server = await preview({ preview: { port: PORT, strictPort: true, host: '127.0.0.1' }, logLevel: 'warn' });
const browser = await chromium.launch({
  executablePath: chromiumExecutablePath(),
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`http://127.0.0.1:${PORT}/?paused=1`);
  await page.waitForFunction(() => window.kafkaViz !== undefined);
  console.log(`consumption model: ${MODEL}`);
  await page.evaluate(
    ({ partitions, consumers, model }) => {
      const viz = window.kafkaViz!;
      viz.dispatch({ type: 'setConsumptionModel', model });
      viz.dispatch({ type: 'createTopic', topic: 'big', partitions });
      viz.dispatch({ type: 'setProducer', topic: 'big', rate: 5_000 });
      for (let i = 0; i < consumers; i += 1) {
        viz.dispatch({ type: 'addConsumer', id: `c-${String(i).padStart(3, '0')}`, groupId: 'big-group', subscribe: ['big'], processingMs: 0 });
      }
      viz.advance(15_000);
    },
    { partitions: PARTITIONS, consumers: CONSUMERS, model: MODEL },
  );
  // Look at the big group and topic, as a person would after clicking them.
  await page.getByTestId('group-big-group').click();
  await page.getByRole('button', { name: 'big', exact: true }).click();
  await page.getByTestId('member-matrix').waitFor();
  await page.getByTestId('partition-matrix').waitFor();
  const cdp = await page.context().newCDPSession(page);

  const measure = async (name: string, speed: number, setup: () => Promise<void>) => {
    // A build older than frameCosts() (for a before/after) prints intervals only.
    await page.evaluate(() => window.kafkaViz!.frameCosts?.(true));
    await setup();
    const { result: intervals, events } = await traced(cdp, async () =>
      // A string, not a function: tsx would wrap a named function in a helper the page lacks.
      (await page.evaluate(`new Promise((resolve) => {
        window.kafkaViz.frameCosts?.(true);
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
      })`)) as number[],
    );
    const costs = (await page.evaluate(() => window.kafkaViz!.frameCosts?.(true))) ?? [];
    report(name, intervals, costs, renderPerFrame(events), speed);
  };

  header();
  await measure('steady, 1x', 1, async () => {
    await page.evaluate(() => window.kafkaViz!.play());
  });
  await measure('rebalance, 1x, slow motion (a member closes)', 1, async () => {
    await page.evaluate(() => window.kafkaViz!.dispatch({ type: 'closeConsumer', id: 'c-000' }));
  });
  await page.getByRole('switch', { name: 'Slow motion' }).uncheck();
  await measure('steady, 10x', 10, async () => {
    await page.evaluate(() => {
      window.kafkaViz!.speed = 10;
    });
  });
  await measure('rebalance, 10x (a member joins)', 10, async () => {
    await page.evaluate(() => {
      window.kafkaViz!.dispatch({ type: 'addConsumer', id: 'c-new', groupId: 'big-group', subscribe: ['big'], processingMs: 0 });
    });
  });
  await measure('steady, 50x', 50, async () => {
    await page.evaluate(() => {
      window.kafkaViz!.speed = 50;
    });
  });
  console.log(
    '* over the frames that publish a picture: the snapshot, the store listeners it runs (selectors, canvas paints) and React (render, commit).',
  );
  console.log(
    'page total: engine + snapshot + listeners + React, every frame. speed kept: virtual ms per real ms over the row (a slow-motion hold keeps none, on purpose).',
  );
  console.log(`load average at the end: ${loadavg().map((n) => n.toFixed(2)).join(' ')} (the machine may be shared: frame times suffer first)`);
} finally {
  await browser.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
}
