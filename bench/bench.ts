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
import { chromium, type Browser } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/support/chromium.ts';
import { DistServer } from '../e2e/support/distServer.ts';
import { buildBaseline } from './baseline.ts';
import { BATCH, measureInterleaved, RUNS, type BackendRun, type TrainingResult } from './trainingRuns.ts';
import { formatGemmRates, measureGemmRates } from './gemmRates.ts';
import { formatKernelTable, profileTrainingStep } from './kernelProfile.ts';
import { measureNativeTorchRuns } from './nativeTorch.ts';
import { measurePad, webgpuNote } from './padLatency.ts';
import { formatSummary } from './summary.ts';
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

/**
 * Today's path, built beside this one (bench/baseline.ts): by default the commit before our SIMD kernels (issue 14's
 * 721 samples/s path); BENCH_BASELINE=<commit> names another, BENCH_BASELINE=none measures this build alone.
 */
const BASELINE = process.env.BENCH_BASELINE ?? '8987984^';
const baseline = BASELINE === 'none' ? null : buildBaseline(BASELINE);
if (baseline && !baseline.ok) console.log(baseline.message);
if (baseline?.ok) RUNS.splice(1, 0, { ...RUNS[0]!, baseline });
/** Separate runs of native PyTorch, as of our wasm worker: the issue asks for medians of three. */
const TORCH_REPEATS = Number(process.env.BENCH_TORCH_REPEATS ?? 3);
const PAD_ROUNDS = Number(process.env.BENCH_PAD_ROUNDS ?? 3);
/** BENCH_ONLY=pad: the draw pad's rounds alone (this build and the baseline interleaved), for a change on its path. */
const PAD_ONLY = process.env.BENCH_ONLY === 'pad';

// Served as `vite preview` serves it: cross-origin isolated, so wasm may use threads.
const server = new DistServer('/', { isolated: true });
const baseUrl = await server.start();
// Chromium offers a WebGPU adapter only with this flag on Linux: a GPU's where there is one (measured then), else
// SwiftShader's, which the page's probe must skip.
const launch = chromiumLaunchOptions();
const browser = await chromium.launch({ ...launch, args: [...(launch.args ?? []), '--enable-unsafe-webgpu'] });
const training: TrainingResult[] = [];
let examples: { backend: string; samplesPerSecond: number };
let pads: Awaited<ReturnType<typeof measurePad>>;
try {
  process.stdout.write(`draw pad, ${PAD_ROUNDS} rounds of 60 moves${baseline?.ok ? ', this build and the baseline interleaved' : ''}… `);
  pads = await measurePad(browser, baseUrl, baseline?.ok ? ['', baseline.path] : [''], PAD_ROUNDS);
  console.log(pads.map((p) => `${p.path || 'this build'}: median draw → prediction ${p.medianLatencyMs.toFixed(1)} ms (rounds ${p.roundMedians.map((v) => v.toFixed(1)).join(', ')}; inference ${p.medianInferenceMs.toFixed(1)} ms; drawing without waiting ${p.continuousMedianLatencyMs.toFixed(1)} ms over ${p.continuousAnswers} answers)`).join('; '));
  console.log(`automatic backend choice: ${pads[0]!.measuredBackends}; training engine: ${pads[0]!.engine}`);
  if (PAD_ONLY) {
    await browser.close();
    await server.stop();
    process.exit(0);
  }
  // WebGPU is trained on only where the page's probe measured it (a hardware adapter); otherwise its note says why not.
  const webgpuMeasured = /^[\d,.]+ samples\/s/.test(webgpuNote(pads[0]!.measuredBackends));
  if (webgpuMeasured) RUNS.push({ backend: 'webgpu', trainImages: Number(process.env.BENCH_WEBGPU_IMAGES ?? 6400), repeats: 1 });
  for (const backend of ['wasm', 'webgpu', 'webgl', 'cpu'] as const satisfies readonly BackendRun['backend'][]) {
    const runs = RUNS.filter((run) => run.backend === backend);
    if (runs.length === 0) continue;
    process.stdout.write(`${backend}: training ${runs[0]!.trainImages} images × 2 epochs in the worker${runs.length > 1 ? ', this build and the baseline interleaved' : ''}… `);
    const results = await measureInterleaved(browser, baseUrl, runs);
    training.push(...results);
    console.log(results.map((r) => `${r.steadyRuns.map((v) => v.toFixed(1)).join(', ')} samples/s${r.baseline ? ` (baseline ${r.baseline})` : ''}`).join('; '));
  }
  process.stdout.write('tfjs-examples way (main thread, model.fit, default backend)… ');
  examples = await measureTfjsExamplesWay(browser);
  console.log(`${examples.samplesPerSecond.toFixed(1)} samples/s on ${examples.backend}`);
} finally {
  await browser.close();
  await server.stop();
}
process.stdout.write(`native PyTorch, same model, batch, optimizer, 2 threads, ${TORCH_REPEATS} runs… `);
const torch = measureNativeTorchRuns({ threads: 2, batch: BATCH }, TORCH_REPEATS);
console.log(torch.ok ? `${torch.samplesPerSecond.map((v) => v.toFixed(1)).join(', ')} samples/s (torch ${torch.torch})` : torch.message);
/** The Node-side tables: a failure there (kernels being rebuilt) costs those tables, not the page's figures above. */
async function orNull<T>(what: string, measure: () => Promise<T>): Promise<T | null> {
  try {
    return await measure();
  } catch (error) {
    console.log(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}
const kernelProfile = await orNull('kernel profile', () => profileTrainingStep(7, BATCH));
const gemmRates = await orNull('GEMM rates', () => measureGemmRates());

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
const torchRatio = torch.ok && wasm ? wasm.steadySamplesPerSecond / torch.median : null;
if (kernelProfile) console.log(`\n${formatKernelTable(kernelProfile)}\n`);
if (gemmRates) console.log(`${formatGemmRates(gemmRates)}\n`);
const [pad, baselinePad] = pads;
console.log(`Draw pad: model ready ${pad!.modelReadyMs} ms and first prediction ${pad!.firstPredictionMs} ms after opening (warm cache); draw → prediction median ${pad!.medianLatencyMs.toFixed(1)} ms (inference ${pad!.medianInferenceMs.toFixed(1)} ms) over ${pad!.samples} moves.`);
console.log(`\nSummary (medians of the runs shown; the bars are issue 14's):\n\n${formatSummary({ wasm, baseline: wasmBaseline, torch, webgpu: webgpuNote(pad!.measuredBackends), engine: pad!.engine || 'engine not shown', pad: pad!, baselinePad: baselinePad ?? null })}\n`);
const outDir = join(import.meta.dirname, '../docs/perf');
mkdirSync(outDir, { recursive: true });
writeFileSync(
  join(outDir, 'latest.json'),
  `${JSON.stringify({ date: new Date().toISOString(), batch: BATCH, training, tfjsExamplesWay: examples, ratio, pad, baselinePad, nativeTorch: torch, wasmToNativeTorch: torchRatio, kernelProfile, gemmRates }, null, 2)}\n`,
);
