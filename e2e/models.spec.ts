import { readFile } from 'node:fs/promises';
import { expect, test, type Download } from '@playwright/test';
import { DrawPadPanel } from './pages/DrawPadPanel.ts';
import { PlaygroundPage } from './pages/PlaygroundPage.ts';
import { DistServer } from './support/distServer.ts';

const server = new DistServer('/convnet-playground/');
let baseUrl = '';
test.beforeAll(async () => {
  baseUrl = await server.start();
});
test.afterAll(() => server.stop());

test('under a sub-path: a trained model is saved, survives a reload and reads digits; download and upload round-trip; bad files are refused; offline it still reads', async ({ page, context }) => {
  const app = new PlaygroundPage(page);
  const reader = new DrawPadPanel(page);
  const shelf = page.getByRole('table', { name: 'Saved models' });
  const upload = page.getByLabel('Upload a model (model.json and its weights file)');
  const problem = page.getByRole('region', { name: 'Saved models' }).getByRole('alert');

  await page.goto(baseUrl);
  await app.waitUntilReady();
  await app.setSettings({ 'Training images': 640, 'Batch size': 64, Epochs: 1, 'Test images': 200 });
  await app.trainButton.click();
  await expect(app.status).toHaveText('Finished', { timeout: 120_000 });
  const accuracy = (await app.testAccuracy.textContent())?.trim() ?? '';
  await expect(shelf.getByRole('row')).toHaveCount(2);
  await expect(shelf.getByRole('row').nth(1)).toContainText(`Run 1 · ${Number.parseFloat(accuracy).toFixed(1)}%`);
  await expect(shelf.getByRole('row').nth(1)).toContainText('reading the pad');

  // After a reload the saved model is listed, and it is the one that reads the pad.
  await page.reload();
  await app.waitUntilReady();
  await expect(shelf.getByRole('row')).toHaveCount(2);
  await expect(reader.modelChoice(/^Yours: Run 1 ·/)).toBeChecked();
  await reader.drawDigit(7, { size: 0.7, left: 0.15, top: 0.15 });
  await expect(reader.prediction).toContainText('by Run 1 ·');
  const before = await reader.probabilities();

  // Download: model.json and its weights, as tfjs writes them.
  const downloads: Promise<Download>[] = [page.waitForEvent('download'), page.waitForEvent('download', (d) => d.suggestedFilename().endsWith('.bin'))];
  await shelf.getByRole('button', { name: /^Download Run 1/ }).click();
  const [jsonDownload, weightsDownload] = (await Promise.all(downloads)) as [Download, Download];
  expect(jsonDownload.suggestedFilename()).toMatch(/^run-1-[\d-]+\.json$/);
  const modelJson = await readFile((await jsonDownload.path()) as string);
  const weights = await readFile((await weightsDownload.path()) as string);
  expect(weights.byteLength).toBe(93_322 * 4);
  expect(JSON.parse(modelJson.toString()).weightsManifest[0].paths).toEqual([`./${weightsDownload.suggestedFilename()}`]);

  // Delete it, then upload the downloaded files: the same model, the same answers.
  await shelf.getByRole('button', { name: /^Delete Run 1/ }).click();
  await shelf.getByRole('button', { name: /^Yes, delete Run 1/ }).click();
  await expect(shelf).toHaveCount(0);
  await upload.setInputFiles([
    { name: jsonDownload.suggestedFilename(), mimeType: 'application/json', buffer: modelJson },
    { name: weightsDownload.suggestedFilename(), mimeType: 'application/octet-stream', buffer: weights },
  ]);
  await expect(page.getByRole('region', { name: 'Saved models' }).getByRole('status')).toContainText('Loaded “Run 1 ·');
  await expect(shelf.getByRole('row').nth(1)).toContainText('(uploaded)');
  await expect(reader.prediction).toContainText('by Run 1 ·');
  expect(await reader.probabilities()).toEqual(before);

  // A truncated weights file and a model.json that is not JSON are refused, each with its reason; nothing changes.
  await upload.setInputFiles([
    { name: 'model.json', mimeType: 'application/json', buffer: modelJson },
    { name: weightsDownload.suggestedFilename(), mimeType: 'application/octet-stream', buffer: weights.subarray(0, 1000) },
  ]);
  await expect(problem).toContainText('truncated');
  await upload.setInputFiles([{ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from('<html>not a model</html>') }]);
  await expect(problem).toContainText('is not JSON');
  await expect(shelf.getByRole('row')).toHaveCount(2);
  await expect(reader.prediction).toContainText('by Run 1 ·');

  // Rename, checked by the list.
  await shelf.getByRole('button', { name: /^Rename Run 1/ }).click();
  await page.getByLabel(/^New name for Run 1/).fill('My first convnet');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(shelf.getByRole('row').nth(1)).toContainText('My first convnet');

  // Offline: the app, the shipped model and the saved one are all on this machine.
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 60_000 }).toBe(true);
  await context.setOffline(true);
  await page.reload();
  await app.waitUntilReady();
  await expect(reader.modelChoice(/^Yours: My first convnet/)).toBeChecked();
  await reader.drawDigit(7, { size: 0.7, left: 0.15, top: 0.15 });
  expect(await reader.probabilities()).toEqual(before);
  await reader.modelChoice(/^Pretrained/).check();
  await expect(reader.predictedDigit).toHaveAttribute('data-digit', '7');
  await context.setOffline(false);
});
