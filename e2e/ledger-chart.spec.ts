import { expect, test, type Page } from '@playwright/test';

/** Duplicates and losses on the log bars, linked to their cause; the lag chart from the engine's metrics. */

async function openStable(page: Page): Promise<void> {
  await page.goto('/?paused=1');
  await expect(page.getByTestId('group-order-processors')).toHaveAttribute('data-state', 'Stable');
}

test('a crash after processing and before the auto commit: the ranges processed twice are marked and blamed on the crash', async ({ page }) => {
  await openStable(page);
  const crashAt = await page.evaluate(() => {
    const viz = window.kafkaViz!;
    viz.advance(8_000);
    const at = viz.now;
    viz.dispatch({ type: 'crashConsumer', id: 'consumer-1' });
    // The session timeout (45 s), then consumer-2's first batch (500 records, 12.5 s) is in the ledger.
    viz.advance(80_000);
    return at;
  });
  const processed = await page.evaluate(() => window.kafkaViz!.snapshot().groups['order-processors']!.processed);
  expect(processed.duplicates).toBeGreaterThan(0);
  await expect(page.getByTestId('stat-duplicates')).toHaveText(String(processed.duplicates));
  const list = page.getByTestId('ledger-list');
  await expect(list).toBeVisible();
  const item = list.locator('[data-testid^="ledger-duplicate-"]').first();
  await expect(item).toHaveAttribute('data-cause', 'ConsumerCrashed');
  await expect(item).toHaveAttribute('data-cause-time', String(crashAt));
  await expect(item).toContainText('consumer-1 processed them, then crashed before committing');
  // The bar of that partition carries the same range.
  const partition = (await item.getAttribute('data-partition'))!;
  const range = `${await item.getAttribute('data-from')}-${await item.getAttribute('data-to')}`;
  await expect(page.getByTestId(`partition-${partition}`)).toHaveAttribute('data-duplicated', new RegExp(`(^| )${range}( |$)`));
  // Its time rewinds to the moment before the crash.
  await item.getByRole('button', { name: /^Rewind to/ }).click();
  await expect.poll(() => page.evaluate(() => window.kafkaViz!.now)).toBe(crashAt);
  await expect(page.getByTestId('consumer-consumer-1')).toHaveAttribute('data-status', 'running');
});

test('commit before processing, then a crash: the lost range is marked and blamed on the commit', async ({ page }) => {
  await openStable(page);
  await page.evaluate(() => {
    const viz = window.kafkaViz!;
    viz.dispatch({
      type: 'addConsumer',
      id: 'hasty',
      groupId: 'at-most-once',
      subscribe: ['orders'],
      commit: 'before-processing',
      processingMs: 80,
      config: { 'enable.auto.commit': false, 'max.poll.records': 20, 'session.timeout.ms': 6_000 },
    });
    viz.advance(12_000);
    viz.dispatch({ type: 'crashConsumer', id: 'hasty' });
    viz.advance(1_000);
  });
  await page.getByTestId('group-at-most-once').click();
  const lost = await page.evaluate(() => window.kafkaViz!.snapshot().groups['at-most-once']!.processed.lost);
  expect(lost).toBeGreaterThan(0);
  await expect(page.getByTestId('stat-lost')).toHaveText(String(lost));
  const item = page.getByTestId('ledger-list').locator('[data-testid^="ledger-lost-"]').first();
  await expect(item).toHaveAttribute('data-cause', 'OffsetCommitted');
  await expect(item).toContainText('hasty committed past them before processing');
  await expect(item).toContainText('then hasty crashed');
  await expect(page.locator('[data-lost]:not([data-lost=""])').first()).toBeVisible();
  await expect(page.getByTestId('stat-skipped')).toHaveText('0');
});

test('the lag chart: records or seconds, group or one partition, rebalances as bands with their cause; it follows a rewind', async ({ page }) => {
  await openStable(page);
  await page.evaluate(() => {
    const viz = window.kafkaViz!;
    viz.advance(5_000);
    viz.dispatch({ type: 'crashConsumer', id: 'consumer-1' });
    viz.advance(60_000);
  });
  const chart = page.getByTestId('lag-chart');
  const plot = chart.getByTestId('lag-plot');
  await expect(plot).toHaveAttribute('data-unit', 'records');
  expect(Number(await plot.getAttribute('data-points'))).toBeGreaterThan(30);
  await expect(chart.locator('[data-cause="session timeout"]').first()).toBeVisible();
  await expect(chart.locator('[data-cause="join"]').first()).toBeAttached();
  await expect(chart.getByTestId('rate-plot')).toBeVisible();

  await chart.getByText('seconds behind').click();
  await expect(plot).toHaveAttribute('data-unit', 'seconds');
  await chart.getByLabel('Show', { exact: true }).selectOption('orders-0');
  await expect(chart.getByTestId('rate-plot')).toHaveCount(0);
  expect(Number(await plot.getAttribute('data-points'))).toBeGreaterThan(0);
  await chart.getByLabel('Show', { exact: true }).selectOption('');

  // Rewind before the crash: no session-timeout band any more.
  await page.evaluate(() => window.kafkaViz!.seekTo(8_000));
  await expect(chart.locator('[data-cause="session timeout"]')).toHaveCount(0);
  await expect(plot).toHaveAttribute('data-bands', '1');
});
