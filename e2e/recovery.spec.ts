import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage.ts';

test('Train pressed twice in one instant starts exactly one run', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  await app.waitUntilReady();
  await app.setSettings({ 'Training images': 96, 'Batch size': 32, Epochs: 1, 'Test images': 50 });
  // Two clicks in the same task, before React can re-render and disable the button.
  await app.trainButton.evaluate((button: HTMLButtonElement) => {
    button.click();
    button.click();
  });
  await expect(app.status).toHaveText('Finished', { timeout: 180_000 });
  await expect(page.getByRole('table', { name: 'Saved runs' }).locator('tbody tr')).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Run', exact: true })).toContainText('batch 3/3');
});

test('a crashed training worker is replaced and the run resumes from its last epoch; a second crash before the next epoch waits for the person', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  await app.waitUntilReady();
  await page.getByLabel('Units of layer 7', { exact: true }).fill('128');
  await app.setSettings({ 'Training images': 3200, 'Batch size': 32, Epochs: 2, 'Test images': 100 });
  await app.trainButton.click();
  await expect(app.checkpoint).toContainText('Epoch 1 is kept', { timeout: 120_000 });

  const crashed = new Set([await app.crashTrainingWorker()]);
  await expect(app.engineNotice).toContainText(/stopped unexpectedly \(.*simulated crash\) and was restarted\. Training resumes from the end of epoch 1\./);
  // The fresh worker carries on: what was trained after epoch 1 is trained again, nothing before it.
  await expect(app.status).toHaveText('Training', { timeout: 60_000 });
  expect((await app.epochLosses()).map(([epoch]) => epoch)).toEqual([1]);
  await expect.poll(() => app.completedSteps(), { timeout: 60_000 }).toBeGreaterThan(100);

  await app.crashTrainingWorker(crashed);
  await expect(app.engineNotice).toContainText('failed again before another epoch ended, so the run waits for you');
  await expect(app.status).toHaveText('Interrupted');
  await expect(page.getByLabel('Units of layer 7', { exact: true })).toHaveValue('128');
  await expect(page.getByLabel('Training images', { exact: true })).toHaveValue('3200');
  await app.waitUntilReady();
  await app.resumeFromEpochButton(1).click();
  await expect(app.status).toHaveText('Finished', { timeout: 180_000 });
  const epochs = await app.epochLosses();
  expect(epochs.map(([epoch]) => epoch)).toEqual([1, 2]);
  // Resumed with epoch 1's weights (and optimizer), not from scratch: the loss keeps falling.
  expect(epochs[1]![1]).toBeLessThan(epochs[0]![1]);
  await expect(page.getByRole('region', { name: 'Run', exact: true })).toContainText('batch 200/200');
  await expect(page.getByRole('table', { name: 'Saved runs' }).locator('tbody tr')).toHaveCount(1);
});

test('a run paused when the engine crashes comes back paused, at its checkpoint, and Resume carries it on', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  await app.waitUntilReady();
  await app.setSettings({ 'Training images': 3200, 'Batch size': 32, Epochs: 2, 'Test images': 100 });
  await app.trainButton.click();
  await expect(app.checkpoint).toContainText('Epoch 1 is kept', { timeout: 120_000 });
  await app.pauseButton.click();
  await expect(app.status).toHaveText('Paused');

  await app.crashTrainingWorker();
  await expect(app.engineNotice).toContainText('Training resumes from the end of epoch 1.');
  await expect(app.status).toHaveText('Paused', { timeout: 60_000 });
  const held = await app.completedSteps();
  expect(held).toBe(100);
  await page.waitForTimeout(1500);
  expect(await app.completedSteps()).toBe(held);
  await app.resumeButton.click();
  await expect(app.status).toHaveText('Finished', { timeout: 120_000 });
  expect((await app.epochLosses()).map(([epoch]) => epoch)).toEqual([1, 2]);
});

