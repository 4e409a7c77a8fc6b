// RMSprop's fused step gives, bit for bit, what tfjs' own RMSPropOptimizer gives, leaves no tensor behind, and keeps
// tfjs' state (names, getWeights/setWeights), so checkpoints and resumes are unchanged.
import v8 from 'node:v8';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { seededValues, trainOnKernelBuild } from '../kernelTesting.fixture.ts';
import type { KernelBuild } from './kernelModule.ts';
import { FusedRmsProp } from './rmsPropStep.ts';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');

// Sizes that are and are not multiples of the 4 lanes: a conv filter, a bias, an odd vector, a dense kernel.
const SHAPES = [[3, 3, 1, 32], [32], [7], [5, 13]];

/** Variables with seeded values, uniquely named per call, so both optimizers start from the same weights. */
function variables(tag: string): tf.Variable[] {
  return SHAPES.map((shape, i) => {
    const initial = tf.tensor(seededValues(tf.util.sizeFromShape(shape), 30 + i), shape);
    const variable = tf.variable(initial, true, `${tag}_${i}`);
    initial.dispose();
    return variable;
  });
}

/** `steps` updates with seeded gradients (large and tiny, so the root and the quotient matter); the weights' and slots' values after. */
async function train(optimizer: tf.Optimizer, tag: string, steps: number): Promise<Float32Array[]> {
  const weights = variables(tag);
  for (let step = 0; step < steps; step++) {
    const gradients = weights.map((w, i) => ({
      name: w.name,
      tensor: tf.tidy(() => tf.tensor(seededValues(w.size, 100 * step + i), w.shape).mul(step % 2 === 0 ? 3 : 1e-3)),
    }));
    optimizer.applyGradients(gradients);
    tf.dispose(gradients.map((g) => g.tensor));
  }
  const state = await optimizer.getWeights();
  const values = await Promise.all([...weights, ...state.slice(1).map((s) => s.tensor)].map(async (t) => (await t.data()) as Float32Array));
  expect(state.slice(1).map((s) => s.name)).toEqual([...weights.map((w) => `${w.name}/rms`), ...weights.map((w) => `${w.name}/momentum`)]);
  tf.dispose([...weights, ...state.map((s) => s.tensor)]);
  return values;
}

describe.each(['relaxed', 'plain'] as KernelBuild[])('RMSprop on the %s build', (build) => {
  trainOnKernelBuild(build);

  it.each([
    { learningRate: 0.001, momentum: 0 }, // the app's: Keras' RMSprop defaults
    { learningRate: 0.05, momentum: 0.5 },
  ])('its weights and slots equal tfjs\' RMSprop bit for bit over 6 steps (lr $learningRate, momentum $momentum)', async ({ learningRate, momentum }) => {
    const before = tf.memory().numTensors;
    const ours = new FusedRmsProp(learningRate, 0.9, momentum, 1e-7);
    const oursValues = await train(ours, `ours${build}${momentum}`, 6);
    ours.dispose();
    const tfjs = tf.train.rmsprop(learningRate, 0.9, momentum, 1e-7);
    const tfjsValues = await train(tfjs, `tfjs${build}${momentum}`, 6);
    tfjs.dispose();
    expect(oursValues).toEqual(tfjsValues);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('runs one kernel per weight, and a state saved from tfjs\' optimizer carries on equally in ours', async () => {
    const fused = new FusedRmsProp(0.001, 0.9, 0, 1e-7);
    const weights = variables(`kernels${build}`);
    const gradients = weights.map((w, i) => ({ name: w.name, tensor: tf.tensor(seededValues(w.size, i), w.shape) }));
    fused.applyGradients(gradients); // the first step also makes the slots
    const profile = await tf.profile(() => fused.applyGradients(gradients));
    expect(profile.kernels.map((k) => k.name)).toEqual(weights.map(() => 'ConvnetRmsPropStep'));
    // tfjs' state in ours (as a checkpoint restores it), one more step each: the same weights.
    const tfjs = tf.train.rmsprop(0.001, 0.9, 0, 1e-7);
    const copies = variables(`copies${build}`);
    for (let step = 0; step < 2; step++) tfjs.applyGradients(copies.map((c, i) => ({ name: c.name, tensor: gradients[i]!.tensor })));
    const restored = new FusedRmsProp(0.001, 0.9, 0, 1e-7);
    await restored.setWeights(await tfjs.getWeights());
    restored.applyGradients(copies.map((c, i) => ({ name: c.name, tensor: gradients[i]!.tensor })));
    fused.applyGradients(gradients);
    for (const [i, w] of weights.entries()) expect(await copies[i]!.data()).toEqual(await w.data());
    tf.dispose([...weights, ...copies, ...gradients.map((g) => g.tensor)]);
    [fused, tfjs, restored].forEach((o) => o.dispose());
  });
});
