import { expect, test } from '@playwright/test';

/** Member cards, requests in flight, the state machine and the event log's filters. */

test('a member card: member id, static badge, rings, commit mode; the machine lights the state', async ({ page }) => {
  await page.goto('/?paused=1&consumer-2:group.instance.id=worker-b');
  await expect(page.getByTestId('group-order-processors')).toHaveAttribute('data-state', 'Stable');
  const card = page.getByTestId('consumer-consumer-2');
  await expect(card).toContainText('member id');
  await expect(page.getByTestId('static-consumer-2')).toHaveText('static');
  await expect(page.getByTestId('commit-mode-consumer-2')).toHaveText('auto commit');
  // After a heartbeat the session ring counts down from session.timeout.ms.
  await page.evaluate(() => window.kafkaViz!.advance(3_500));
  const left = Number(await page.getByTestId('session-ring-consumer-2').getAttribute('data-left-ms'));
  expect(left).toBeGreaterThan(40_000);
  expect(left).toBeLessThanOrEqual(45_000);
  await expect(page.getByTestId('poll-ring-consumer-2')).not.toHaveAttribute('data-left-ms', '');
  await expect(page.getByTestId('group-machine').getByRole('listitem').filter({ hasText: 'Stable' })).toHaveAttribute('aria-current', 'true');
});

test('in a rebalance: requests travel to the coordinator, revoked partitions show apart', async ({ page }) => {
  await page.goto('/?paused=1');
  await expect(page.getByTestId('group-order-processors')).toHaveAttribute('data-state', 'Stable');
  await page.getByRole('button', { name: 'Add consumer', exact: true }).click();
  const next = page.getByRole('button', { name: 'Next phase' });
  await next.click(); // the joiner's JoinGroup
  await expect(page.getByTestId('request-JoinGroup-consumer-3')).toBeVisible();
  await next.click(); // the coordinator starts the rebalance
  await next.click(); // consumer-1 learns of it, revokes and rejoins
  await expect(page.getByTestId('given-up-consumer-1')).toContainText('revoked');
  await expect(page.getByTestId('request-JoinGroup-consumer-1')).toBeVisible();
  await expect(page.getByTestId('group-machine')).toHaveAttribute('data-state', 'PreparingRebalance');
  await next.click(); // the leader's assignment
  await expect(page.getByTestId('requests-in-flight').getByText('SyncGroup').first()).toBeVisible();
  await next.click(); // the coordinator hands it out
  // Members resume with their partitions: a phase or two more, as the members' answers land.
  const givenUp = page.getByTestId('given-up-consumer-1');
  for (let i = 0; i < 6 && (await givenUp.count()) > 0; i += 1) await next.click();
  await expect(givenUp).toHaveCount(0);
});

test('the event log filters by group and by consumer', async ({ page }) => {
  await page.goto('/?paused=1');
  await expect(page.getByTestId('group-order-processors')).toHaveAttribute('data-state', 'Stable');
  const log = page.getByTestId('event-log');
  await expect(log).toContainText('consumer-2');
  await page.getByRole('combobox', { name: 'Consumer' }).selectOption('consumer-1');
  await expect(log).toContainText('consumer-1');
  await expect(log).not.toContainText('consumer-2');
  await page.getByRole('combobox', { name: 'Consumer' }).selectOption('');
  await page.getByRole('combobox', { name: 'Group', exact: true }).selectOption('order-processors');
  await expect(log).toContainText('consumer-2');
});

test('a click on an event time rewinds the timeline to that moment', async ({ page }) => {
  await page.goto('/?paused=1&session.timeout.ms=6000&heartbeat.interval.ms=1000');
  await expect(page.getByTestId('group-order-processors')).toHaveAttribute('data-state', 'Stable');
  await page.getByRole('button', { name: 'Crash consumer-1' }).click();
  await page.evaluate(() => window.kafkaViz!.advance(20_000));
  const line = page.getByTestId('event-log').getByRole('listitem').filter({ hasText: 'consumer-1 missed its session timeout' });
  const time = await line.locator('time').getAttribute('datetime');
  await line.getByRole('button', { name: /^Jump to / }).click();
  const expectedMs = Math.round(Number(time!.slice(2, -1)) * 1000) + 1;
  await expect.poll(() => page.evaluate(() => window.kafkaViz!.now)).toBe(expectedMs);
  // That moment: the member is expelled, the survivor not yet given its partitions.
  await expect(page.getByTestId('group-order-processors')).toHaveAttribute('data-state', 'PreparingRebalance');
});
