import { expect, test } from '@playwright/test';

/** "About the simulation": what the simulation simplifies, and the key terms, one click from the header. */

test('the glossary opens from the header, explains eager rebalancing, and closes on Escape', async ({ page }) => {
  await page.goto('/');
  const about = page.getByRole('button', { name: 'About the simulation' });
  await about.click();

  const dialog = page.getByRole('dialog', { name: 'About the simulation' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { name: 'How this simulation simplifies Kafka' })).toBeVisible();
  await expect(dialog).toContainText('eager');
  await expect(dialog.getByRole('term').filter({ hasText: 'Session timeout' })).toBeVisible();
  // Focus moves into the dialog, onto the text (so arrow keys scroll it); the close button is one Shift+Tab away.
  await expect(page.getByTestId('about-body')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByRole('button', { name: 'Close', exact: true })).toBeFocused();

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(about).toBeFocused();
  await expect(page.getByRole('button', { name: 'Add consumer' })).toBeVisible();
});

test('the glossary closes with its close button too', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'About the simulation' }).click();
  const dialog = page.getByRole('dialog', { name: 'About the simulation' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'About the simulation' })).toBeFocused();
});
