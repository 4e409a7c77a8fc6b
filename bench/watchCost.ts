/**
 * npm run bench -- --watch-cost: what "watch it learn" costs training. The chapter-5 model on wasm in our worker,
 * runs with watching on and off alternated (so a busy shared machine slows both alike), each pair's order swapped;
 * medians of both, per epoch (epoch 2, as the bench reports speed) and over the whole run (Train → Finished, which
 * includes the frames sent between epochs), and the worker's own time making the frames as a share of the run (the
 * cost itself, which a shared machine's noise does not hide). Writes docs/perf/watch-learning.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, expect, type Browser } from '@playwright/test';
import { PlaygroundPage } from '../e2e/pages/PlaygroundPage.ts';
import { chromiumLaunchOptions } from '../e2e/support/chromium.ts';
import { DistServer } from '../e2e/support/distServer.ts';

const IMAGES = Number(process.env.BENCH_WATCH_IMAGES ?? 6400);
const PAIRS = Number(process.env.BENCH_WATCH_PAIRS ?? 3);
const BATCH = 64;
const EPOCHS = 2;
const WATCH_LABEL = 'Show the filters and one test digit’s maps as the model trains';

interface WatchRun {
  readonly watching: boolean;
  readonly epochSamplesPerSecond: number;
  readonly runSamplesPerSecond: number;
  /** The worker's time making frames, and its share of the run's time. */
  readonly framesMs: number;
  readonly framesShare: number;
  /** The page's main thread busy (Chromium's TaskDuration) from Train to Finished, ms: it shares the cores with the worker. */
  readonly pageBusyMs: number;
}

async function trainOnce(browser: Browser, baseUrl: string, watching: boolean): Promise<WatchRun> {
  const page = await browser.newPage();
  try {
    const app = new PlaygroundPage(page);
    await page.goto(`${baseUrl}?backend=wasm`);
    await app.waitUntilReady();
    await page.getByLabel(WATCH_LABEL).setChecked(watching);
    await app.setSettings({ 'Training images': IMAGES, 'Batch size': BATCH, Epochs: EPOCHS, 'Validation split': 0, 'Test images': 100 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const busyMs = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN) * 1000;
    const busyBefore = await busyMs();
    const started = Date.now();
    await app.trainButton.click();
    await expect(app.status).toHaveText('Finished', { timeout: 30 * 60_000 });
    const runMs = Date.now() - started;
    const pageBusyMs = (await busyMs()) - busyBefore;
    const speeds = (await page.locator('table.epochs tbody tr td:nth-child(6)').allTextContents()).map(Number);
    const panel = page.getByRole('region', { name: 'Watch it learn' });
    const frames = await panel.getByRole('slider').count();
    if ((frames > 0) !== watching) throw new Error(`watching ${watching ? 'on' : 'off'}, but ${frames ? 'frames arrived' : 'no frames arrived'}`);
    const framesMs = watching ? Number(await panel.locator('[data-frames-ms]').getAttribute('data-frames-ms')) : 0;
    return { watching, epochSamplesPerSecond: speeds[EPOCHS - 1] ?? NaN, runSamplesPerSecond: (IMAGES * EPOCHS * 1000) / runMs, framesMs, framesShare: framesMs / runMs, pageBusyMs };
  } finally {
    await page.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

export async function measureWatchCost(): Promise<void> {
  const server = new DistServer('/', { isolated: true });
  const baseUrl = await server.start();
  const browser = await chromium.launch(chromiumLaunchOptions());
  const runs: WatchRun[] = [];
  try {
    for (let pair = 0; pair < PAIRS; pair++) {
      for (const watching of pair % 2 === 0 ? [true, false] : [false, true]) {
        const run = await trainOnce(browser, baseUrl, watching);
        const frames = watching ? `, frames ${run.framesMs.toFixed(0)} ms (${(run.framesShare * 100).toFixed(2)}% of the run)` : '';
        console.log(`watching ${watching ? 'on ' : 'off'}: epoch 2 ${run.epochSamplesPerSecond.toFixed(1)} samples/s, whole run ${run.runSamplesPerSecond.toFixed(1)} samples/s, page's main thread busy ${run.pageBusyMs.toFixed(0)} ms${frames}`);
        runs.push(run);
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  const summary = (watching: boolean) => {
    const mine = runs.filter((r) => r.watching === watching);
    return { epochSamplesPerSecond: median(mine.map((r) => r.epochSamplesPerSecond)), runSamplesPerSecond: median(mine.map((r) => r.runSamplesPerSecond)) };
  };
  const on = summary(true);
  const off = summary(false);
  const slowdown = { epoch: 1 - on.epochSamplesPerSecond / off.epochSamplesPerSecond, run: 1 - on.runSamplesPerSecond / off.runSamplesPerSecond };
  console.log(`\nWatch it learn, chapter 5 on wasm, ${IMAGES} images × ${EPOCHS} epochs, batch ${BATCH}, medians of ${PAIRS}:`);
  console.log(`on: ${on.epochSamplesPerSecond.toFixed(1)} / ${on.runSamplesPerSecond.toFixed(1)} samples/s (epoch 2 / whole run); off: ${off.epochSamplesPerSecond.toFixed(1)} / ${off.runSamplesPerSecond.toFixed(1)}`);
  const framesShare = median(runs.filter((r) => r.watching).map((r) => r.framesShare));
  console.log(`slower with it on by ${(slowdown.epoch * 100).toFixed(1)}% (epoch 2), ${(slowdown.run * 100).toFixed(1)}% (whole run)`);
  console.log(`the worker's time making frames: ${(framesShare * 100).toFixed(2)}% of a run (median), the cost itself, free of the machine's noise`);
  const outDir = join(import.meta.dirname, '../docs/perf');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'watch-learning.json'), `${JSON.stringify({ date: new Date().toISOString(), images: IMAGES, epochs: EPOCHS, batch: BATCH, runs, on, off, slowdown, framesShare }, null, 2)}\n`);
}
