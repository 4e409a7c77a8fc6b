/**
 * npm run soak: 20 short training runs back to back in one page, through the real UI. After each run it reads the
 * worker's tensor count (shown on the page) and the page's JS heap, and fails unless both stay flat and no run fails.
 */
import { chromium, expect } from '@playwright/test';
import { PlaygroundPage } from '../e2e/pages/PlaygroundPage.ts';
import { chromiumLaunchOptions } from '../e2e/support/chromium.ts';
import { DistServer } from '../e2e/support/distServer.ts';

const RUNS = Number(process.env.SOAK_RUNS ?? 20);
/** Heap growth allowed from run 2 to the last, for the runs list and charts a person sees growing. */
const HEAP_ALLOWANCE = 1.5;

const server = new DistServer();
const baseUrl = await server.start();
const browser = await chromium.launch({ ...chromiumLaunchOptions(), args: [...(chromiumLaunchOptions().args ?? []), '--enable-precise-memory-info', '--js-flags=--expose-gc'] });
const rows: { run: number; tensors: number; heapMb: number; seconds: number }[] = [];
try {
  const page = await browser.newPage();
  const app = new PlaygroundPage(page);
  await page.goto(baseUrl);
  await app.waitUntilReady();
  await app.setSettings({ 'Training images': 96, 'Batch size': 32, Epochs: 1, 'Test images': 50 });
  for (let run = 1; run <= RUNS; run++) {
    const started = Date.now();
    await app.trainButton.click();
    await expect(app.status).toHaveText('Finished', { timeout: 180_000 });
    const tensors = Number((await page.getByLabel('Tensors in memory').textContent())?.replace(/\D/g, ''));
    const heapMb = await page.evaluate(() => {
      (globalThis as { gc?: () => void }).gc?.();
      return (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize / 1e6;
    });
    rows.push({ run, tensors, heapMb, seconds: (Date.now() - started) / 1000 });
    console.log(`run ${String(run).padStart(2)}: ${tensors} tensors while training, JS heap ${heapMb.toFixed(1)} MB, ${rows.at(-1)?.seconds.toFixed(1)} s`);
  }
} finally {
  await browser.close();
  await server.stop();
}

const tensorCounts = new Set(rows.map((r) => r.tensors));
const heapGrowth = (rows.at(-1)?.heapMb ?? 0) / (rows[1]?.heapMb ?? 1);
console.log(`\ntensor counts seen: ${[...tensorCounts].join(', ')}; heap last/second run: ${heapGrowth.toFixed(2)}×`);
if (tensorCounts.size !== 1 || heapGrowth > HEAP_ALLOWANCE) {
  console.error('soak: memory is not flat');
  process.exit(1);
}
console.log(`soak: ${RUNS} runs, no error, tensors flat, heap within ${HEAP_ALLOWANCE}×`);
