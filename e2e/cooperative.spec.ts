import { expect, test, type Page } from '@playwright/test';

/** Eager stops the whole group; cooperative stops only the partitions that move. */

async function joinThird(page: Page, query: string): Promise<void> {
  await page.goto(`/?paused=1${query}`);
  await expect(page.getByTestId('group-order-processors')).toHaveAttribute('data-state', 'Stable');
  await page.evaluate(() => {
    const viz = window.kafkaViz!;
    const config: Record<string, string> = viz.snapshot().groups['order-processors']!.protocol === 'cooperative' ? { 'partition.assignment.strategy': 'cooperative-sticky' } : {};
    viz.dispatch({ type: 'addConsumer', id: 'c3', groupId: 'order-processors', subscribe: ['orders'], config });
  });
}

/** Steps phase by phase until the group is in the middle of its rebalance with someone giving a partition up. */
async function stepUntilRevoked(page: Page): Promise<void> {
  for (let i = 0; i < 14; i += 1) {
    await page.getByRole('button', { name: 'Next phase' }).click();
    const state = await page.getByTestId('group-order-processors').getAttribute('data-state');
    const waiting = await page.getByTestId('unowned-partitions').locator('li').count();
    if (state !== 'Stable' && waiting > 0) return;
  }
  throw new Error('the rebalance never had a partition waiting');
}

test('cooperative: while a partition moves, the kept ones go on with their owners and the banner names the moving one', async ({ page }) => {
  await joinThird(page, '&partition.assignment.strategy=cooperative-sticky');
  await stepUntilRevoked(page);
  await expect(page.getByTestId('eager-stop')).toHaveCount(0);
  const banner = page.getByTestId('incremental-rebalance');
  await expect(banner).toBeVisible();
  const moving = (await banner.getAttribute('data-moving'))!.split(', ').filter(Boolean);
  expect(moving.length).toBeGreaterThan(0);
  // Every partition that is not moving still has its owner, and it is being read.
  let kept = 0;
  for (let i = 0; i < 4; i += 1) {
    const row = page.getByTestId(`partition-orders-${i}`);
    if (moving.includes(`orders-${i}`)) await expect(row).toHaveAttribute('data-owner', '');
    else {
      await expect(row).not.toHaveAttribute('data-owner', '');
      kept += 1;
    }
  }
  expect(kept).toBeGreaterThan(0);
});

test('eager: the whole group stops and says so', async ({ page }) => {
  await joinThird(page, '');
  for (let i = 0; i < 6; i += 1) {
    await page.getByRole('button', { name: 'Next phase' }).click();
    if ((await page.getByTestId('eager-stop').count()) > 0) break;
  }
  await expect(page.getByTestId('eager-stop')).toBeVisible();
  await expect(page.getByTestId('incremental-rebalance')).toHaveCount(0);
});
