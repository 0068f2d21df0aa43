import { expect, test } from '@playwright/test';

/** Past 64 partitions or 32 members the page draws matrices on canvas, still telling what it shows. */

test('a big topic and group switch to matrices; a click on a member opens its card', async ({ page }) => {
  await page.goto('/?paused=1');
  await expect(page.getByTestId('group-order-processors')).toHaveAttribute('data-state', 'Stable');
  await page.evaluate(() => {
    const viz = window.kafkaViz!;
    viz.dispatch({ type: 'createTopic', topic: 'wide', partitions: 100 });
    for (let i = 0; i < 40; i += 1) {
      viz.dispatch({ type: 'addConsumer', id: `w-${String(i).padStart(2, '0')}`, groupId: 'wide-readers', subscribe: ['wide'] });
    }
    viz.advance(12_000);
  });
  await page.getByTestId('group-wide-readers').click();
  await page.getByRole('button', { name: 'wide', exact: true }).click();

  const partitions = page.getByTestId('partition-matrix');
  await expect(partitions).toHaveAttribute('data-owned', '100');
  await expect(partitions.getByRole('img')).toHaveAccessibleName(/^100 partitions: 100 owned, 0 waiting/);
  await expect(page.getByTestId('partition-wide-0')).toHaveCount(0);

  const members = page.getByTestId('member-matrix');
  await expect(members).toHaveAttribute('data-running', '40');
  await expect(page.getByTestId(/^consumer-w-/)).toHaveCount(0);
  await members.locator('canvas').click({ position: { x: 5, y: 5 } });
  await expect(page.getByTestId('consumer-w-00')).toBeVisible();

  // A crash shows in the counts at once.
  await page.getByRole('button', { name: 'Crash w-00' }).click();
  await expect(members.getByRole('img')).toHaveAccessibleName(/39 running, 0 stalled, 1 crashed/);
});
