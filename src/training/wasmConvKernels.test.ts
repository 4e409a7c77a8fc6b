import v8 from 'node:v8';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { buildModel, createOptimizer } from './buildModel.ts';
import { forceKernelBuild, type KernelBuild } from './kernels/kernelModule.ts';
import { seededValues, trainOnKernelBuild, valuesOnBackend } from './kernelTesting.fixture.ts';
import { registerWasmTrainingKernels } from './wasmKernels.ts';
import type { LayerSpec } from '../domain/modelSpec.ts';

// Node 20's V8 has relaxed SIMD behind a flag (Chromium and Firefox ship it on): on, both builds run here.
v8.setFlagsFromString('--experimental-wasm-relaxed-simd');

/** A seeded generator of integers in [from, to], so a failing random case can be rerun. */
function integers(seed: number): (from: number, to: number) => number {
  const draw = seededValues(1000, seed);
  let at = 0;
  return (from, to) => from + Math.floor(((draw[at++ % draw.length]! + 1) / 2) * (to - from + 1));
}

function relativeDifference(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  let scale = 1;
  for (let i = 0; i < a.length; i++) {
    worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return worst / scale;
}

type ConvCase = {
  input: [number, number, number, number]; kernel: [number, number]; filters: number;
  strides: [number, number]; pad: 'valid' | 'same'; dilation?: number;
};

/** Channel counts off the 8-wide panel and the 6-row tile, on both sides; strides 1–2, valid and same. */
const RANDOM_CASES: ConvCase[] = Array.from({ length: 14 }, (_, i) => {
  const draw = integers(700 + i);
  const kernel: [number, number] = [draw(1, 5), draw(1, 5)];
  const input: [number, number, number, number] = [draw(1, 3), draw(kernel[0], 13), draw(kernel[1], 13), draw(5, 40)];
  return { input, kernel, filters: draw(1, 21), strides: [draw(1, 2), draw(1, 2)], pad: i % 2 === 0 ? 'valid' : 'same' };
});

const CASES: ConvCase[] = [
  ...RANDOM_CASES,
  { input: [4, 13, 13, 32], kernel: [3, 3], filters: 64, strides: [1, 1], pad: 'valid' }, // chapter 5's conv2
  { input: [4, 5, 5, 64], kernel: [3, 3], filters: 64, strides: [1, 1], pad: 'valid' }, // and conv3
  { input: [2, 9, 9, 6], kernel: [3, 3], filters: 5, strides: [1, 1], pad: 'same', dilation: 2 }, // XNNPACK's forward
];

type Profile = Awaited<ReturnType<typeof tf.profile>>;
const convKernelsRun = (profile: Profile) => profile.kernels.map((k) => k.name).filter((n) => n.startsWith('Conv2D'));

describe.each(['relaxed', 'plain'] as KernelBuild[])('convolutions as GEMMs against the cpu backend, %s build', (build) => {
  trainOnKernelBuild(build);

  it.each(CASES)('conv2d, input and filter gradients: input $input, kernel $kernel, filters $filters, strides $strides, $pad, dilation $dilation', async (c) => {
    const filterShape: [number, number, number, number] = [...c.kernel, c.input[3], c.filters];
    const compute = () => {
      const x = tf.tensor4d(seededValues(c.input.reduce((a, b) => a * b, 1), 21), c.input);
      const w = tf.tensor4d(seededValues(filterShape.reduce((a, b) => a * b, 1), 22), filterShape);
      const dilations = c.dilation ?? 1;
      const strides = dilations > 1 ? 1 : c.strides;
      // A weighted sum makes every output position's gradient different, so a misplaced one shows.
      const loss = (xs: tf.Tensor, ws: tf.Tensor) => {
        const y = tf.conv2d(xs as tf.Tensor4D, ws as tf.Tensor4D, strides, c.pad, 'NHWC', dilations);
        return tf.sum(tf.mul(y, tf.tensor(seededValues(y.size, 23), y.shape)));
      };
      const y = tf.conv2d(x, w, strides, c.pad, 'NHWC', dilations);
      // tfjs has no gradient for dilated convolutions: only the forward pass (XNNPACK's, ours declines it).
      if (dilations > 1) return [y, x, w];
      const [dx, dw] = tf.grads(loss)([x, w]);
      return [y, dx!, dw!, x, w];
    };
    const cpu = await valuesOnBackend('cpu', compute);
    const wasm = await valuesOnBackend('wasm', compute);
    cpu.forEach((expected, i) => expect(relativeDifference(wasm[i]!, expected)).toBeLessThan(1e-5));
  });

  it.each(['relu', 'linear'] as const)('predictions\' fused conv2d (%s, with and without bias) equals the cpu backend, and our unfused GEMM bit for bit', async (activation) => {
    for (const c of [CASES[0]!, CASES[1]!, CASES[14]!]) {
      const filterShape: [number, number, number, number] = [...c.kernel, c.input[3], c.filters];
      const compute = () => {
        const x = tf.tensor4d(seededValues(c.input.reduce((a, b) => a * b, 1), 24), c.input);
        const w = tf.tensor4d(seededValues(filterShape.reduce((a, b) => a * b, 1), 25), filterShape);
        const bias = tf.tensor1d(seededValues(c.filters, 26));
        const plain = (y: tf.Tensor) => (activation === 'relu' ? tf.relu(y) : y);
        const unfused = tf.tidy(() => plain(tf.add(tf.conv2d(x, w, c.strides, c.pad), bias)));
        const fused = tf.fused.conv2d({ x, filter: w, strides: c.strides, pad: c.pad, bias, activation });
        const withoutBias = tf.fused.conv2d({ x, filter: w, strides: c.strides, pad: c.pad, activation });
        return [fused, withoutBias, unfused, x, w, bias];
      };
      const cpu = await valuesOnBackend('cpu', compute);
      const wasm = await valuesOnBackend('wasm', compute);
      cpu.forEach((expected, i) => expect(relativeDifference(wasm[i]!, expected)).toBeLessThan(1e-5));
      // XNNPACK's sums differ from ours in the last bits (chapter 5's conv2 sums 288 products): ours ran.
      expect(wasm[0]).toEqual(wasm[2]);
    }
  });

  it('runs the three convolutions of a step on our kernels', async () => {
    const x = tf.randomNormal([2, 9, 9, 8]);
    const w = tf.randomNormal([3, 3, 8, 16]);
    const profile = await tf.profile(() => tf.grads((xs: tf.Tensor, ws: tf.Tensor) =>
      tf.sum(tf.conv2d(xs as tf.Tensor4D, ws as tf.Tensor4D, 1, 'valid')))([x, w]));
    tf.dispose([x, w]);
    // Ours call no other kernel: XNNPACK's path would show Transpose, Reverse and more Conv2D calls.
    expect(convKernelsRun(profile).sort()).toEqual(['Conv2D', 'Conv2DBackpropFilter', 'Conv2DBackpropInput']);
    expect(profile.kernels.some((k) => k.name === 'Transpose' || k.name === 'Reverse')).toBe(false);
  });
});

/** A small convnet whose convolutions all run on our GEMMs (the second has more than 4 input channels). */
const CURVE_LAYERS: readonly LayerSpec[] = [
  { type: 'Conv2D', filters: 6, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', activation: 'relu' },
  { type: 'Conv2D', filters: 10, kernelSize: [3, 3], strides: [2, 2], padding: 'same', activation: 'relu' },
  { type: 'MaxPooling2D', poolSize: [2, 2], strides: null, padding: 'valid' },
  { type: 'Flatten' },
  { type: 'Dense', units: 10, activation: 'softmax' },
];

async function lossCurve(backend: 'cpu' | 'wasm', steps: number): Promise<number[]> {
  await tf.setBackend(backend);
  const model = buildModel(CURVE_LAYERS, 3, [12, 12, 1]);
  model.compile({ optimizer: createOptimizer({ optimizer: 'rmsprop', learningRate: 0.001 }), loss: 'categoricalCrossentropy' });
  const xs = tf.tensor4d(seededValues(16 * 12 * 12, 31).map((v) => Math.max(0, v)), [16, 12, 12, 1]);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(Array.from({ length: 16 }, (_, i) => (i * 7) % 10), 'int32'), 10).toFloat());
  const losses: number[] = [];
  try {
    for (let i = 0; i < steps; i++) losses.push(Number(await model.trainOnBatch(xs, ys)));
  } finally {
    tf.dispose([xs, ys]);
    model.optimizer.dispose();
    model.dispose();
  }
  return losses;
}

describe('a 200-step loss curve on our kernels', () => {
  it('equals the cpu backend within float tolerance (relaxed build), and memory stays flat', async () => {
    registerWasmTrainingKernels();
    forceKernelBuild('relaxed');
    try {
      const reference = await lossCurve('cpu', 200);
      await tf.setBackend('wasm');
      const tensorsBefore = tf.memory().numTensors;
      const ours = await lossCurve('wasm', 200);
      expect(tf.memory().numTensors).toBe(tensorsBefore);
      // It learns: the curve goes down, so equal curves are not two flat lines.
      expect(reference[199]!).toBeLessThan(reference[0]! * 0.5);
      const worst = Math.max(...ours.map((loss, i) => Math.abs(loss - reference[i]!) / Math.max(1, reference[i]!)));
      expect(worst).toBeLessThan(1e-3);
    } finally {
      forceKernelBuild(null);
      await tf.setBackend('cpu');
    }
  }, 120_000);
});
