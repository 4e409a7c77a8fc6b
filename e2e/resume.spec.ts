import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage.ts';

test('a reload mid-training keeps the spec, the settings and the last epoch; Resume carries the run on from there', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  await app.waitUntilReady();
  await page.getByLabel('Units of layer 7', { exact: true }).fill('48');
  await app.setSettings({ 'Training images': 3200, 'Batch size': 64, Epochs: 3, 'Test images': 200 });
  await app.trainButton.click();
  await expect(app.checkpoint).toContainText('Epoch 1 is kept in this browser', { timeout: 120_000 });
  const [[, lossBefore = NaN] = []] = await app.epochLosses();

  await page.reload();
  await expect(app.status).toHaveText('Interrupted');
  await expect(page.getByText('Interrupted after epoch 1 of 3: Resume carries on from there')).toBeVisible();
  await expect(page.getByLabel('Units of layer 7', { exact: true })).toHaveValue('48');
  await expect(page.getByLabel('Training images', { exact: true })).toHaveValue('3200');
  expect(await app.epochLosses()).toEqual([[1, lossBefore]]);
  expect(await app.completedSteps()).toBe(50);
  expect(await app.chartPoints(app.lossChart)).toBeGreaterThan(0);

  await app.waitUntilReady();
  await app.resumeFromEpochButton(1).click();
  await expect(app.status).toHaveText('Finished', { timeout: 180_000 });
  const epochs = await app.epochLosses();
  expect(epochs.map(([epoch]) => epoch)).toEqual([1, 2, 3]);
  // From epoch 1's weights and optimizer state: a fresh start would put epoch 2's mean loss near epoch 1's.
  expect(epochs[1]![1]).toBeLessThan(0.8 * lossBefore);
  await expect(page.getByRole('region', { name: 'Run', exact: true })).toContainText('batch 150/150');
  await expect(page.getByRole('table', { name: 'Saved runs' }).locator('tbody tr')).toHaveCount(1);

  // Finished runs are not offered again.
  await page.reload();
  await app.waitUntilReady();
  await expect(page.getByRole('button', { name: /^Resume from epoch/ })).toHaveCount(0);
});

test("another tab does not offer a run that is still training as interrupted", async ({ page, context }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  await app.waitUntilReady();
  // Short epochs, many of them: the first checkpoint comes soon, and the run is still training long after it.
  await app.setSettings({ 'Training images': 1600, 'Batch size': 64, Epochs: 40, 'Test images': 100 });
  await app.trainButton.click();
  await expect(app.checkpoint).toContainText('Epoch 1 is kept', { timeout: 120_000 });

  const other = new PlaygroundPage(await context.newPage());
  await other.open();
  await other.waitUntilReady();
  await expect(other.trainButton).toBeEnabled();
  await expect(other.page.getByRole('button', { name: /^Resume from epoch/ })).toHaveCount(0);
  await expect(other.status).toHaveCount(0);
  await other.page.close();
  await app.stopButton.click();
  await expect(app.status).toHaveText('Stopped');
});

test('WebGL context lost mid-training: the run resumes from its last epoch on the next backend, with a notice', async ({ page }) => {
  test.setTimeout(300_000);
  const app = new PlaygroundPage(page);
  await app.open('?backend=webgl');
  await app.waitUntilReady();
  await expect(page.getByLabel('Backend', { exact: true })).toContainText('WebGL');
  await app.setSettings({ 'Training images': 256, 'Batch size': 32, Epochs: 3, 'Test images': 100 });
  await app.trainButton.click();
  await expect(app.checkpoint).toContainText('Epoch 1 is kept', { timeout: 180_000 });

  const worker = app.trainingWorker();
  // tfjs keeps its engine on the worker's global; lose the very context it trains with, as a GPU reset would.
  const lost = await worker.evaluate(() => {
    type WebGLEngine = { backendInstance: { gpgpu?: { gl: WebGL2RenderingContext } } };
    const gl = (self as unknown as { _tfengine: WebGLEngine })._tfengine.backendInstance.gpgpu?.gl;
    const extension = gl?.getExtension('WEBGL_lose_context');
    extension?.loseContext();
    return extension !== undefined && extension !== null;
  });
  expect(lost).toBe(true);
  await expect(app.engineNotice).toContainText(/lost its WebGL context \(.+\) and was restarted on WASM\. Training resumes from the end of epoch [12]\./);
  await expect(page.getByLabel('Backend', { exact: true })).toContainText('WASM', { timeout: 60_000 });
  await expect(app.status).toHaveText('Finished', { timeout: 120_000 });
  expect((await app.epochLosses()).map(([epoch]) => epoch)).toEqual([1, 2, 3]);
  await expect(app.testAccuracy).toBeVisible();
});
