/**
 * npm run bench: measures the built app in headless Chromium and writes docs/perf/latest.json.
 * - Training samples/s of the default (chapter-5) model in our worker, per backend (?backend=…), 2 epochs each:
 *   epoch 1 includes warm-up (WebGL compiles shaders), epoch 2 is the steady speed; tensors after each epoch.
 * - The tfjs-examples way, in the same run: tfjs on the page's main thread, model.fit with tfjs's default backend.
 * - The draw pad: page open → shipped model ready → first prediction (warm cache), and draw → prediction latency.
 * - Native PyTorch training the same model on the same machine (bench/nativeTorch.ts), and the wasm path's ratio to it.
 * - A per-kernel ms-per-step table of the wasm path (bench/kernelProfile.ts), to see where a change moved time, and
 *   GFLOP/s of each product shape on our GEMM's builds and on XNNPACK (bench/gemmRates.ts).
 * With --watch-cost, only what "watch it learn" costs training, on against off (bench/watchCost.ts).
 * With --recipes [mnist] [fashion-mnist], only the book's full fit on each dataset, test accuracies side by side.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as tfjs from '@tensorflow/tfjs';
import { chromium, expect, type Browser } from '@playwright/test';
import { DrawPadPanel } from '../e2e/pages/DrawPadPanel.ts';
import { PlaygroundPage } from '../e2e/pages/PlaygroundPage.ts';
import { chromiumLaunchOptions } from '../e2e/support/chromium.ts';
import { DistServer } from '../e2e/support/distServer.ts';
import { buildBaseline } from './baseline.ts';
import { BATCH, measureInterleaved, median, RUNS, type TrainingResult } from './trainingRuns.ts';
import { formatGemmRates, measureGemmRates } from './gemmRates.ts';
import { formatKernelTable, profileTrainingStep } from './kernelProfile.ts';
import { measureNativeTorch } from './nativeTorch.ts';
import { measureWatchCost } from './watchCost.ts';
import { measureRecipes } from './datasetRecipes.ts';

/**
 * tfjs-examples' way: tfjs loaded on the page itself, model.fit on the main thread, tfjs's default backend (WebGL).
 * One fit of 10 batches warms up (shader compilation), the second is timed.
 */
async function measureTfjsExamplesWay(browser: Browser): Promise<{ backend: string; samplesPerSecond: number }> {
  const page = await browser.newPage();
  const tfjsBundle = readFileSync(createRequire(import.meta.url).resolve('@tensorflow/tfjs/dist/tf.min.js'));
  await page.route('http://bench.invalid/**', (route) =>
    route.request().url().endsWith('tf.min.js')
      ? route.fulfill({ body: tfjsBundle, contentType: 'text/javascript' })
      : route.fulfill({ body: '<!doctype html><script src="tf.min.js"></script>', contentType: 'text/html' }),
  );
  try {
    await page.goto('http://bench.invalid/index.html');
    return await page.evaluate(async (batch) => {
      const tf = (window as unknown as { tf: typeof tfjs }).tf;
      await tf.ready();
      const model = tf.sequential({
        layers: [
          tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }),
          tf.layers.maxPooling2d({ poolSize: 2 }),
          tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
          tf.layers.maxPooling2d({ poolSize: 2 }),
          tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
          tf.layers.flatten(),
          tf.layers.dense({ units: 64, activation: 'relu' }),
          tf.layers.dense({ units: 10, activation: 'softmax' }),
        ],
      });
      model.compile({ optimizer: 'rmsprop', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
      const count = batch * 10;
      const xs = tf.randomUniform([count, 28, 28, 1]);
      const ys = tf.oneHot(tf.randomUniform([count], 0, 10, 'int32') as never, 10);
      await model.fit(xs, ys, { batchSize: batch, epochs: 1 });
      const started = performance.now();
      await model.fit(xs, ys, { batchSize: batch, epochs: 1 });
      return { backend: tf.getBackend(), samplesPerSecond: count / ((performance.now() - started) / 1000) };
    }, BATCH);
  } finally {
    await page.close();
  }
}

