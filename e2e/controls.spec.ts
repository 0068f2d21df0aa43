import { expect, test, type Page } from '@playwright/test';

/** Every control of the cluster, the groups and the consumers, with the engine's refusals shown. */

async function openStable(page: Page, query = ''): Promise<void> {
  await page.goto(`/${query}`);
  await expect(page.getByTestId('group-order-processors')).toHaveAttribute('data-state', 'Stable');
}

async function cluster(page: Page) {
  const details = page.getByTestId('cluster-controls');
  if (!(await details.evaluate((el) => (el as HTMLDetailsElement).open))) await details.locator('summary').click();
  return details;
}

test('cluster: the consumption model switches to the closed form and back, through the engine', async ({ page }) => {
  await openStable(page, '?paused=1');
  const c = await cluster(page);
  const model = c.getByLabel('Simulate');
  await expect(model).toHaveValue('discrete');
  await model.selectOption('analytic');
  await expect(model).toHaveValue('analytic');
  // A consumer that processes in no time is computed once caught up, and its group goes quiet.
  const seen = await page.evaluate(() => {
    const viz = window.kafkaViz!;
    viz.dispatch({ type: 'addConsumer', id: 'fast-1', groupId: 'fast', subscribe: ['orders'], processingMs: 0 });
    viz.advance(20_000);
    const snap = viz.snapshot();
    return { model: snap.consumptionModel, fetching: snap.consumers['fast-1']!.fetching, quiet: snap.groups['fast']!.quiet };
  });
  expect(seen).toEqual({ model: 'analytic', fetching: 'analytic', quiet: true });
  await model.selectOption('discrete');
  await expect(model).toHaveValue('discrete');
  expect(await page.evaluate(() => window.kafkaViz!.snapshot().consumers['fast-1']!.fetching)).toBe('discrete');
});

