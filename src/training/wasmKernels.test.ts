import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lossesAgree, parityLosses } from './backendProbe.ts';
import { registerWasmTrainingKernels } from './wasmKernels.ts';

/** Deterministic values in [-1, 1), so both backends see the same numbers. */
function values(count: number, seed: number): Float32Array {
  let state = seed >>> 0;
  return Float32Array.from({ length: count }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 31 - 1;
  });
}

/** Runs `compute` on a backend with fresh tensors and returns every result's values. */
async function onBackend(backend: 'cpu' | 'wasm', compute: () => tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  const results = compute();
  const data = await Promise.all(results.map(async (t) => (await t.data()) as Float32Array));
  tf.dispose(results);
  expect(tf.memory().numTensors).toBe(before);
  return data;
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

async function expectSameOnBothBackends(compute: () => tf.Tensor[], tolerance = 1e-4): Promise<void> {
  const cpu = await onBackend('cpu', compute);
  const wasm = await onBackend('wasm', compute);
  cpu.forEach((expected, i) => {
    const scale = Math.max(1, ...Array.from(expected, Math.abs));
    expect(maxDifference(wasm[i]!, expected) / scale).toBeLessThan(tolerance);
  });
}

type ConvCase = { input: [number, number, number, number]; kernel: [number, number]; filters: number; strides: [number, number]; pad: 'valid' | 'same' };

const CONV_CASES: ConvCase[] = [
  { input: [3, 28, 28, 1], kernel: [3, 3], filters: 8, strides: [1, 1], pad: 'valid' },
  { input: [2, 13, 13, 5], kernel: [3, 3], filters: 7, strides: [1, 1], pad: 'same' },
  { input: [2, 12, 11, 3], kernel: [3, 2], filters: 4, strides: [2, 2], pad: 'valid' },
  { input: [2, 11, 12, 3], kernel: [5, 5], filters: 4, strides: [2, 3], pad: 'same' },
  { input: [1, 9, 9, 2], kernel: [4, 4], filters: 3, strides: [3, 3], pad: 'same' },
  { input: [2, 7, 7, 4], kernel: [1, 1], filters: 6, strides: [2, 2], pad: 'valid' },
  { input: [2, 8, 8, 2], kernel: [8, 8], filters: 3, strides: [1, 1], pad: 'valid' },
];

describe('wasm training kernels against the cpu backend', () => {
  beforeAll(async () => {
    registerWasmTrainingKernels();
    expect(await tf.setBackend('wasm')).toBe(true);
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(CONV_CASES)('conv2d gradients for input $input, kernel $kernel, strides $strides, $pad', async (c) => {
    const [, , , channels] = c.input;
    const inputSize = c.input.reduce((a, b) => a * b, 1);
    const filterShape: [number, number, number, number] = [...c.kernel, channels, c.filters];
    await expectSameOnBothBackends(() => {
      const x = tf.tensor4d(values(inputSize, 1), c.input);
      const w = tf.tensor4d(values(filterShape.reduce((a, b) => a * b, 1), 2), filterShape);
      // A weighted sum makes every output position's gradient different, so a misplaced one shows.
      const loss = (xs: tf.Tensor, ws: tf.Tensor) => {
        const y = tf.conv2d(xs as tf.Tensor4D, ws as tf.Tensor4D, c.strides, c.pad);
        return tf.sum(tf.mul(y, tf.tensor(values(y.size, 3), y.shape)));
      };
      const [dx, dw] = tf.grads(loss)([x, w]);
      return [dx!, dw!, x, w];
    });
  });

  it('max-pool gradient goes to the first maximum, also in all-negative windows and ties', async () => {
    const data = values(2 * 8 * 8 * 3, 4).map((v, i) => (i % 5 === 0 ? -0.5 : v - 1.5));
    // Blank rows: every window there is a four-way tie.
    data.fill(0, 0, 2 * 8 * 3);
    await expectSameOnBothBackends(() => {
      const x = tf.tensor4d(data, [2, 8, 8, 3]);
      const [dx] = tf.grads((xs: tf.Tensor) => {
        const y = tf.maxPool(xs as tf.Tensor4D, 2, 2, 'valid');
        return tf.sum(tf.mul(y, tf.tensor(values(y.size, 5), y.shape)));
      })([x]);
      return [dx!, x];
    }, 1e-6);
  });

  it.each([
    { filter: 3, stride: 2, pad: 'same' as const },
    { filter: 3, stride: 1, pad: 'valid' as const },
    { filter: 2, stride: 3, pad: 'valid' as const },
  ])('max-pool and average-pool gradients, window $filter, stride $stride, $pad', async ({ filter, stride, pad }) => {
    await expectSameOnBothBackends(() => {
      const x = tf.tensor4d(values(2 * 9 * 9 * 4, 6), [2, 9, 9, 4]);
      const weighted = (y: tf.Tensor) => tf.sum(tf.mul(y, tf.tensor(values(y.size, 7), y.shape)));
      const [dMax] = tf.grads((xs: tf.Tensor) => weighted(tf.maxPool(xs as tf.Tensor4D, filter, stride, pad)))([x]);
      const [dAvg] = tf.grads((xs: tf.Tensor) => weighted(tf.avgPool(xs as tf.Tensor4D, filter, stride, pad)))([x]);
      return [dMax!, dAvg!, x];
    }, 1e-5);
  });

  it('trains a small convnet to the same losses as the cpu backend', async () => {
    await tf.setBackend('cpu');
    const reference = await parityLosses();
    await tf.setBackend('wasm');
    const losses = await parityLosses();
    expect(reference.every(Number.isFinite)).toBe(true);
    expect(lossesAgree(losses, reference)).toBe(true);
    // The check has teeth: a loss off by a tenth fails it.
    expect(lossesAgree(losses.map((l, i) => (i === 1 ? l + 0.1 : l)), reference)).toBe(false);
  });
});
