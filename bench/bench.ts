/**
 * npm run bench: trains the default (chapter-5) model in the built app, in headless Chromium, on each backend
 * that can train it, and prints training samples/s. Writes docs/perf/latest.json.
 * Epoch 1 includes warm-up (WebGL compiles its shaders on the first batches); epoch 2 is the steady speed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, expect } from '@playwright/test';
import { PlaygroundPage } from '../e2e/pages/PlaygroundPage.ts';
import { chromiumLaunchOptions } from '../e2e/support/chromium.ts';
import { DistServer } from '../e2e/support/distServer.ts';

interface BackendRun {
  readonly backend: string;
  readonly trainImages: number;
  readonly batchSize: number;
}

/** Sized so each backend runs about a minute here: the cpu backend trains this model at a few samples/s. */
const RUNS: readonly BackendRun[] = [
  { backend: 'webgl', trainImages: Number(process.env.BENCH_WEBGL_IMAGES ?? 1280), batchSize: 64 },
  { backend: 'cpu', trainImages: Number(process.env.BENCH_CPU_IMAGES ?? 128), batchSize: 64 },
];

interface Result {
  readonly backend: string;
  readonly renderer: string;
  readonly trainImages: number;
  readonly batchSize: number;
  readonly firstEpochSamplesPerSecond: number;
  readonly steadySamplesPerSecond: number;
  readonly pageOpenToReadyMs: number;
}

async function measure(baseUrl: string, run: BackendRun): Promise<Result> {
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage();
    const app = new PlaygroundPage(page);
    const opened = Date.now();
    await page.goto(`${baseUrl}?backend=${run.backend}`);
    await app.waitUntilReady();
    const pageOpenToReadyMs = Date.now() - opened;
    const renderer = (await page.getByLabel('Backend').textContent()) ?? '';
    if (!renderer.toLowerCase().includes(run.backend)) throw new Error(`asked for ${run.backend}, got: ${renderer}`);
    await app.setSettings({ 'Training images': run.trainImages, 'Batch size': run.batchSize, Epochs: 2, 'Test images': 100 });
    await app.trainButton.click();
    await expect(app.status).toHaveText('Finished', { timeout: 30 * 60_000 });
    const speeds = (await page.locator('table.epochs tbody tr td:nth-child(6)').allTextContents()).map(Number);
    return {
      backend: run.backend,
      renderer: renderer.trim(),
      trainImages: run.trainImages,
      batchSize: run.batchSize,
      firstEpochSamplesPerSecond: speeds[0] ?? NaN,
      steadySamplesPerSecond: speeds[1] ?? NaN,
      pageOpenToReadyMs,
    };
  } finally {
    await browser.close();
  }
}

const server = new DistServer();
const baseUrl = await server.start();
const results: Result[] = [];
try {
  for (const run of RUNS) {
    process.stdout.write(`${run.backend}: training ${run.trainImages} images × 2 epochs… `);
    const result = await measure(baseUrl, run);
    results.push(result);
    console.log(`${result.steadySamplesPerSecond.toFixed(1)} samples/s`);
  }
} finally {
  await server.stop();
}

const lines = [
  '| backend | steady samples/s (epoch 2) | epoch 1 samples/s (with warm-up) | images × epochs | batch | page open → ready |',
  '|---|---|---|---|---|---|',
  ...results.map(
    (r) =>
      `| ${r.backend} | ${r.steadySamplesPerSecond.toFixed(1)} | ${r.firstEpochSamplesPerSecond.toFixed(1)} | ${r.trainImages} × 2 | ${r.batchSize} | ${(r.pageOpenToReadyMs / 1000).toFixed(1)} s |`,
  ),
  '| wasm | not measured: tfjs 4.22\'s wasm backend has no Conv2DBackpropFilter kernel, so it cannot train a convnet | | | | |',
];
const ratio = (results[0]?.steadySamplesPerSecond ?? NaN) / (results[1]?.steadySamplesPerSecond ?? NaN);
console.log(`\nDefault model (chapter 5, 93,322 parameters), training in the app's Web Worker:\n\n${lines.join('\n')}\n`);
console.log(`webgl / cpu: ${ratio.toFixed(1)}×`);
const outDir = join(import.meta.dirname, '../docs/perf');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'latest.json'), `${JSON.stringify({ date: new Date().toISOString(), chromium: true, results }, null, 2)}\n`);
