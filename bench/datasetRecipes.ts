/**
 * npm run bench -- --recipes [mnist] [fashion-mnist]: the book's full fit of the chapter-5 model (60,000 images,
 * 5 epochs, batch 64, rmsprop, scored on the 10,000 test images) in the built app's worker, once per dataset chosen in
 * the page's picker (both unless named), and the test accuracies side by side in docs/perf/recipes.json.
 * Fashion-MNIST's split is the playground's own (see src/data/fashionSplit.ts), not the official one.
 * RECIPE_TRAIN_IMAGES / RECIPE_EPOCHS shrink the runs for a quick check of the script itself.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, expect } from '@playwright/test';
import { DatasetPicker } from '../e2e/pages/DatasetPicker.ts';
import { PlaygroundPage } from '../e2e/pages/PlaygroundPage.ts';
import { chromiumLaunchOptions } from '../e2e/support/chromium.ts';
import { DistServer } from '../e2e/support/distServer.ts';

const DATASETS = { mnist: 'MNIST digits', 'fashion-mnist': 'Fashion-MNIST' } as const;
type RecipeDataset = keyof typeof DATASETS;

export interface RecipeResult {
  readonly dataset: RecipeDataset;
  readonly trainImages: number;
  readonly epochs: number;
  readonly testAccuracy: number;
  readonly minutes: number;
  readonly backend: string;
}

export function datasetsFromArgs(args: readonly string[]): RecipeDataset[] {
  const named = args.filter((arg): arg is RecipeDataset => arg in DATASETS);
  return named.length > 0 ? named : ['mnist', 'fashion-mnist'];
}

async function fitOnce(baseUrl: string, dataset: RecipeDataset, trainImages: number, epochs: number): Promise<RecipeResult> {
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage();
    const app = new PlaygroundPage(page);
    await page.goto(baseUrl);
    await app.waitUntilReady();
    await new DatasetPicker(page).choice(DATASETS[dataset]).check();
    const backend = ((await page.getByLabel('Backend', { exact: true }).locator('.badge').textContent()) ?? '').trim();
    await app.setSettings({ 'Training images': trainImages, 'Batch size': 64, Epochs: epochs, 'Validation split': 0, 'Test images': 10_000 });
    console.log(`${DATASETS[dataset]}: the chapter-5 model on ${trainImages.toLocaleString('en-US')} images × ${epochs} epochs on ${backend}…`);
    const started = Date.now();
    await app.trainButton.click();
    await expect(app.status).toHaveText('Finished', { timeout: 3 * 60 * 60_000 });
    const testAccuracy = Number((await app.testAccuracy.textContent())?.replace('%', '')) / 100;
    const minutes = (Date.now() - started) / 60_000;
    console.log(`  test accuracy ${(testAccuracy * 100).toFixed(2)}% in ${minutes.toFixed(1)} min`);
    return { dataset, trainImages, epochs, testAccuracy, minutes, backend };
  } finally {
    await browser.close();
  }
}

export async function measureRecipes(args: readonly string[]): Promise<RecipeResult[]> {
  const trainImages = Number(process.env.RECIPE_TRAIN_IMAGES ?? 60_000);
  const epochs = Number(process.env.RECIPE_EPOCHS ?? 5);
  const server = new DistServer('/', { isolated: true });
  const baseUrl = await server.start();
  const results: RecipeResult[] = [];
  try {
    for (const dataset of datasetsFromArgs(args)) results.push(await fitOnce(baseUrl, dataset, trainImages, epochs));
  } finally {
    await server.stop();
  }
  console.table(results.map((r) => ({ dataset: r.dataset, 'test accuracy': `${(r.testAccuracy * 100).toFixed(2)}%`, minutes: r.minutes.toFixed(1), backend: r.backend })));
  const outDir = join(import.meta.dirname, '../docs/perf');
  mkdirSync(outDir, { recursive: true });
  const note = "Fashion-MNIST's test set is the playground's own split of the npm package's images, not the official test set.";
  writeFileSync(join(outDir, 'recipes.json'), `${JSON.stringify({ date: new Date().toISOString(), note, results }, null, 2)}\n`);
  return results;
}
