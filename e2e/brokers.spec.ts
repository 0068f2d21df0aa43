import { expect, test, type Page } from '@playwright/test';

/** Brokers: up or down, who coordinates which group, crash and restart, and a coordinator that moves. */

async function openStable(page: Page, query = '?paused=1'): Promise<void> {
  await page.goto(`/${query}`);
  await expect(page.getByTestId('group-order-processors')).toHaveAttribute('data-state', 'Stable');
}

test('the brokers are drawn, with the coordinator of the group marked', async ({ page }) => {
  await openStable(page);
  const snapshot = await page.evaluate(() => window.kafkaViz!.snapshot());
  expect(snapshot.brokers.length).toBe(3);
  for (const b of snapshot.brokers) await expect(page.getByTestId(`broker-${b.id}`)).toHaveAttribute('data-status', 'up');
  const coordinator = snapshot.groups['order-processors']!.coordinator!;
  await expect(page.getByTestId(`broker-${coordinator}`)).toHaveAttribute('data-coordinates', 'order-processors');
  await expect(page.getByTestId(`broker-${coordinator}`).getByTestId('coordinator-badge-order-processors')).toBeVisible();
  await expect(page.getByTestId('group-coordinator')).toHaveText(`Coordinator: broker ${coordinator}`);
  await expect(page.getByTestId('consumer-coordinator-consumer-1')).toHaveText(`coordinator: broker ${coordinator}`);
});

test('crash the coordinator: the group moves to another broker, visibly; restart brings the broker back', async ({ page }) => {
  await openStable(page);
  const from = await page.evaluate(() => window.kafkaViz!.snapshot().groups['order-processors']!.coordinator!);
  await page.getByRole('button', { name: `Crash broker ${from}` }).click();
  await expect(page.getByTestId(`broker-${from}`)).toHaveAttribute('data-status', 'down');
  await expect(page.getByTestId(`broker-${from}`)).toHaveAttribute('data-coordinates', '');
  const to = await page.evaluate(() => window.kafkaViz!.snapshot().groups['order-processors']!.coordinator!);
  expect(to).not.toBe(from);
  await expect(page.getByTestId(`broker-${to}`)).toHaveAttribute('data-coordinates', 'order-processors');
  await expect(page.getByTestId('coordinator-moved-order-processors')).toHaveText(`order-processors moved here from Broker ${from}`);
  await expect(page.getByTestId('group-coordinator')).toHaveText(`Coordinator: broker ${to}`);
  // The members find the new coordinator and the group stays readable.
  await page.evaluate(() => window.kafkaViz!.advance(5_000));
  await expect(page.getByTestId('consumer-coordinator-consumer-1')).toHaveText(`coordinator: broker ${to}`);

  await page.getByRole('button', { name: `Restart broker ${from}` }).click();
  await expect(page.getByTestId(`broker-${from}`)).toHaveAttribute('data-status', 'up');
  // Kafka's preferred-leader election is not modelled: coordination stays where it moved.
  await expect(page.getByTestId(`broker-${to}`)).toHaveAttribute('data-coordinates', 'order-processors');
});

test('with every broker down the group has no coordinator, and the page says so', async ({ page }) => {
  await openStable(page);
  for (const id of [1, 2, 3]) await page.getByRole('button', { name: `Crash broker ${id}` }).click();
  await expect(page.getByTestId('orphan-groups')).toContainText('order-processors');
  await expect(page.getByTestId('group-coordinator')).toHaveText('Coordinator: none up');
});

test('refresh metadata: a consumer sees added partitions now, not at metadata.max.age.ms', async ({ page }) => {
  await openStable(page);
  await page.evaluate(() => window.kafkaViz!.dispatch({ type: 'addPartitions', topic: 'orders', partitions: 6 }));
  await page.evaluate(() => window.kafkaViz!.advance(10_000));
  // Nobody knows of them yet: metadata.max.age.ms is 5 minutes.
  await expect(page.getByTestId('partition-orders-5')).toHaveAttribute('data-owner', '');
  const leader = await page.evaluate(() => window.kafkaViz!.snapshot().groups['order-processors']!.leader!);
  await page.getByRole('button', { name: `Refresh metadata of ${leader}` }).click();
  await page.evaluate(() => window.kafkaViz!.advance(10_000));
  await expect(page.getByTestId('partition-orders-5')).not.toHaveAttribute('data-owner', '');
});
