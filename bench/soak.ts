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

// Cross-origin isolated (as vite preview serves it): measureUserAgentSpecificMemory needs it, and it is what counts
// the worker's memory, which performance.memory does not.
const server = new DistServer('/', { isolated: true });
const baseUrl = await server.start();
const browser = await chromium.launch({ ...chromiumLaunchOptions(), args: [...(chromiumLaunchOptions().args ?? []), '--enable-precise-memory-info', '--js-flags=--expose-gc', '--enable-blink-features=ForceEagerMeasureMemory'] });
const rows: { run: number; tensors: number; heapMb: number; workerMb: number; seconds: number }[] = [];
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
    // The training worker's memory (its JS heap and the wasm backend's memory), from the browser's own accounting.
    // It waits for a garbage collection in the worker (about a minute here), so only after run 2 and the last run.
    const measureWorker = run === 2 || run === RUNS;
    const workerMb = !measureWorker ? NaN : await page.evaluate(async () => {
      type Measurement = { breakdown: { bytes: number; attribution: { scope?: string }[] }[] };
      const measured = await (performance as unknown as { measureUserAgentSpecificMemory: () => Promise<Measurement> }).measureUserAgentSpecificMemory();
      const inWorker = measured.breakdown.filter((entry) => entry.attribution.some((a) => a.scope === 'DedicatedWorkerGlobalScope'));
      return inWorker.reduce((sum, entry) => sum + entry.bytes, 0) / 1e6;
    });
    rows.push({ run, tensors, heapMb, workerMb, seconds: (Date.now() - started) / 1000 });
    console.log(
      `run ${String(run).padStart(2)}: ${tensors} tensors while training, page heap ${heapMb.toFixed(1)} MB${measureWorker ? `, worker ${workerMb.toFixed(1)} MB` : ''}, ${rows.at(-1)?.seconds.toFixed(1)} s`,
    );
  }
} finally {
  await browser.close();
  await server.stop();
}

// From run 2: run 1 starts before there is a trained model of yours for the worker to keep (10 more tensors after).
const tensorCounts = new Set(rows.slice(1).map((r) => r.tensors));
const heapGrowth = (rows.at(-1)?.heapMb ?? 0) / (rows[1]?.heapMb ?? 1);
const workerGrowth = (rows.at(-1)?.workerMb ?? 0) / (rows[1]?.workerMb ?? 1);
console.log(
  `\ntensor counts seen: ${[...tensorCounts].join(', ')}; page heap last/second run: ${heapGrowth.toFixed(2)}×; worker: ${workerGrowth.toFixed(2)}×`,
);
if (tensorCounts.size !== 1 || heapGrowth > HEAP_ALLOWANCE || !(workerGrowth <= HEAP_ALLOWANCE)) {
  console.error('soak: memory is not flat');
  process.exit(1);
}
console.log(`soak: ${RUNS} runs, no error, tensors flat, page heap and worker memory within ${HEAP_ALLOWANCE}×`);
