/**
 * Picks the training backend by measuring it: each backend that starts must first reproduce the cpu backend's losses
 * on a small seeded model (correctness before speed), then is timed on real training steps of the chapter-5 model.
 * Software WebGL (SwiftShader, llvmpipe, Microsoft's Basic Render Driver) is recognised from its renderer string and not
 * timed: its first step alone compiles shaders for 13–15 s, and it trains at a few percent of wasm's speed. A software
 * WebGPU adapter (SwiftShader, a fallback adapter) is skipped the same way, before tfjs-backend-webgpu is even loaded.
 */
import * as tf from '@tensorflow/tfjs';
import { CHAPTER5_LAYERS } from '../domain/defaults.ts';
import type { LayerSpec } from '../domain/modelSpec.ts';
import { activateBackend, isSoftwareRenderer, softwareRendererName } from './backend.ts';
import { buildModel, createOptimizer } from './buildModel.ts';
import type { BackendMeasurement, BackendName } from './protocol.ts';
import { inspectWebGpuAdapter, type WebGpuAdapterVerdict } from './webgpuAdapter.ts';

/** Relative tolerance between a backend's losses and the cpu backend's: float32 kernels differ in summation order. */
export const LOSS_TOLERANCE = 1e-3;

const PARITY_LAYERS: readonly LayerSpec[] = [
  { type: 'Conv2D', filters: 4, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', activation: 'linear' },
  { type: 'MaxPooling2D', poolSize: [2, 2], strides: null, padding: 'valid' },
  { type: 'Conv2D', filters: 6, kernelSize: [3, 3], strides: [2, 2], padding: 'same', activation: 'relu' },
  { type: 'AveragePooling2D', poolSize: [2, 2], strides: null, padding: 'same' },
  { type: 'Flatten' },
  { type: 'Dense', units: 10, activation: 'softmax' },
];

/** A fixed batch with blank margins (ties inside pooling windows) and negative values (all-negative windows). */
function parityBatch(size: number): { xs: tf.Tensor4D; ys: tf.Tensor2D } {
  const pixels = new Float32Array(size * 28 * 28);
  for (let i = 0; i < pixels.length; i++) {
    const row = Math.floor(i / 28) % 28;
    pixels[i] = row < 6 ? 0 : Math.sin(i * 12.9898) * 0.8 - 0.2;
  }
  const labels = Array.from({ length: size }, (_, i) => (i * 7) % 10);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 10).toFloat() as tf.Tensor2D);
  return { xs: tf.tensor4d(pixels, [size, 28, 28, 1]), ys };
}

/** The losses of a few seeded training steps of a small model that touches every gradient kernel the editor uses. */
export async function parityLosses(steps = 3): Promise<number[]> {
  const model = buildModel(PARITY_LAYERS, 7);
  model.compile({ optimizer: createOptimizer({ optimizer: 'rmsprop', learningRate: 0.01 }), loss: 'categoricalCrossentropy' });
  const { xs, ys } = parityBatch(16);
  const losses: number[] = [];
  try {
    for (let i = 0; i < steps; i++) losses.push(Number(await model.trainOnBatch(xs, ys)));
  } finally {
    xs.dispose();
    ys.dispose();
    model.optimizer.dispose();
    model.dispose();
  }
  return losses;
}

export function lossesAgree(candidate: readonly number[], reference: readonly number[]): boolean {
  return candidate.length === reference.length &&
    candidate.every((loss, i) => Math.abs(loss - reference[i]!) <= LOSS_TOLERANCE * Math.max(1, Math.abs(reference[i]!)));
}

/** Samples per second over timed steps of the chapter-5 model, after one untimed step that compiles and allocates. */
async function timeTraining(batchSize: number, budgetMs: number): Promise<number> {
  const model = buildModel(CHAPTER5_LAYERS, 1);
  model.compile({ optimizer: createOptimizer({ optimizer: 'rmsprop', learningRate: 0.001 }), loss: 'categoricalCrossentropy' });
  const xs = tf.randomUniform([batchSize, 28, 28, 1]) as tf.Tensor4D;
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(Array.from({ length: batchSize }, (_, i) => i % 10), 'int32'), 10).toFloat());
  try {
    await model.trainOnBatch(xs, ys);
    const started = performance.now();
    let steps = 0;
    do {
      await model.trainOnBatch(xs, ys);
      steps++;
    } while (steps < 3 && performance.now() - started < budgetMs);
    return (steps * batchSize) / ((performance.now() - started) / 1000);
  } finally {
    xs.dispose();
    ys.dispose();
    model.optimizer.dispose();
    model.dispose();
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Why WebGPU is not measured on this adapter, or null to measure it: a CPU adapter is skipped as software WebGL is. */
export function webgpuSkipNote(adapter: WebGpuAdapterVerdict): string | null {
  if (adapter.kind === 'none') return `skipped: ${adapter.reason}`;
  return adapter.kind === 'software' ? `skipped: software adapter (${adapter.name})` : null;
}

/** Decided before the backend starts: WebGPU's adapter is judged without loading tfjs-backend-webgpu at all. */
async function skipBeforeStart(backend: BackendName): Promise<string | null> {
  return backend === 'webgpu' ? webgpuSkipNote(await inspectWebGpuAdapter()) : null;
}

/** Measures every candidate; the result lists them fastest first, those that failed or were skipped last. */
export async function measureBackends(candidates: readonly BackendName[]): Promise<BackendMeasurement[]> {
  await activateBackend('cpu');
  const reference = await parityLosses();
  const results: BackendMeasurement[] = [];
  for (const backend of candidates) {
    try {
      const skipped = await skipBeforeStart(backend);
      if (skipped) {
        results.push({ backend, samplesPerSecond: null, note: skipped });
        continue;
      }
      const started = await activateBackend(backend);
      if (backend === 'webgl' && isSoftwareRenderer(started.renderer)) {
        results.push({ backend, samplesPerSecond: null, note: `skipped: software renderer (${softwareRendererName(started.renderer)})` });
        continue;
      }
      if (backend !== 'cpu' && !lossesAgree(await parityLosses(), reference)) {
        results.push({ backend, samplesPerSecond: null, note: 'skipped: its losses differ from the cpu backend' });
        continue;
      }
      // The cpu backend needs seconds per batch of 64; a smaller batch measures it within the same budget.
      const samplesPerSecond = await timeTraining(backend === 'cpu' ? 8 : 64, 1500);
      results.push({ backend, samplesPerSecond, note: 'measured' });
    } catch (error) {
      results.push({ backend, samplesPerSecond: null, note: `could not start: ${message(error)}` });
    }
  }
  return results.sort((a, b) => (b.samplesPerSecond ?? -1) - (a.samplesPerSecond ?? -1));
}
