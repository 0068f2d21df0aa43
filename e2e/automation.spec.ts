import { expect, test } from '@playwright/test';

/**
 * The automation surface (README, "Automation"): window.kafkaViz drives the page's own
 * store, so what a script does shows as a click would, and the page's data-testids tell
 * what the engine's snapshot says.
 */

test('kafkaViz: pause, advance, dispatch; the page shows it as a click would', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('group-order-processors')).toHaveAttribute('data-state', 'Stable');
  await page.evaluate(() => window.kafkaViz!.pause());
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();

  const t0 = await page.evaluate(() => window.kafkaViz!.now);
  await page.evaluate(() => window.kafkaViz!.advance(2_000));
  expect(await page.evaluate(() => window.kafkaViz!.now)).toBe(t0 + 2_000);

  // Partitions carry their owner and lag as the engine's snapshot has them.
  const snapshot = await page.evaluate(() => window.kafkaViz!.snapshot());
  const owner0 = Object.entries(snapshot.consumers).find(([, c]) => c.owned.includes('orders-0'))![0];
  await expect(page.getByTestId('partition-orders-0')).toHaveAttribute('data-owner', owner0);
  const lag0 = snapshot.groups['order-processors']!.offsets['orders-0']?.lag;
  if (lag0 !== undefined) await expect(page.getByTestId('partition-orders-0')).toHaveAttribute('data-lag', String(lag0));

  // A command through the API: a new consumer card, then the rebalance it causes.
  await page.evaluate(() =>
    window.kafkaViz!.dispatch({ type: 'addConsumer', id: 'scripted', groupId: 'order-processors', subscribe: ['orders'] }),
  );
  await expect(page.getByTestId('consumer-scripted')).toHaveAttribute('data-status', 'running');
  const generation = Number(await page.getByTestId('group-order-processors').getAttribute('data-generation'));
  await page.evaluate(() => window.kafkaViz!.advance(15_000));
  await expect(page.getByTestId('group-order-processors')).toHaveAttribute('data-generation', String(generation + 1));
  await expect(page.getByTestId('group-order-processors')).toHaveAttribute('data-state', 'Stable');

  // A bad command throws the engine's message and shows it, as a rejected click does.
  const error = await page.evaluate(() => {
    try {
      window.kafkaViz!.dispatch({ type: 'crashConsumer', id: 'nobody' });
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  });
  expect(error).toMatch(/nobody/);
  await expect(page.getByRole('alert')).toContainText(error!);

  await page.evaluate(() => window.kafkaViz!.play());
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
});

test('kafkaViz: the same script gives the same hash in two page loads', async ({ page }) => {
  const run = async () => {
    await page.goto('/?paused=1');
    return page.evaluate(() => {
      const viz = window.kafkaViz!;
      viz.dispatch({ type: 'crashConsumer', id: 'consumer-1' });
      viz.advance(50_000);
      return { hash: viz.hash(), now: viz.now };
    });
  };
  const a = await run();
  const b = await run();
  expect(a).toEqual(b);
});