/** Open → shipped model ready → first prediction on a warm cache, then draw → prediction latency over many moves. */
async function measurePad(browser: Browser, baseUrl: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const app = new PlaygroundPage(page);
    const reader = new DrawPadPanel(page);
    await page.goto(baseUrl);
    await app.waitUntilReady();
    await expect(reader.modelChoice(/^Pretrained/)).toBeEnabled({ timeout: 60_000 });
    // Warm cache: the second visit, as a returning person (or the service worker) has it.
    const opened = Date.now();
    await page.reload();
    await expect(reader.modelChoice(/^Pretrained/)).toBeEnabled({ timeout: 60_000 });
    const modelReadyMs = Date.now() - opened;
    const box = (await reader.pad.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.8, { steps: 4 });
    await page.mouse.up();
    await expect(reader.predictedDigit).toBeVisible();
    const firstPredictionMs = Date.now() - opened;

    await reader.clearButton.click();
    const latencies: number[] = [];
    const inference: number[] = [];
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
    await page.mouse.down();
    for (let i = 0; i < 60; i++) {
      const previous = await reader.prediction.getAttribute('data-sequence');
      const angle = (i / 60) * Math.PI * 2;
      await page.mouse.move(box.x + box.width * (0.5 + 0.25 * Math.cos(angle)), box.y + box.height * (0.5 + 0.3 * Math.sin(angle)));
      await expect(reader.prediction).not.toHaveAttribute('data-sequence', previous ?? '');
      latencies.push(Number(await reader.prediction.getAttribute('data-latency-ms')));
      inference.push(Number((/Read in ([\d.]+) ms/.exec((await reader.prediction.textContent()) ?? '') ?? [])[1]));
    }
    await page.mouse.up();
    return { modelReadyMs, firstPredictionMs, medianLatencyMs: median(latencies), medianInferenceMs: median(inference), samples: latencies.length };
  } finally {
    await context.close();
  }
}

// --watch-cost measures only what "watch it learn" costs training (bench/watchCost.ts).
if (process.argv.includes('--watch-cost')) {
  await measureWatchCost();
  process.exit(0);
}

// --recipes [mnist] [fashion-mnist]: the book's full fit on each dataset, accuracies side by side (bench/datasetRecipes.ts).
if (process.argv.includes('--recipes')) {
  await measureRecipes(process.argv.slice(2));
  process.exit(0);
}

const baseline = process.env.BENCH_BASELINE ? buildBaseline(process.env.BENCH_BASELINE) : null;
if (baseline && !baseline.ok) console.log(baseline.message);
if (baseline?.ok) RUNS.splice(1, 0, { ...RUNS[0]!, baseline });

// Served as `vite preview` serves it: cross-origin isolated, so wasm may use threads.
const server = new DistServer('/', { isolated: true });
const baseUrl = await server.start();
const browser = await chromium.launch(chromiumLaunchOptions());
const training: TrainingResult[] = [];
let examples: { backend: string; samplesPerSecond: number };
let pad: Awaited<ReturnType<typeof measurePad>>;
try {
  for (const backend of ['wasm', 'webgl', 'cpu'] as const) {
    const runs = RUNS.filter((run) => run.backend === backend);
    process.stdout.write(`${backend}: training ${runs[0]!.trainImages} images × 2 epochs in the worker${runs.length > 1 ? ', this build and the baseline interleaved' : ''}… `);
    const results = await measureInterleaved(browser, baseUrl, runs);
    training.push(...results);
    console.log(results.map((r) => `${r.steadyRuns.map((v) => v.toFixed(1)).join(', ')} samples/s${r.baseline ? ` (baseline ${r.baseline})` : ''}`).join('; '));
  }
  process.stdout.write('tfjs-examples way (main thread, model.fit, default backend)… ');
  examples = await measureTfjsExamplesWay(browser);
  console.log(`${examples.samplesPerSecond.toFixed(1)} samples/s on ${examples.backend}`);
  process.stdout.write('draw pad… ');
  pad = await measurePad(browser, baseUrl);
  console.log(`first prediction ${pad.firstPredictionMs} ms after open, median draw → prediction ${pad.medianLatencyMs.toFixed(1)} ms`);
} finally {
  await browser.close();
  await server.stop();
}
process.stdout.write('native PyTorch, same model, batch, optimizer, 2 threads… ');
const torch = measureNativeTorch({ threads: 2, batch: BATCH });
console.log(torch.ok ? `${torch.samplesPerSecond.map((v) => v.toFixed(1)).join(', ')} samples/s (torch ${torch.torch})` : torch.message);
const kernelProfile = await profileTrainingStep(7, BATCH);
const gemmRates = await measureGemmRates();