test('cluster: create a topic, add partitions, set the producer rate; a refusal changes nothing', async ({ page }) => {
  // Many steps at 10x; on a loaded 2-core machine it needs more than the default 30 s.
  test.slow();
  await openStable(page, '?speed=10');
  const c = await cluster(page);
  await c.getByLabel('Topic name').fill('payments');
  await c.getByLabel('Partitions', { exact: true }).fill('3');
  await c.getByRole('button', { name: 'Create topic' }).click();
  await expect(page.getByRole('button', { name: 'payments', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('partition-payments-2')).toBeVisible();
  await expect(page.getByTestId('partition-payments-3')).toHaveCount(0);

  await page.getByRole('button', { name: 'orders', exact: true }).click();
  await c.getByLabel(/New total/).fill('6');
  await c.getByRole('button', { name: 'Add partitions' }).click();
  await expect(page.getByTestId('partition-orders-5')).toBeVisible();
  // Nobody knows of them until the leader's metadata refresh (metadata.max.age.ms, 5 min):
  // refresh it now, and the group rebalances them in.
  await page.evaluate(() => {
    const viz = window.kafkaViz!;
    viz.dispatch({ type: 'refreshMetadata', id: viz.snapshot().groups['order-processors']!.leader! });
  });
  await expect(page.getByTestId('partition-orders-5')).not.toHaveAttribute('data-owner', '', { timeout: 20_000 });

  await c.getByLabel(/New total/).fill('2');
  await c.getByRole('button', { name: 'Add partitions' }).click();
  await expect(page.getByRole('alert')).toContainText('addPartitions takes the new total');
  await expect(page.getByTestId('partition-orders-5')).toBeVisible();

  // The record size (what fetch.*.bytes count) goes with the rate; a bad one is refused.
  await c.getByLabel('Record size (bytes)').fill('0');
  await c.getByRole('button', { name: 'Set rate' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'recordBytes' })).toBeVisible();
  await c.getByLabel('Record size (bytes)').fill('4096');
  await c.getByRole('button', { name: 'Set rate' }).click();
  await expect(c.getByLabel('Record size (bytes)')).toHaveValue('');

  await c.getByLabel(/Producer rate/).fill('0');
  await c.getByRole('button', { name: 'Set rate' }).click();
  await expect(page.getByText('No producer')).toBeVisible();
});

test('a second group on the same topic reads every partition too, with its own owners', async ({ page }) => {
  await openStable(page, '?speed=10');
  await page.getByRole('button', { name: 'Add group' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a consumer' });
  await expect(dialog.getByLabel('New group id')).toHaveValue('group-2');
  await dialog.getByLabel('Consumer id').fill('audit-1');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('group-group-2')).toHaveAttribute('data-state', 'Stable', { timeout: 20_000 });
  await expect(page.getByTestId('consumer-audit-1')).toHaveAttribute('data-owned', 'orders-0 orders-1 orders-2 orders-3');
  // Both groups listed as readers of orders; the first keeps its own two owners.
  await expect(page.getByTestId('reader-order-processors')).toBeVisible();
  await expect(page.getByTestId('reader-group-2')).toBeVisible();
  await page.getByTestId('group-order-processors').click();
  await expect(page.getByTestId('consumer-consumer-1')).toHaveAttribute('data-owned', 'orders-0 orders-1');
});

test('add a consumer by a SubscriptionPattern: the consumer protocol, the coordinator resolves the regex', async ({ page }) => {
  test.slow();
  await openStable(page, '?speed=10');
  await page.getByRole('button', { name: 'Custom consumer…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a consumer' });
  await dialog.getByLabel('Consumer id').fill('by-re2j');
  await dialog.getByLabel('Group (group.id)').fill('re2j-readers');
  await dialog.getByRole('radio', { name: 'subscribe(SubscriptionPattern)' }).check();
  await expect(dialog.getByLabel('group.protocol')).toHaveValue('consumer');
  await dialog.getByLabel('Regular expression').fill('ord.*');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId('subscription-pattern-by-re2j')).toHaveAttribute('data-pattern', 'ord.*');
  await expect(page.getByTestId('consumer-by-re2j')).toHaveAttribute('data-owned', 'orders-0 orders-1 orders-2 orders-3', { timeout: 20_000 });
});

test('a SubscriptionPattern under the classic protocol is refused in the dialog, which adds nothing', async ({ page }) => {
  await openStable(page, '?speed=10');
  await page.getByRole('button', { name: 'Custom consumer…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a consumer' });
  await dialog.getByLabel('Consumer id').fill('refused-re2j');
  await dialog.getByRole('radio', { name: 'subscribe(SubscriptionPattern)' }).check();
  await dialog.getByLabel('group.protocol').selectOption('classic');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(dialog.getByText(/subscriptionPattern needs group\.protocol=consumer/)).toBeVisible();
  await expect(page.getByTestId('consumer-refused-re2j')).toHaveCount(0);
});

test('add a consumer by regex, and a standalone one by assign', async ({ page }) => {
  test.slow();
  await openStable(page, '?speed=10');
  await page.getByRole('button', { name: 'Custom consumer…' }).click();
  let dialog = page.getByRole('dialog', { name: 'Add a consumer' });
  await dialog.getByLabel('Consumer id').fill('by-pattern');
  await dialog.getByLabel('Group (group.id)').fill('regex-readers');
  await dialog.getByRole('radio', { name: 'subscribe(pattern)' }).check();
  await dialog.getByLabel('Regular expression').fill('ord.*');
  await dialog.getByLabel('Commit strategy').selectOption('sync');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId('consumer-by-pattern')).toHaveAttribute('data-owned', 'orders-0 orders-1 orders-2 orders-3', { timeout: 20_000 });
  await expect(page.getByTestId('commit-mode-by-pattern')).toHaveText('commitSync');

  await page.getByRole('button', { name: 'Custom consumer…' }).click();
  dialog = page.getByRole('dialog', { name: 'Add a consumer' });
  await dialog.getByLabel('Consumer id').fill('loner');
  await dialog.getByLabel('Group (group.id)').fill('');
  await dialog.getByRole('radio', { name: 'assign(partitions)' }).check();
  await dialog.getByLabel(/Partitions \("topic-N"\)/).fill('orders-3');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(dialog).toBeHidden();
  const snapshot = await page.evaluate(() => window.kafkaViz!.snapshot());
  expect(snapshot.consumers['loner']).toMatchObject({ groupId: null, owned: ['orders-3'] });

  // A refusal stays in the dialog, in the engine's words, and adds nothing.
  await page.getByRole('button', { name: 'Custom consumer…' }).click();
  dialog = page.getByRole('dialog', { name: 'Add a consumer' });
  await dialog.getByLabel('Consumer id').fill('loner');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText("consumer 'loner' already exists");
});

