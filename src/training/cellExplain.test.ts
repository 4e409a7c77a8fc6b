/**
 * The explained arithmetic (domain/explain) against tfjs' own activations: on seeded random models of every layer
 * type the editor offers, each conv, pooling and dense cell's explained value equals what tfjs computed.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../data/batching.ts';
import { CHAPTER5_LAYERS } from '../domain/defaults.ts';
import { imageThenFlatRecipe, randomLayers } from '../domain/randomLayers.ts';
import { buildModel } from './buildModel.ts';
import { explainCell } from './cellExplain.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => tf.disposeVariables());

const random = createRandom(170_017);
const digit = Float32Array.from({ length: 784 }, () => (random() < 0.3 ? random() : 0));
const ARCHITECTURES = Array.from({ length: 30 }, () => randomLayers(random, imageThenFlatRecipe({ maxFilters: 6 })));

/** Random weights everywhere, biases included (a fresh model's are zero, which would hide a bias left out). */
function randomiseWeights(model: tf.LayersModel, seed: number): void {
  model.layers.forEach((layer, i) => {
    const weights = layer.getWeights();
    // BatchNormalization's fourth weight is its moving variance, which must stay positive.
    const isVariance = (j: number) => layer.getClassName() === 'BatchNormalization' && j === 3;
    layer.setWeights(weights.map((w, j) => tf.randomUniform(w.shape, isVariance(j) ? 0.5 : -0.5, isVariance(j) ? 1.5 : 0.5, 'float32', seed + i * 10 + j)));
  });
}

/** Up to `count` positions of a layer's output, spread over it corners included. */
function samplePositions(shape: readonly (number | null)[], count: number): number[][] {
  const dims = shape.slice(1).map((d) => d ?? 1);
  return Array.from({ length: count }, (_, k) => dims.map((d) => (k === 0 ? 0 : k === 1 ? d - 1 : Math.floor(random() * d))));
}

describe('an explained cell equals the model’s own value', () => {
  it.each(ARCHITECTURES.map((layers, i) => [i, layers.map((l) => l.type).join(' → '), layers] as const))('#%i %s', async (i, _types, layers) => {
    const model = buildModel(layers, 100 + i);
    randomiseWeights(model, 1000 * i);
    const before = tf.memory().numTensors;
    let checked = 0;
    try {
      for (const [index, layer] of model.layers.entries()) {
        const type = layer.getClassName();
        const shape = layer.outputShape as (number | null)[];
        for (const position of samplePositions(shape, 4)) {
          const answer = await explainCell(model, digit, index, position);
          if (!['Conv2D', 'MaxPooling2D', 'AveragePooling2D', 'Dense'].includes(type) || (type === 'Dense' && shape.length !== 2)) {
            expect(answer.ok).toBe(false);
            continue;
          }
          if (!answer.ok) throw new Error(answer.message);
          const { explanation, modelValue } = answer;
          expect(explanation.value).toBeCloseTo(modelValue, 4);
          if (explanation.kind !== 'pool') expect(explanation.preActivation).toBeCloseTo(explanation.productSum + explanation.bias, 6);
          checked++;
        }
      }
    } finally {
      model.dispose();
    }
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
    expect(checked).toBeGreaterThan(0);
  });

  it('on the chapter-5 model, every cell of the first conv layer, its window read from the image', async () => {
    const model = buildModel(CHAPTER5_LAYERS, 3);
    randomiseWeights(model, 5);
    try {
      const answer = await explainCell(model, digit, 0, [12, 20, 5]);
      if (!answer.ok) throw new Error(answer.message);
      expect(answer.source).toMatchObject({ layerIndex: -1, layerName: 'input', height: 28, width: 28, channels: 1 });
      const { explanation } = answer;
      if (explanation.kind !== 'conv') throw new Error('not a conv explanation');
      expect(explanation.window).toEqual({ top: 12, left: 20, height: 3, width: 3 });
      expect(explanation.channels[0]?.inputs).toEqual([0, 1, 2].flatMap((dy) => [0, 1, 2].map((dx) => digit[(12 + dy) * 28 + 20 + dx])));
      // The softmax at the end: logits → exponentials → probabilities, the unit's probability as tfjs gives it.
      const last = await explainCell(model, digit, -1, [3]);
      if (!last.ok || last.explanation.kind !== 'dense') throw new Error('no dense explanation');
      expect(last.explanation.softmax?.probabilities[3]).toBeCloseTo(last.modelValue, 6);
      expect(last.explanation.softmax?.probabilities.reduce((a, b) => a + b)).toBeCloseTo(1, 6);
    } finally {
      model.dispose();
    }
  });

  it('says plainly why a layer or a cell has no explanation', async () => {
    const model = buildModel([{ type: 'Conv2D', filters: 2, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', activation: 'relu' }, { type: 'BatchNormalization' }, { type: 'Dropout', rate: 0.5 }, { type: 'Flatten' }, { type: 'Dense', units: 10, activation: 'softmax' }]);
    try {
      const messages = await Promise.all([1, 2, 3].map(async (index) => explainCell(model, digit, index, [0, 0, 0])));
      expect(messages.map((m) => (m.ok ? '' : m.message.split(':')[0]))).toEqual(['batch_normalization_1', 'dropout_1', 'flatten_1']);
      expect(await explainCell(model, digit, 9, [0, 0, 0])).toMatchObject({ ok: false, message: expect.stringContaining('no layer 10') });
      expect(await explainCell(model, digit, 0, [26, 0, 0])).toMatchObject({ ok: false, message: expect.stringContaining('no cell at (26, 0, 0)') });
      expect(await explainCell(model, digit, 0, [0, 0])).toMatchObject({ ok: false });
    } finally {
      model.dispose();
    }
  });

  it('refuses an uploaded model’s activation it cannot show step by step, naming it', async () => {
    const model = tf.sequential({ layers: [tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 2, kernelSize: 3, activation: 'elu' }), tf.layers.flatten(), tf.layers.dense({ units: 10, activation: 'softmax' })] });
    try {
      expect(await explainCell(model, digit, 0, [0, 0, 0])).toEqual({ ok: false, message: 'conv2d_1: its activation elu is not one this page can show step by step.' });
      expect((await explainCell(model, digit, -1, [0])).ok).toBe(true);
    } finally {
      model.dispose();
    }
  });
});