test('with storage disabled the app says so and keeps working', async ({ page }) => {
  await page.addInitScript(() => {
    const denied = () => {
      throw new DOMException('The user denied storage', 'SecurityError');
    };
    Object.defineProperty(window, 'localStorage', { get: denied });
    Object.defineProperty(window, 'indexedDB', { get: denied });
  });
  const app = new PlaygroundPage(page);
  await app.open();
  await expect(page.getByRole('status').filter({ hasText: 'does not let the page store the model' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: /Runs cannot be kept in this browser/ })).toBeVisible();
  await page.getByLabel('Units of layer 7', { exact: true }).fill('32');
  await expect(page.getByLabel('Total parameters')).toHaveText('74,538');
  await app.waitUntilReady();
  await app.setSettings({ 'Training images': 6400, 'Batch size': 64, Epochs: 2, 'Test images': 50 });
  await app.trainButton.click();
  // Where the person is looking while a run goes: that a reload would lose it.
  await expect(page.getByText('Interrupted runs cannot be kept in this browser')).toBeVisible();
  await app.stopButton.click();
  await expect(app.status).toHaveText('Stopped');
  await expect(page.getByText('Interrupted runs cannot be kept in this browser')).toHaveCount(0);
});

test('a hidden tab keeps training at its pace: nothing on the training path waits for animation frames', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  await app.waitUntilReady();
  await app.setSettings({ 'Training images': 60_000, 'Batch size': 64, Epochs: 1, 'Test images': 100 });
  await app.trainButton.click();
  await expect.poll(() => app.completedSteps(), { timeout: 60_000 }).toBeGreaterThan(20);
  const rate = async (ms: number) => {
    const [steps, started] = [await app.completedSteps(), Date.now()];
    await page.waitForTimeout(ms);
    return (await app.completedSteps() - steps) / ((Date.now() - started) / 1000);
  };
  const visible = await rate(6000);

  // Headless Chromium cannot hide a tab (neither another tab in front nor a minimised window changes
  // visibilityState), so hiding is emulated: the page says it is hidden and animation frames stop coming, in the page
  // and in the worker, as they do in a background tab.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    window.requestAnimationFrame = () => 0;
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await app.trainingWorker().evaluate(() => {
    (self as unknown as { requestAnimationFrame: () => number }).requestAnimationFrame = () => 0;
  });
  const hidden = await rate(6000);
  expect(hidden).toBeGreaterThan(0.7 * visible);

  await app.stopButton.click();
  await expect(app.status).toHaveText('Stopped');
});

test('a hung training worker (silent for 45 s) is replaced by a fresh one that resumes the run; the model and settings stay', async ({ page }) => {
  test.setTimeout(180_000);
  const app = new PlaygroundPage(page);
  // The page's clock runs as usual but can jump: the 45 s of silence pass at once instead of in real time.
  await page.clock.install();
  await app.open();
  await app.waitUntilReady();
  await page.getByLabel('Units of layer 7', { exact: true }).fill('96');
  await app.setSettings({ 'Training images': 3200, 'Batch size': 64, Epochs: 2, 'Test images': 100 });
  await app.trainButton.click();
  await expect(app.checkpoint).toContainText('Epoch 1 is kept', { timeout: 120_000 });

  // A step that never returns: the worker's thread is stuck, no message (not even a heartbeat) leaves it.
  await app.trainingWorker().evaluate(() => {
    setTimeout(() => {
      for (;;) {
        // stuck
      }
    });
  });
  await page.clock.fastForward('00:46');
  await expect(app.engineNotice).toContainText(/stopped responding for \d+ s and was restarted\. Training resumes from the end of epoch 1\./, { timeout: 90_000 });
  await expect(page.getByLabel('Units of layer 7', { exact: true })).toHaveValue('96');
  await expect(app.status).toHaveText('Finished', { timeout: 120_000 });
  expect((await app.epochLosses()).map(([epoch]) => epoch)).toEqual([1, 2]);
  await expect(page.getByRole('region', { name: 'Run', exact: true })).toContainText('batch 100/100');
});
