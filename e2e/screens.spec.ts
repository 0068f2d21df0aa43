import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/** Projector and screens: themes, large type, palettes, widths, presenter keys, reduced motion. */

async function serious(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ rule: v.id, where: v.nodes.map((n) => n.target.join(' ')) }));
}

async function open(page: Page, width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/?paused=1');
  await expect(page.getByTestId('group-order-processors')).toHaveAttribute('data-state', 'Stable');
}

for (const [width, height] of [
  [1920, 1080],
  [1366, 768],
  [390, 844],
] as const) {
  test(`${width} px: no sideways scroll, the lesson in view, no serious axe violation in light, dark and large type`, async ({ page }) => {
    await open(page, width, height);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await expect(page.getByTestId('lesson')).toBeInViewport();
    await expect(page.getByTestId('try-this')).toBeInViewport();
    expect(await serious(page)).toEqual([]);

    await page.getByRole('switch', { name: 'Dark theme' }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(await serious(page)).toEqual([]);

    await page.getByRole('switch', { name: 'Large type' }).check();
    await page.getByRole('switch', { name: 'Colour-blind palette' }).check();
    await expect(page.locator('html')).toHaveAttribute('data-type', 'large');
    await expect(page.locator('html')).toHaveAttribute('data-palette', 'colorblind');
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(await serious(page)).toEqual([]);
  });
}

test('the add-consumer dialog and the inspector have no serious axe violation', async ({ page }) => {
  await open(page, 1366, 768);
  await page.getByRole('button', { name: 'Custom consumer…' }).click();
  await expect(page.getByRole('dialog', { name: 'Add a consumer' })).toBeVisible();
  expect(await serious(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Inspect consumer-1' }).click();
  await expect(page.getByRole('dialog', { name: 'Inspect consumer-1' })).toBeVisible();
  expect(await serious(page)).toEqual([]);
});

test('presenter keys: space plays and pauses, ? opens the help, arrows step', async ({ page }) => {
  await open(page, 1366, 768);
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Skip a quiet wait');
  expect(await serious(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  const before = await page.evaluate(() => window.kafkaViz!.now);
  await page.keyboard.press('.');
  expect(await page.evaluate(() => window.kafkaViz!.now)).toBeGreaterThan(before);
  await page.keyboard.press('ArrowLeft');
  expect(await page.evaluate(() => window.kafkaViz!.now)).toBeLessThan(before);
});

test('prefers-reduced-motion stops the heartbeat ripple', async ({ page }) => {
  await open(page, 1366, 768);
  await page.evaluate(() => window.kafkaViz!.advance(4_000));
  const ring = page.locator('.heartbeat-ring').first();
  await expect(ring).toHaveCount(1);
  expect(await ring.evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
});
