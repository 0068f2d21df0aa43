import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/**
 * Accessibility, seen from the outside: an axe scan of the page and of the glossary dialog
 * (no serious or critical violations), and the keyboard path through every control.
 */

const CARD = /^consumer-consumer-\d+$/;

/** Opens the page with motion reduced (no fade-ins mid-scan) and time paused on a Stable group. */
async function openPaused(page: Page): Promise<void> {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/');
  await expect(page.getByTestId('group-state')).toHaveText('Stable');
  await expect(page.getByTestId(CARD)).toHaveCount(2);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
}

/** Serious and critical axe violations, in a form whose diff says what and where. */
async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ rule: v.id, impact: v.impact, help: v.help, where: v.nodes.map((n) => n.target.join(' ')) }));
}

test('the page has no serious or critical axe violations', async ({ page }) => {
  await openPaused(page);
  expect(await seriousViolations(page)).toEqual([]);
});

test('the page with a crashed consumer has no serious or critical axe violations', async ({ page }) => {
  await openPaused(page);
  await page.getByRole('button', { name: 'Crash consumer-1' }).click();
  await expect(page.getByTestId('session-countdown-consumer-1')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('brokers down, ranges processed twice and the lag chart: no serious or critical axe violations', async ({ page }) => {
  await openPaused(page);
  await page.evaluate(() => {
    const viz = window.kafkaViz!;
    viz.advance(8_000);
    viz.dispatch({ type: 'crashConsumer', id: 'consumer-1' });
    // The session timeout (45 s), then consumer-2's first batch of 500 records (12.5 s) is done
    // and in the ledger, whatever instant the paused page opened at.
    viz.advance(80_000);
    viz.dispatch({ type: 'crashBroker', broker: viz.snapshot().groups['order-processors']!.coordinator! });
    viz.advance(500);
  });
  await expect(page.getByTestId('ledger-list')).toBeVisible();
  await expect(page.getByTestId('lag-plot')).toBeVisible();
  await expect(page.locator('[data-testid^="broker-"][data-status="down"]')).toHaveCount(1);
  expect(await seriousViolations(page)).toEqual([]);
});

test('a cooperative rebalance in progress and the add-consumer dialog: no serious or critical axe violations', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/?paused=1&partition.assignment.strategy=cooperative-sticky');
  await expect(page.getByTestId('group-state')).toHaveText('Stable');
  await page.evaluate(() =>
    window.kafkaViz!.dispatch({ type: 'addConsumer', id: 'c3', groupId: 'order-processors', subscribe: ['orders'], config: { 'partition.assignment.strategy': 'cooperative-sticky' } }),
  );
  for (let i = 0; i < 12 && (await page.getByTestId('incremental-rebalance').count()) === 0; i += 1) {
    await page.getByRole('button', { name: 'Next phase' }).click();
  }
  await expect(page.getByTestId('incremental-rebalance')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Custom consumer…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a consumer' });
  await dialog.getByLabel('Commit strategy').selectOption('every-n');
  expect(await seriousViolations(page)).toEqual([]);
});

test('the glossary dialog has no serious or critical axe violations', async ({ page }) => {
  await openPaused(page);
  await page.getByRole('button', { name: 'About the simulation' }).click();
  await expect(page.getByRole('dialog', { name: 'About the simulation' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

/** What has focus: role-ish tag and accessible name, plus whether a focus ring is drawn. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const label =
      el.getAttribute('aria-label') ??
      (el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : null) ??
      el.textContent ??
      '';
    return {
      name: `${el.tagName.toLowerCase()} ${label.trim().replace(/\s+/g, ' ')}`,
      ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    };
  });
}

test('Tab reaches every control in reading order, each with a visible focus ring', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/');
  await expect(page.getByTestId('group-state')).toHaveText('Stable');

  // From the top of the page, as a keyboard user arrives: the display switches, then the playback.
  const pause = page.getByRole('button', { name: 'Pause' });
  for (let i = 0; i < 8 && !(await pause.evaluate((el) => el === document.activeElement)); i += 1) await page.keyboard.press('Tab');
  await expect(pause).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play' })).toBeFocused();

  const path: string[] = [(await focused(page))!.name];
  for (let i = 0; i < 90; i += 1) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (now === null || path.includes(now.name)) break;
    expect(now.ring, `focus ring on ${now.name}`).toBe(true);
    path.push(now.name);
  }

  const expected = [
    'button Play',
    'button Step 1 second',
    'button Next event',
    'button Next phase',
    'button Skip wait',
    'select Speed',
    'input Slow motion',
    'button Reset',
    'input Virtual time on the timeline',
    'button Add consumer',
    'button Crash consumer-1',
    'button Close consumer-1',
    'button Crash consumer-2',
    'button Close consumer-2',
    'button Custom consumer…',
    'button Add group',
    'input heartbeats, fetches, commits',
  ];
  // Every control, in this order (scrollable panels may add their own stops between them).
  expect(path.filter((name) => expected.includes(name))).toEqual(expected);
});
