import v8 from 'node:v8';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { lossesAgree, parityLosses } from './backendProbe.ts';
import { relaxedSimdSupported, simdKernelsFor, type KernelBuild } from './kernels/kernelModule.ts';
import { seededValues, trainOnKernelBuild, valuesOnBackend } from './kernelTesting.fixture.ts';

// Node 20's V8 has relaxed SIMD behind a flag (Chromium and Firefox ship it on): on, both builds run here.
v8.setFlagsFromString('--experimental-wasm-relaxed-simd');

function maxDifference(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

async function expectSameOnBothBackends(compute: () => tf.Tensor[], tolerance = 1e-4): Promise<void> {
  const cpu = await valuesOnBackend('cpu', compute);
  const wasm = await valuesOnBackend('wasm', compute);
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

/** A seeded generator of integers in [from, to], so a failing random case can be rerun. */
function integers(seed: number): (from: number, to: number) => number {
  const draw = seededValues(1000, seed);
  let at = 0;
  return (from, to) => from + Math.floor(((draw[at++ % draw.length]! + 1) / 2) * (to - from + 1));
}

type PoolCase = { input: [number, number, number, number]; filter: [number, number]; strides: [number, number]; pad: 'valid' | 'same' };

/** Random max-pool geometries: channel counts off and on the four-lane width, windows larger than strides and not. */
const RANDOM_POOL_CASES: PoolCase[] = Array.from({ length: 12 }, (_, i) => {
  const draw = integers(100 + i);
  const filter: [number, number] = [draw(1, 4), draw(1, 4)];
  const input: [number, number, number, number] = [draw(1, 3), draw(filter[0], 12), draw(filter[1], 12), draw(1, 9)];
  return { input, filter, strides: [draw(1, 3), draw(1, 3)], pad: i % 2 === 0 ? 'valid' : 'same' };
});

type SumCase = { shape: number[]; axis: number[]; keepDims: boolean };

/** Sums over leading axes (ours) and others (tfjs' own, behind ours), ranks 1 to 4, sizes off the lane width. */
const RANDOM_SUM_CASES: SumCase[] = Array.from({ length: 12 }, (_, i) => {
  const draw = integers(200 + i);
  const shape = Array.from({ length: draw(1, 4) }, () => draw(1, 11));
  const leading = Array.from({ length: draw(1, shape.length) }, (_, axis) => axis);
  const axis = i % 3 === 2 ? [shape.length - 1] : leading;
  return { shape, axis, keepDims: i % 2 === 1 };
});

/** Random convolutions, most with up to 4 input channels (our direct filter gradient), a few with more (XNNPACK's). */
const RANDOM_CONV_CASES: ConvCase[] = Array.from({ length: 10 }, (_, i) => {
  const draw = integers(400 + i);
  const kernel: [number, number] = [draw(1, 4), draw(1, 4)];
  const input: [number, number, number, number] = [draw(1, 3), draw(kernel[0], 14), draw(kernel[1], 14), i < 8 ? draw(1, 4) : draw(5, 9)];
  return { input, kernel, filters: draw(1, 9), strides: [draw(1, 2), draw(1, 2)], pad: i % 2 === 0 ? 'valid' : 'same' };
});

type MatMulCase = { m: number; n: number; k: number; transposeA: boolean; transposeB: boolean; batch: number };

/** Products off and on the 4×16 tile (and its 4-lane and scalar tails), each transposition, batch 1 and a batched one. */
const RANDOM_MATMUL_CASES: MatMulCase[] = Array.from({ length: 12 }, (_, i) => {
  const draw = integers(300 + i);
  return { m: draw(1, 70), n: draw(1, 70), k: draw(1, 70), transposeA: i % 2 === 1, transposeB: i % 4 >= 2, batch: i === 11 ? 2 : 1 };
});

const BUILDS: (KernelBuild | 'off')[] = ['relaxed', 'plain', 'off'];

describe.each(BUILDS)('wasm training kernels against the cpu backend, our kernels: %s', (build) => {
  trainOnKernelBuild(build);

  it(`runs the ${build} build`, async () => {
    await tf.setBackend('wasm');
    expect(simdKernelsFor(tf.backend() as BackendWasm)?.build ?? 'off').toBe(build);
    const profile = await tf.profile(() => tf.grads((x: tf.Tensor) => tf.sum(tf.relu(x)))([tf.ones([5])]));
    expect(profile.kernels.some((k) => k.name === 'ConvnetReluGrad')).toBe(build !== 'off');
  });

  it.each(RANDOM_POOL_CASES)('max-pool gradient for input $input, window $filter, strides $strides, $pad', async (c) => {
    const size = c.input.reduce((a, b) => a * b, 1);
    // Rounded values: ties inside windows, where the first maximum must win.
    const data = seededValues(size, 8).map((v) => Math.round(v * 3) / 3);
    await expectSameOnBothBackends(() => {
      const x = tf.tensor4d(data, c.input);
      const [dx] = tf.grads((xs: tf.Tensor) => {
        const y = tf.maxPool(xs as tf.Tensor4D, c.filter, c.strides, c.pad);
        return tf.sum(tf.mul(y, tf.tensor(seededValues(y.size, 9), y.shape)));
      })([x]);
      return [dx!, x];
    }, 1e-6);
  });

  it.each(RANDOM_POOL_CASES)('max-pool for input $input, window $filter, strides $strides, $pad: exactly the cpu backend\'s', async (c) => {
    await expectSameOnBothBackends(() => {
      const x = tf.tensor4d(seededValues(c.input.reduce((a, b) => a * b, 1), 12), c.input);
      return [tf.maxPool(x, c.filter, c.strides, c.pad), x];
    }, Number.MIN_VALUE);
  });

  it.each(RANDOM_SUM_CASES)('sum of shape $shape over axes $axis, keepDims $keepDims', async (c) => {
    await expectSameOnBothBackends(() => {
      const x = tf.tensor(seededValues(c.shape.reduce((a, b) => a * b, 1), 10), c.shape);
      const total = tf.sum(x, c.axis, c.keepDims);
      return [total, x, tf.tensor1d([total.rank, ...total.shape])];
    }, 1e-5);
  });

  it.each(RANDOM_MATMUL_CASES)('matMul m $m, n $n, k $k, transposeA $transposeA, transposeB $transposeB, batch $batch', async (c) => {
    const aShape = [c.batch, ...(c.transposeA ? [c.k, c.m] : [c.m, c.k])];
    const bShape = [c.batch, ...(c.transposeB ? [c.n, c.k] : [c.k, c.n])];
    await expectSameOnBothBackends(() => {
      const a = tf.tensor3d(seededValues(c.batch * c.m * c.k, 13), aShape as [number, number, number]);
      const b = tf.tensor3d(seededValues(c.batch * c.k * c.n, 14), bShape as [number, number, number]);
      const product = tf.matMul(a, b, c.transposeA, c.transposeB);
      // 2-D operands too, as a dense layer passes them, and both gradients (products with the other transpositions).
      if (c.batch !== 1) return [product, a, b];
      const a2 = a.reshape(aShape.slice(1)) as tf.Tensor2D;
      const b2 = b.reshape(bShape.slice(1)) as tf.Tensor2D;
      const weights = tf.tensor2d(seededValues(c.m * c.n, 15), [c.m, c.n]);
      const grads = tf.grads((x: tf.Tensor, w: tf.Tensor) =>
        tf.sum(tf.mul(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D, c.transposeA, c.transposeB), weights)))([a2, b2]);
      return [product, ...grads, a, b, a2, b2, weights];
    });
  });

  it('a clone shares its data (as the cpu backend\'s does) and outlives its original', async () => {
    await tf.setBackend('wasm');
    const buffers = tf.memory().numDataBuffers;
    const x = tf.tensor2d(seededValues(12, 4), [3, 4]);
    const copy = tf.clone(x);
    expect(tf.memory().numDataBuffers - buffers).toBe(1); // one buffer for both tensors
    const values = x.dataSync().slice();
    x.dispose();
    expect(copy.dataSync()).toEqual(values);
    copy.dispose();
    expect(tf.memory().numDataBuffers).toBe(buffers);
  });

  it('relu gradient: the incoming gradient where x > 0, zero at and below 0', async () => {
    const data = seededValues(4 * 7 * 5 * 3, 11).map((v, i) => (i % 7 === 0 ? 0 : v));
    await expectSameOnBothBackends(() => {
      const x = tf.tensor4d(data, [4, 7, 5, 3]);
      const [dx] = tf.grads((xs: tf.Tensor) => tf.sum(tf.mul(tf.relu(xs), tf.tensor(seededValues(xs.size, 12), xs.shape))))([x]);
      return [dx!, x];
    }, 1e-6);
  });

  it.each([...CONV_CASES, ...RANDOM_CONV_CASES, { input: [16, 28, 28, 1], kernel: [3, 3], filters: 32, strides: [1, 1], pad: 'valid' } as ConvCase])('conv2d gradients for input $input, kernel $kernel, filters $filters, strides $strides, $pad', async (c) => {
    const [, , , channels] = c.input;
    const inputSize = c.input.reduce((a, b) => a * b, 1);
    const filterShape: [number, number, number, number] = [...c.kernel, channels, c.filters];
    await expectSameOnBothBackends(() => {
      const x = tf.tensor4d(seededValues(inputSize, 1), c.input);
      const w = tf.tensor4d(seededValues(filterShape.reduce((a, b) => a * b, 1), 2), filterShape);
      // A weighted sum makes every output position's gradient different, so a misplaced one shows.
      const loss = (xs: tf.Tensor, ws: tf.Tensor) => {
        const y = tf.conv2d(xs as tf.Tensor4D, ws as tf.Tensor4D, c.strides, c.pad);
        return tf.sum(tf.mul(y, tf.tensor(seededValues(y.size, 3), y.shape)));
      };
      const [dx, dw] = tf.grads(loss)([x, w]);
      return [dx!, dw!, x, w];
    });
  });

  it('max-pool gradient goes to the first maximum, also in all-negative windows and ties', async () => {
    const data = seededValues(2 * 8 * 8 * 3, 4).map((v, i) => (i % 5 === 0 ? -0.5 : v - 1.5));
    // Blank rows: every window there is a four-way tie.
    data.fill(0, 0, 2 * 8 * 3);
    await expectSameOnBothBackends(() => {
      const x = tf.tensor4d(data, [2, 8, 8, 3]);
      const [dx] = tf.grads((xs: tf.Tensor) => {
        const y = tf.maxPool(xs as tf.Tensor4D, 2, 2, 'valid');
        return tf.sum(tf.mul(y, tf.tensor(seededValues(y.size, 5), y.shape)));
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
      const x = tf.tensor4d(seededValues(2 * 9 * 9 * 4, 6), [2, 9, 9, 4]);
      const weighted = (y: tf.Tensor) => tf.sum(tf.mul(y, tf.tensor(seededValues(y.size, 7), y.shape)));
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

describe('choosing the kernel build', () => {
  it('the probe finds relaxed SIMD exactly where the engine validates it', () => {
    v8.setFlagsFromString('--no-experimental-wasm-relaxed-simd');
    const without = relaxedSimdSupported();
    v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
    expect([without, relaxedSimdSupported()]).toEqual([false, true]);
  });
});
