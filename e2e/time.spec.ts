import { expect, test, type Page } from '@playwright/test';

/** Time that shows what happens: slow motion, step and skip, and the timeline's exact rewind. */

async function openStable(page: Page, query = ''): Promise<void> {
  await page.goto(`/${query}`);
  await expect(page.getByTestId('group-order-processors')).toHaveAttribute('data-state', 'Stable');
}

const mark = (page: Page) => page.getByTestId('slow-motion-mark');

test('a rebalance plays in slow motion, phase by phase, and the switch turns it off', async ({ page }) => {
  await openStable(page);
  await page.getByRole('button', { name: 'Add consumer', exact: true }).click();
  // The joiner's JoinGroup, then each phase in turn, each held on screen.
  await expect(mark(page)).toContainText('slow motion');
  await expect(mark(page)).toHaveAttribute('data-phase', 'join');
  await expect(mark(page)).toHaveAttribute('data-phase', 'learn', { timeout: 10_000 });
  await expect(mark(page).getByRole('listitem').filter({ hasText: 'Learn' })).toHaveAttribute('aria-current', 'step');
  await expect(mark(page)).toHaveAttribute('data-phase', 'sync', { timeout: 15_000 });
  await expect(mark(page)).toHaveAttribute('data-phase', 'resume', { timeout: 10_000 });
  await expect(page.getByTestId('group-order-processors')).toHaveAttribute('data-generation', '2', { timeout: 10_000 });
  await expect(mark(page)).toHaveAttribute('data-phase', '', { timeout: 10_000 });

  // Off: the next rebalance runs at plain speed, with no mark.
  await page.getByRole('switch', { name: 'Slow motion' }).uncheck();
  await page.getByRole('button', { name: 'Add consumer', exact: true }).click();
  await expect(page.getByTestId('group-order-processors')).toHaveAttribute('data-generation', '3', { timeout: 15_000 });
  await expect(mark(page)).toHaveAttribute('data-phase', '');
});

test('next phase walks a paused rebalance one phase at a time, the whole group stopped', async ({ page }) => {
  await openStable(page, '?paused=1');
  await page.getByRole('button', { name: 'Add consumer', exact: true }).click();
  const next = page.getByRole('button', { name: 'Next phase' });
  const seen: string[] = [];
  for (let i = 0; i < 6; i += 1) {
    await next.click();
    seen.push((await mark(page).getAttribute('data-phase')) ?? '');
    if (seen.at(-1) === 'learn') await expect(page.getByTestId('eager-stop')).toBeVisible();
  }
  expect(seen).toEqual(['join', 'learn', 'join', 'assign', 'sync', 'resume']);
  await expect(mark(page).locator('.is-reached')).toHaveCount(6);
  await expect(page.getByTestId('eager-stop')).toHaveCount(0);
});

test('S skips the quiet wait after a crash to the moment the coordinator expels the member', async ({ page }) => {
  await openStable(page, '?paused=1');
  await page.getByRole('button', { name: 'Crash consumer-1' }).click();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('s');
  await expect(page.getByTestId('event-log')).toContainText('consumer-1 missed its session timeout');
  const now = await page.evaluate(() => window.kafkaViz!.now);
  expect(now).toBeGreaterThan(45_000);
  expect(now).toBeLessThan(60_000);
});

test('the timeline rewinds exactly and replays the recorded future', async ({ page }) => {
  await openStable(page, '?paused=1');
  const t = await page.evaluate(() => {
    const viz = window.kafkaViz!;
    viz.advance(100 - (viz.now % 100)); // the scrubber moves in 100 ms steps
    return { now: viz.now, hash: viz.hash() };
  });
  await page.getByRole('button', { name: 'Crash consumer-1' }).click();
  await page.evaluate(() => window.kafkaViz!.advance(60_000));
  await expect(page.getByTestId('consumer-consumer-1')).toHaveAttribute('data-status', 'crashed');
  await expect(page.getByTestId('timeline-band')).toHaveCount(2);

  await page.getByRole('slider', { name: 'Virtual time on the timeline' }).fill(String(t.now));
  await expect(page.getByTestId('consumer-consumer-1')).toHaveAttribute('data-status', 'running');
  expect(await page.evaluate(() => ({ now: window.kafkaViz!.now, hash: window.kafkaViz!.hash() }))).toEqual(t);
  // The second rebalance is still on the timeline, as recorded future.
  await expect(page.getByTestId('timeline-band')).toHaveCount(2);

  // Replay: the crash happens again, at its time.
  await page.getByRole('button', { name: 'Step 1 second' }).click();
  await expect(page.getByTestId('consumer-consumer-1')).toHaveAttribute('data-status', 'crashed');
});

test('speed runs from 0.1x to 100x', async ({ page }) => {
  await openStable(page);
  const speed = page.getByRole('combobox', { name: 'Speed' });
  await expect(speed.locator('option')).toHaveText(['0.1×', '0.25×', '0.5×', '1×', '2×', '5×', '10×', '25×', '50×', '100×']);
  await speed.selectOption('100');
  const before = await page.evaluate(() => window.kafkaViz!.now);
  await expect.poll(() => page.evaluate(() => window.kafkaViz!.now), { timeout: 10_000 }).toBeGreaterThan(before + 60_000);
});
