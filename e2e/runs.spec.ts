import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage.ts';

test('runs are kept: a second run is overlaid on the first, both survive a reload, one can be reopened and deleted', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  await app.waitUntilReady();
  await app.setSettings({ 'Training images': 128, 'Batch size': 32, Epochs: 1, 'Test images': 100 });
  const savedRuns = page.getByRole('table', { name: 'Saved runs' }).locator('tbody tr');

  await app.trainButton.click();
  await expect(app.status).toHaveText('Finished', { timeout: 180_000 });
  await expect(savedRuns).toHaveCount(1);
  await expect(savedRuns.first()).toContainText('Run 1: 8 layers, 128 images');

  await app.setSettings({ 'Learning rate': 0.002 });
  await app.trainButton.click();
  await expect(app.status).toHaveText('Finished', { timeout: 180_000 });
  await expect(savedRuns).toHaveCount(2);
  await expect(savedRuns.first()).toContainText('Run 2');

  await page.getByRole('checkbox', { name: /Overlay Run 1/ }).check();
  await expect(app.lossChart).toHaveAttribute('data-overlays', '1');
  await expect(app.accuracyChart).toHaveAttribute('data-overlays', '1');
  // The overlaid run's numbers are in the charts' table view too.
  await page.getByText('Show the numbers as a table').click();
  await expect(page.getByRole('table', { name: /^Training metrics per batch of Run 1/ }).locator('tbody tr')).toHaveCount(4);

  await page.reload();
  await expect(savedRuns).toHaveCount(2);
  const runsTable = page.getByRole('table', { name: 'Saved runs' });
  await runsTable.getByRole('button', { name: /Open Run 1/ }).click();
  await expect(page.getByText(/Opened “Run 1.*Undo brings back the model you had/)).toBeVisible();
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue('0.001');
  await runsTable.getByRole('button', { name: /Delete Run 2/ }).click();
  await expect(savedRuns).toHaveCount(1);
  await page.reload();
  await expect(savedRuns).toHaveCount(1);
  await expect(savedRuns.first()).toContainText('Run 1');
});
