// The fused Conv2D (+ bias + relu) training pass gives, bit for bit, what tfjs' own Conv2D layer gives on the same
// kernels — output and the gradients of input, kernel and bias — runs as one kernel forward, and leaves no tensor.
import v8 from 'node:v8';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { seededValues, trainOnKernelBuild } from '../kernelTesting.fixture.ts';
import { FUSED_CONV_KERNEL } from './fusedConv.ts';
import { Conv2DWithFusedTraining } from './fusedConv2DLayer.ts';
import type { KernelBuild } from './kernelModule.ts';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');

type Case = { name: string; input: [number, number, number, number]; filters: number; kernel: number; strides: number; padding: 'valid' | 'same'; activation: 'relu' | 'linear'; useBias: boolean };
const CASES: Case[] = [
  { name: "chapter 5's conv1", input: [6, 28, 28, 1], filters: 32, kernel: 3, strides: 1, padding: 'valid', activation: 'relu', useBias: true },
  { name: 'odd channels (a bias tail of 5)', input: [3, 9, 9, 3], filters: 5, kernel: 3, strides: 1, padding: 'valid', activation: 'relu', useBias: true },
  { name: 'stride 2, same', input: [2, 11, 11, 4], filters: 12, kernel: 3, strides: 2, padding: 'same', activation: 'relu', useBias: true },
  { name: 'no bias, 5×5', input: [2, 10, 10, 6], filters: 9, kernel: 5, strides: 1, padding: 'same', activation: 'relu', useBias: false },
];

function layerPair(c: Case): [tf.layers.Layer, tf.layers.Layer] {
  const args = { filters: c.filters, kernelSize: c.kernel, strides: c.strides, padding: c.padding, activation: c.activation, useBias: c.useBias, inputShape: c.input.slice(1) };
  const ours = new Conv2DWithFusedTraining(args);
  const tfjs = tf.layers.conv2d(args);
  ours.build(c.input);
  tfjs.build(c.input);
  // Seeded weights, and a bias that moves outputs across zero (relu's mask matters).
  const weights = ours.getWeights().map((w, i) => tf.tidy(() => tf.tensor(seededValues(w.size, 7 + i), w.shape).mul(i === 0 ? 1 : 0.5)));
  ours.setWeights(weights);
  tfjs.setWeights(weights);
  tf.dispose(weights);
  return [ours, tfjs];
}

/** A layer applied outside a model cannot be disposed as one: its weights are what hold memory. */
const disposeLayer = (layer: tf.layers.Layer) => layer.weights.forEach((w) => w.dispose());

/** y and the gradients of a seeded loss Σ y·r with respect to x, kernel and bias, and the kernels that ran. */
async function trainingPass(layer: tf.layers.Layer, c: Case): Promise<{ values: Float32Array[]; kernels: string[] }> {
  const initial = tf.tensor(seededValues(tf.util.sizeFromShape(c.input), 3), c.input);
  const x = tf.variable(initial, true);
  initial.dispose();
  const weights = layer.trainableWeights.map((w) => w.read() as tf.Variable);
  let y: tf.Tensor | null = null;
  let grads: tf.NamedTensorMap = {};
  const profile = await tf.profile(() => {
    const result = tf.variableGrads(() => tf.tidy(() => {
      const out = layer.apply(x) as tf.Tensor;
      y = tf.keep(out.clone());
      return out.mul(tf.tensor(seededValues(out.size, 11), out.shape)).sum() as tf.Scalar;
    }), [x, ...weights]);
    result.value.dispose();
    grads = result.grads;
  });
  const ordered = [y!, grads[x.name]!, ...weights.map((w) => grads[w.name]!)];
  const values = await Promise.all(ordered.map(async (t) => (await t.data()) as Float32Array));
  tf.dispose([...ordered, x]);
  return { values, kernels: profile.kernels.map((k) => k.name) };
}

/** Our layer trains as tfjs' own does, without the fused kernel. */
async function expectTfjsOwnLayer(c: Case): Promise<void> {
  const [ours, tfjs] = layerPair(c);
  const fused = await trainingPass(ours, c);
  expect(fused.kernels).not.toContain(FUSED_CONV_KERNEL);
  expect(fused.values).toEqual((await trainingPass(tfjs, c)).values);
  disposeLayer(ours);
  disposeLayer(tfjs);
}

describe.each(['relaxed', 'plain'] as KernelBuild[])('the fused Conv2D on the %s build', (build) => {
  trainOnKernelBuild(build);

  it.each(CASES)('$name: output and all gradients equal tfjs\' Conv2D bit for bit, in one forward kernel', async (c) => {
    const before = tf.memory().numTensors;
    const [ours, tfjs] = layerPair(c);
    const fused = await trainingPass(ours, c);
    const plain = await trainingPass(tfjs, c);
    expect(fused.values).toEqual(plain.values);
    expect(fused.kernels.filter((k) => k === FUSED_CONV_KERNEL)).toHaveLength(1);
    expect(fused.kernels).not.toContain('Conv2D');
    expect(fused.kernels).not.toContain('Relu');
    expect(plain.kernels).not.toContain(FUSED_CONV_KERNEL);
    disposeLayer(ours);
    disposeLayer(tfjs);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('leaves a linear Conv2D to tfjs, which fuses that one itself', async () => {
    await expectTfjsOwnLayer({ ...CASES[2]!, activation: 'linear' });
  });

  it('predicts (no gradient recorded) with tfjs\' own layer, and saves as a plain Conv2D', async () => {
    const c = CASES[0]!;
    const [ours, tfjs] = layerPair(c);
    const x = tf.tensor(seededValues(tf.util.sizeFromShape(c.input), 5), c.input);
    const profile = await tf.profile(() => tf.dispose(ours.apply(x) as tf.Tensor));
    expect(profile.kernels.map((k) => k.name)).not.toContain(FUSED_CONV_KERNEL);
    expect(ours.getClassName()).toBe('Conv2D');
    expect({ ...ours.getConfig(), name: '' }).toEqual({ ...tfjs.getConfig(), name: '' });
    tf.dispose(x);
    disposeLayer(ours);
    disposeLayer(tfjs);
  });
});

describe('the fused Conv2D with our kernels off', () => {
  trainOnKernelBuild('off');

  it('is tfjs\' own layer', async () => {
    await expectTfjsOwnLayer(CASES[1]!);
  });
});