const fastest = training.reduce((a, b) => (b.steadySamplesPerSecond > a.steadySamplesPerSecond ? b : a));
const lines = [
  '| backend (in our worker) | steady samples/s (epoch 2) | epoch 1 (with warm-up) | images × epochs | tensors after the run | page open → ready |',
  '|---|---|---|---|---|---|',
  ...training.map(
    (r) =>
      `| ${r.detail} | ${r.steadySamplesPerSecond.toFixed(1)} | ${r.firstEpochSamplesPerSecond.toFixed(1)} | ${r.trainImages} × 2 | ${r.tensorsAfterEpochs.join(', ')} | ${(r.pageOpenToReadyMs / 1000).toFixed(1)} s |`,
  ),
  `| tfjs-examples way: main thread, model.fit, ${examples.backend} | ${examples.samplesPerSecond.toFixed(1)} | | ${BATCH * 10} × 1 (after 1 warm-up fit) | | |`,
];
const ratio = fastest.steadySamplesPerSecond / examples.samplesPerSecond;
console.log(`\nDefault model (chapter 5, 93,322 parameters), batch ${BATCH}:\n\n${lines.join('\n')}\n`);
console.log(`${fastest.backend} in our worker / tfjs-examples way: ${ratio.toFixed(1)}×`);
const wasm = training.find((r) => r.backend === 'wasm' && !r.baseline);
const wasmBaseline = training.find((r) => r.backend === 'wasm' && r.baseline);
if (wasm && wasmBaseline) {
  console.log(`wasm in our worker, this build / baseline ${wasmBaseline.baseline}: ${(wasm.steadySamplesPerSecond / wasmBaseline.steadySamplesPerSecond).toFixed(2)}× (medians of ${wasm.steadyRuns.length}, interleaved)`);
}
const torchRatio = torch.ok && wasm ? wasm.steadySamplesPerSecond / torch.median : null;
console.log(torch.ok
  ? `Native PyTorch ${torch.torch}, 2 threads: ${torch.median.toFixed(1)} samples/s (median of ${torch.samplesPerSecond.length}); wasm in our worker / native PyTorch: ${torchRatio?.toFixed(2)}×`
  : `Native PyTorch: ${torch.message}`);
console.log(`\n${formatKernelTable(kernelProfile)}\n\n${formatGemmRates(gemmRates)}\n`);
console.log(`Draw pad: model ready ${pad.modelReadyMs} ms and first prediction ${pad.firstPredictionMs} ms after opening (warm cache); draw → prediction median ${pad.medianLatencyMs.toFixed(1)} ms (inference ${pad.medianInferenceMs.toFixed(1)} ms) over ${pad.samples} moves.`);
const outDir = join(import.meta.dirname, '../docs/perf');
mkdirSync(outDir, { recursive: true });
writeFileSync(
  join(outDir, 'latest.json'),
  `${JSON.stringify({ date: new Date().toISOString(), batch: BATCH, training, tfjsExamplesWay: examples, ratio, pad, nativeTorch: torch, wasmToNativeTorch: torchRatio, kernelProfile, gemmRates }, null, 2)}\n`,
);
