import { expect, test, type Page } from '@playwright/test';
import { DrawPadPanel } from './pages/DrawPadPanel.ts';
import { EditorPanel } from './pages/EditorPanel.ts';
import { PlaygroundPage } from './pages/PlaygroundPage.ts';
import { framelessPageAxe } from './support/axe.ts';
import { REMEMBERED_BACKEND_STATE } from './support/rememberedBackend.ts';

/**
 * Runs every axe rule that is on by default (WCAG 2.0–2.2 A and AA, and best practices; none disabled) on the page as
 * it is now. Soft, so one failing state still lets the later states be checked and reported in the same run; each
 * violation names its rule, impact, what to do and the element, so the failure says what to fix.
 */
async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  const { violations } = await framelessPageAxe(page).analyze();
  const found = violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id} (${violation.impact ?? 'no impact'}): ${violation.help} — ${node.target.join(' > ')}`),
  );
  expect.soft(found, `axe violations ${state}`).toEqual([]);
}

test('no axe violations on first open, or with the editor showing a broken layer', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const editor = new EditorPanel(page);
  await app.open();
  await app.waitUntilReady();
  await expectNoAxeViolations(page, 'on first open');

  await editor.typeInto('Kernel height of layer 5', '9');
  await expect(editor.layers.nth(4).getByRole('alert')).toHaveText(/kernel 9×3 is larger than its 5×5 input/);
  await expect(app.trainButton).toBeDisabled();
  await expectNoAxeViolations(page, 'with a broken layer');

  const reader = new DrawPadPanel(page);
  await editor.typeInto('Kernel height of layer 5', '3');
  await reader.drawDigit(7, { size: 0.7, left: 0.15, top: 0.15 });
  await reader.waitForSettledAnswer();
  await expectNoAxeViolations(page, 'with a digit read on the pad');
});

test('no axe violations while training, after it with the evaluation open, and with saved models, runs, a delete confirmation and the rename field', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  await app.waitUntilReady();
  // Enough batches that Pause lands mid-run; paused, the page holds still while axe reads it.
  await app.setSettings({ 'Training images': 6400, 'Batch size': 32, Epochs: 1, 'Validation split': 0.2, 'Test images': 200 });
  await app.trainButton.click();
  await expect.poll(() => app.completedSteps(), { timeout: 120_000 }).toBeGreaterThanOrEqual(2);
  await app.pauseButton.click();
  await expect(app.status).toHaveText('Paused');
  await expectNoAxeViolations(page, 'during training (paused)');
  await app.stopButton.click();
  await expect(app.status).toHaveText('Stopped');

  await app.setSettings({ 'Training images': 960 });
  await app.trainButton.click();
  await expect(app.status).toHaveText('Finished', { timeout: 180_000 });
  await page.getByText('Show the numbers as a table').click();
  await page.getByRole('button', { name: /^True 1, read as 1: \d+ images$/ }).click();
  await expect(page.getByRole('region', { name: 'True 1, read as 1' })).toBeVisible();
  await expectNoAxeViolations(page, 'after training, with a confusion-matrix cell and the charts’ table open');

  const models = page.getByRole('table', { name: 'Saved models' });
  // The stopped run is kept as a run; only the finished one is saved as a model.
  await expect(models.getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('table', { name: 'Saved runs' }).locator('tbody tr')).toHaveCount(2);
  await page.getByRole('checkbox', { name: /^Overlay Run 1/ }).check();
  await expect(app.lossChart).toHaveAttribute('data-overlays', '1');
  await expectNoAxeViolations(page, 'with a saved model and a run listed, the run overlaid');

  await models.getByRole('button', { name: /^Delete Run 2/ }).click();
  await expect(models.getByRole('button', { name: /^Yes, delete Run 2/ })).toBeVisible();
  await expectNoAxeViolations(page, 'with a saved model’s delete confirmation open');
  await models.getByRole('button', { name: 'Keep' }).click();

  await models.getByRole('button', { name: /^Rename Run 2/ }).click();
  await expect(page.getByLabel(/^New name for Run 2/)).toBeFocused();
  await expectNoAxeViolations(page, 'with a saved model’s rename field open');
});

test('no axe violations on a phone-sized page', async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, storageState: REMEMBERED_BACKEND_STATE });
  const page = await phone.newPage();
  const app = new PlaygroundPage(page);
  await app.open();
  await app.waitUntilReady();
  await expectNoAxeViolations(page, 'on a phone');
  await phone.close();
});
