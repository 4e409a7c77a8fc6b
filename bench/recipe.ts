/**
 * npm run recipe: the book's result, reproduced in the browser. Trains the chapter-5 model exactly as the book does
 * (60,000 images, 5 epochs, batch 64, rmsprop) in the built app's worker, in headless Chromium, on the backend the app
 * picks by measurement; prints the test accuracy on the 10,000 test images and the time.
 *
 * With --save-pretrained it then downloads the trained model through the app's own Download button and writes it to
 * public/pretrained/ (the model the draw pad uses on first open), with a README giving the figures and this command.
 * RECIPE_TRAIN_IMAGES / RECIPE_EPOCHS shrink the run for a quick check of the script itself.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, expect, type Download } from '@playwright/test';
import { PlaygroundPage } from '../e2e/pages/PlaygroundPage.ts';
import { chromiumLaunchOptions } from '../e2e/support/chromium.ts';
import { DistServer } from '../e2e/support/distServer.ts';

const savePretrained = process.argv.includes('--save-pretrained');
const trainImages = Number(process.env.RECIPE_TRAIN_IMAGES ?? 60_000);
const epochs = Number(process.env.RECIPE_EPOCHS ?? 5);
const outDir = process.env.RECIPE_OUT ?? join(import.meta.dirname, '../public/pretrained');
const REQUIRED_ACCURACY = 0.99;

// Served as `vite preview` serves it: cross-origin isolated, so wasm may use threads.
const server = new DistServer('/', { isolated: true });
const baseUrl = await server.start();
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const app = new PlaygroundPage(page);
  await page.goto(baseUrl);
  await app.waitUntilReady();
  const backend = ((await page.getByLabel('Backend', { exact: true }).locator('.badge').textContent()) ?? '').trim();
  await app.setSettings({ 'Training images': trainImages, 'Batch size': 64, Epochs: epochs, 'Validation split': 0, 'Test images': 10_000 });
  console.log(`Training the chapter-5 model on ${trainImages.toLocaleString('en-US')} images × ${epochs} epochs, batch 64, rmsprop, on ${backend}…`);
  const started = Date.now();
  await app.trainButton.click();
  await expect(app.status).toHaveText('Training');
  for (let epoch = 1; epoch <= epochs; epoch++) {
    await expect(page.locator('table.epochs tbody tr')).toHaveCount(epoch, { timeout: 60 * 60_000 });
    const row = await page.locator('table.epochs tbody tr').nth(epoch - 1).locator('td').allTextContents();
    console.log(`  epoch ${epoch}: loss ${row[1]}, accuracy ${row[2]}, ${row[5]} samples/s`);
  }
  await expect(app.status).toHaveText('Finished', { timeout: 30 * 60_000 });
  const seconds = (Date.now() - started) / 1000;
  const accuracy = Number((await app.testAccuracy.textContent())?.replace('%', '')) / 100;
  console.log(`Test accuracy on 10,000 images: ${(accuracy * 100).toFixed(2)}% in ${(seconds / 60).toFixed(1)} min (${backend}).`);

  if (savePretrained) {
    const row = page.getByRole('table', { name: 'Saved models' }).getByRole('row').nth(1);
    await expect(row).toBeVisible({ timeout: 60_000 }).catch(async (error: unknown) => {
      console.error(await page.locator('main').innerText());
      throw error;
    });
    const downloads: Promise<Download>[] = [page.waitForEvent('download'), page.waitForEvent('download', (d) => d.suggestedFilename().endsWith('.bin'))];
    await row.getByRole('button', { name: /^Download/ }).click();
    const [json, weights] = (await Promise.all(downloads)) as [Download, Download];
    mkdirSync(outDir, { recursive: true });
    // The pad loads public/pretrained/model.json; its manifest is pointed at the weights' fixed name.
    const modelJson = JSON.parse(readFileSync(await json.path(), 'utf8')) as { weightsManifest: { paths: string[] }[] };
    modelJson.weightsManifest.forEach((group) => (group.paths = ['./model.weights.bin']));
    writeFileSync(join(outDir, 'model.json'), `${JSON.stringify(modelJson)}\n`);
    writeFileSync(join(outDir, 'model.weights.bin'), readFileSync(await weights.path()));
    writeFileSync(
      join(outDir, 'README.md'),
      [
        '# Pretrained chapter-5 model',
        '',
        'The model the draw pad reads digits with on first open. Produced by `npm run recipe -- --save-pretrained`, which',
        "trains the app's default model in the built app's worker (headless Chromium) exactly as the book does, then downloads",
        "it with the app's own Download button.",
        '',
        '| | |',
        '|---|---|',
        `| Training | ${trainImages.toLocaleString('en-US')} MNIST training images × ${epochs} epochs, batch 64, rmsprop (lr 0.001) |`,
        `| Test accuracy | **${(accuracy * 100).toFixed(2)}%** on the 10,000 MNIST test images |`,
        `| Time | ${(seconds / 60).toFixed(1)} min on ${backend}, 2-core machine without a GPU |`,
        `| Date | ${new Date().toISOString().slice(0, 10)} |`,
        '',
      ].join('\n'),
    );
    console.log(`Saved to ${outDir}.`);
  }
  if (trainImages === 60_000 && epochs === 5 && accuracy < REQUIRED_ACCURACY) {
    console.error(`Below the book's ${REQUIRED_ACCURACY}.`);
    process.exitCode = 1;
  }
} finally {
  await browser.close();
  await server.stop();
}