test('crash, close, stall for N s, restart', async ({ page }) => {
  await openStable(page, '?paused=1');
  await page.getByRole('button', { name: 'Inspect consumer-1' }).click();
  const inspector = page.getByRole('dialog', { name: 'Inspect consumer-1' });
  await inspector.getByLabel('Seconds to stall consumer-1').fill('5');
  await inspector.getByRole('button', { name: 'Stall consumer-1' }).click();
  await expect(page.getByTestId('consumer-consumer-1')).toHaveAttribute('data-status', 'stalled');
  await inspector.getByRole('button', { name: 'Close inspector' }).click();
  await page.evaluate(() => window.kafkaViz!.advance(6_000));
  await expect(page.getByTestId('consumer-consumer-1')).toHaveAttribute('data-status', 'running');

  await page.getByRole('button', { name: 'Close consumer-2' }).click();
  await page.evaluate(() => window.kafkaViz!.advance(1_000));
  await expect(page.getByTestId('consumer-consumer-2')).toHaveAttribute('data-status', 'closed');
  await page.getByRole('button', { name: 'Restart consumer-2' }).click();
  await expect(page.getByTestId('consumer-consumer-2')).toHaveAttribute('data-status', 'running');
});

test('the inspector: a bad config shows the engine message at its field and changes nothing; a good one replaces the consumer', async ({ page }) => {
  await openStable(page, '?paused=1&session.timeout.ms=10000');
  await page.getByRole('button', { name: 'Inspect consumer-1' }).click();
  const inspector = page.getByRole('dialog', { name: 'Inspect consumer-1' });
  await expect(inspector.getByLabel('session.timeout.ms')).toHaveValue('10000');
  const before = await page.evaluate(() => window.kafkaViz!.hash());

  await inspector.getByLabel('session.timeout.ms').fill('abc');
  await inspector.getByRole('button', { name: 'Apply as a new consumer' }).click();
  await expect(inspector.getByRole('alert')).toContainText("config 'session.timeout.ms' must be an integer");
  await expect(inspector.getByLabel('session.timeout.ms')).toHaveAttribute('aria-invalid', 'true');
  expect(await page.evaluate(() => window.kafkaViz!.hash())).toBe(before);

  await inspector.getByLabel('session.timeout.ms').fill('20000');
  await inspector.getByLabel('Commit strategy').selectOption('async+sync');
  await inspector.getByRole('button', { name: 'Apply as a new consumer' }).click();
  await expect(inspector).toBeHidden();
  await expect(page.getByTestId('consumer-consumer-1-b')).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('commit-mode-consumer-1-b')).toHaveText('async, sync on close');
  const snapshot = await page.evaluate(() => window.kafkaViz!.snapshot());
  expect(snapshot.consumers['consumer-1-b']!.config.sessionTimeoutMs).toBe(20_000);
  await page.evaluate(() => window.kafkaViz!.advance(2_000));
  await expect(page.getByTestId('consumer-consumer-1')).toHaveAttribute('data-status', 'closed');
});

test('URL configs name what they apply to; an error names the parameter the person wrote', async ({ page }) => {
  await page.goto('/?group.instance.id=a&max.poll.records=0');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('?group.instance.id: group.instance.id names one consumer');
  await expect(alert).toContainText("?max.poll.records: config 'max.poll.records' must be an integer from 1");

  await page.goto('/?consumer-1:group.instance.id=static-1&session.timeout.ms=6000');
  await expect(page.getByRole('alert')).toContainText('group.instance.id=static-1 (consumer-1)');
  await expect(page.getByRole('alert')).toContainText('session.timeout.ms=6000 (every consumer)');
  await expect(page.getByTestId('static-consumer-1')).toBeVisible();
  await expect(page.getByTestId('static-consumer-2')).toHaveCount(0);
});
