import { expect, test, type Page } from '@playwright/test';

/** Per consumer: commit every N records, the rebalance listener, and group.protocol (KIP-848). */

async function openStable(page: Page): Promise<void> {
  await page.goto('/?paused=1');
  await expect(page.getByTestId('group-order-processors')).toHaveAttribute('data-state', 'Stable');
}

test('add a consumer that commits every N records and commits in onPartitionsRevoked; the inspector reads them back', async ({ page }) => {
  await openStable(page);
  await page.getByRole('button', { name: 'Custom consumer…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a consumer' });
  await dialog.getByLabel('Consumer id').fill('counter');
  await dialog.getByLabel('Commit strategy').selectOption('every-n');
  await dialog.getByLabel(/Commit every N records/).fill('50');
  await dialog.getByLabel(/onPartitionsRevoked/).selectOption('commit');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('commit-mode-counter')).toHaveText('commitAsync every N records');
  expect(await page.evaluate(() => window.kafkaViz!.snapshot().consumers['counter']!.commit)).toBe('every-n');

  await page.getByRole('button', { name: 'Inspect counter' }).click();
  const inspector = page.getByRole('dialog', { name: 'Inspect counter' });
  await expect(inspector.getByLabel('Commit strategy')).toHaveValue('every-n');
  await expect(inspector.getByLabel(/Commit every N records/)).toHaveValue('50');
  await expect(inspector.getByLabel(/onPartitionsRevoked/)).toHaveValue('commit');
});

test('a bad count is refused in the engine words and adds nothing', async ({ page }) => {
  await openStable(page);
  const before = await page.evaluate(() => window.kafkaViz!.hash());
  await page.getByRole('button', { name: 'Custom consumer…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a consumer' });
  await dialog.getByLabel('Commit strategy').selectOption('every-n');
  await dialog.getByLabel(/Commit every N records/).fill('0');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('commitEveryRecords');
  expect(await page.evaluate(() => window.kafkaViz!.hash())).toBe(before);
});

test('group.protocol=consumer: a KIP-848 member upgrades the classic group online; the page draws epochs and member states', async ({ page }) => {
  await openStable(page);
  await page.getByRole('button', { name: 'Custom consumer…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a consumer' });
  await dialog.getByLabel('Consumer id').fill('next-gen');
  await dialog.getByLabel('group.protocol').selectOption('consumer');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(dialog).toBeHidden();
  await page.evaluate(() => window.kafkaViz!.advance(30_000));
  const group = await page.evaluate(() => window.kafkaViz!.snapshot().groups['order-processors']!);
  expect(group.protocol).toBe('consumer');
  expect(group.state).toBe('Stable');
  expect(group.members.map((m) => m.consumerId).sort()).toEqual(['consumer-1', 'consumer-2', 'next-gen']);
  const newcomer = group.members.find((m) => m.consumerId === 'next-gen')!;
  expect(newcomer.memberEpoch).toBe(group.generation);
  expect(newcomer.memberState).toBe('STABLE');
  await expect(page.getByTestId('group-order-processors')).toHaveAttribute('data-state', 'Stable');
  await expect(page.getByTestId('group-order-processors')).toHaveAttribute('data-generation', String(group.generation));
  await expect(page.getByTestId('consumer-next-gen')).toHaveAttribute('data-status', 'running');
  // Every partition owned once, by the members the broker assigned.
  const owners = await page.evaluate(() => Object.values(window.kafkaViz!.snapshot().consumers).flatMap((c) => c.owned));
  expect(owners.sort()).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3']);
});

test('the consumer protocol refuses the configs it sets on the broker, in Kafka’s words', async ({ page }) => {
  await openStable(page);
  const before = await page.evaluate(() => window.kafkaViz!.hash());
  const error = await page.evaluate(() => {
    try {
      window.kafkaViz!.dispatch({ type: 'addConsumer', id: 'x', groupId: 'order-processors', subscribe: ['orders'], config: { 'group.protocol': 'consumer', 'session.timeout.ms': 10_000 } });
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  });
  expect(error).toContain('session.timeout.ms cannot be set when group.protocol=CONSUMER');
  expect(await page.evaluate(() => window.kafkaViz!.hash())).toBe(before);

  await page.getByRole('button', { name: 'Inspect consumer-1' }).click();
  const inspector = page.getByRole('dialog', { name: 'Inspect consumer-1' });
  await expect(inspector.getByLabel('group.protocol')).toHaveValue('classic');
});
