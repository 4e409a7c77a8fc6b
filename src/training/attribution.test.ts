/**
 * Attribution maps on toy models whose answer is known: a model that reads only the left part of the image must put
 * nothing on the right; Grad-CAM is its channel maps weighted by their mean gradients. No tensor outlives a call.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../data/batching.ts';
import { ATTRIBUTION_METHODS } from '../domain/explain/explanations.ts';
import { attribute, OCCLUSION_PATCH } from './attribution.ts';
import { buildModel } from './buildModel.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => tf.disposeVariables());

const random = createRandom(17);
/** Ink all over the image, so a method that wrongly spreads onto the right half has something to show there. */
const inkEverywhere = Float32Array.from({ length: 784 }, () => 0.2 + 0.8 * random());
const READ_COLUMNS = 12;

/** Flatten → Dense(10, softmax) whose weights from columns ≥ 12 are zero: it reads only the left 12 columns. */
function leftReader(): tf.LayersModel {
  const model = buildModel([{ type: 'Flatten' }, { type: 'Dense', units: 10, activation: 'softmax' }], 4);
  const dense = model.layers[1]!;
  const kernel = Float32Array.from({ length: 784 * 10 }, (_, i) => (Math.floor(i / 10) % 28 < READ_COLUMNS ? random() - 0.5 : 0));
  dense.setWeights([tf.tensor2d(kernel, [784, 10]), tf.zeros([10])]);
  return model;
}

/** Columns of the 28×28 map where any value is not zero. */
const columnsWithAttribution = (values: Float32Array) => new Set(Array.from(values.entries()).filter(([, v]) => v !== 0).map(([i]) => i % 28));

describe('a model that reads only the left of the image', () => {
  it('gets no gradient × input or integrated gradients on the right', async () => {
    const model = leftReader();
    for (const method of ['gradient-input', 'integrated-gradients'] as const) {
      const answer = await attribute(model, inkEverywhere, method, 3);
      if (!answer.ok) throw new Error(answer.message);
      const columns = columnsWithAttribution(answer.values);
      expect(Math.max(...columns)).toBe(READ_COLUMNS - 1);
      expect(columns.size).toBe(READ_COLUMNS);
    }
    model.dispose();
  });

  it('gets no occlusion beyond a patch’s reach of what it reads', async () => {
    const model = leftReader();
    const answer = await attribute(model, inkEverywhere, 'occlusion', 3);
    if (!answer.ok) throw new Error(answer.message);
    // A 4-pixel patch that covers column 11 covers at most column 14: it is shared among all the pixels it covers.
    expect(Math.max(...columnsWithAttribution(answer.values))).toBeLessThan(READ_COLUMNS + OCCLUSION_PATCH - 1);
    expect(Math.min(...columnsWithAttribution(answer.values))).toBe(0);
    model.dispose();
  });

  it('sums its integrated gradients to the change of the class’s logit from the blank pad (their completeness)', async () => {
    const model = leftReader();
    const answer = await attribute(model, inkEverywhere, 'integrated-gradients', 5);
    if (!answer.ok) throw new Error(answer.message);
    const logit = (pixels: Float32Array) => tf.tidy(() => tf.tensor2d(pixels, [1, 784]).matMul(model.layers[1]!.getWeights()[0]!).dataSync()[5] ?? 0);
    const total = answer.values.reduce((a, b) => a + b, 0);
    // A linear model: the path's gradient is constant, so the sum is exact up to float error.
    expect(total).toBeCloseTo(logit(inkEverywhere) - logit(new Float32Array(784)), 3);
    model.dispose();
  });
});

describe('Grad-CAM', () => {
  /** A 1×1 Conv2D copying the image into channel 0 and its negative into channel 1, then a Dense reading channel 0 only. */
  function channelZeroReader(): tf.LayersModel {
    const model = buildModel([
      { type: 'Conv2D', filters: 2, kernelSize: [1, 1], strides: [1, 1], padding: 'valid', activation: 'linear' },
      { type: 'Flatten' },
      { type: 'Dense', units: 10, activation: 'softmax' },
    ]);
    model.layers[0]!.setWeights([tf.tensor4d([1, -1], [1, 1, 1, 2]), tf.zeros([2])]);
    const kernel = Float32Array.from({ length: 784 * 2 * 10 }, (_, i) => (Math.floor(i / 10) % 2 === 0 && Math.floor(i / 20) % 28 < READ_COLUMNS ? 0.5 : 0));
    model.layers[2]!.setWeights([tf.tensor2d(kernel, [784 * 2, 10]), tf.zeros([10])]);
    return model;
  }

  it('is the read channel’s map weighted by its mean gradient, which lights the right half the model never reads', async () => {
    const model = channelZeroReader();
    const answer = await attribute(model, inkEverywhere, 'grad-cam', 0);
    if (!answer.ok) throw new Error(answer.message);
    // α₀ = mean gradient of the logit over channel 0 = 0.5 · 12/28; α₁ = 0: the map is α₀ × the image, everywhere.
    const alpha = (0.5 * READ_COLUMNS) / 28;
    answer.values.forEach((value, i) => expect(value).toBeCloseTo(alpha * (inkEverywhere[i] ?? 0), 4));
    model.dispose();
  });

  it('is refused, with the reason, for a model without a Conv2D', async () => {
    const model = leftReader();
    expect(await attribute(model, inkEverywhere, 'grad-cam', null)).toMatchObject({ ok: false, message: expect.stringContaining('has none') });
    model.dispose();
  });
});

describe('every method', () => {
  it('answers for the model’s own answer when no class is asked, and leaks no tensor', async () => {
    const model = buildModel([
      { type: 'Conv2D', filters: 4, kernelSize: [3, 3], strides: [2, 2], padding: 'valid', activation: 'relu' },
      { type: 'MaxPooling2D', poolSize: [2, 2], strides: null, padding: 'valid' },
      { type: 'Flatten' },
      { type: 'Dense', units: 10, activation: 'softmax' },
    ]);
    const best = tf.tidy(() => (model.predict(tf.tensor4d(inkEverywhere, [1, 28, 28, 1])) as tf.Tensor).argMax(1).dataSync()[0]);
    for (const method of ATTRIBUTION_METHODS) {
      const before = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) {
        const answer = await attribute(model, inkEverywhere, method, null);
        if (!answer.ok) throw new Error(answer.message);
        expect(answer.targetClass).toBe(best);
        expect(answer.values).toHaveLength(784);
        expect(answer.values.every(Number.isFinite)).toBe(true);
      }
      expect(tf.memory().numTensors).toBe(before);
    }
    model.dispose();
  });

  it('refuses a drawing of the wrong size or a class the model does not have', async () => {
    const model = leftReader();
    expect(await attribute(model, new Float32Array(10), 'gradient-input', null)).toMatchObject({ ok: false });
    expect(await attribute(model, inkEverywhere, 'gradient-input', 10)).toMatchObject({ ok: false, message: 'The model has no class 10.' });
    model.dispose();
  });
});
