/**
 * analyzeModel's shapes and parameter counts against tfjs (cpu backend in Node) on 60 seeded random architectures
 * of every layer type, with the trainable / non-trainable split that BatchNormalization introduces.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../data/batching.ts';
import { analyzeModel } from '../domain/analysis.ts';
import { imageThenFlatRecipe, randomLayers } from '../domain/randomLayers.ts';
import { LAYER_TYPES, type LayerType } from '../domain/modelSpec.ts';
import { buildModel } from './buildModel.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => tf.disposeVariables());

const ARCHITECTURE_COUNT = 60;
/** Every layer type must be drawn by the generator below (the test checks it). */
const EVERY_LAYER_TYPE = LAYER_TYPES;

const IMAGE_THEN_FLAT = imageThenFlatRecipe({ maxFilters: 12 });

const random = createRandom(7_031_999);
const ARCHITECTURES = Array.from({ length: ARCHITECTURE_COUNT }, () => randomLayers(random, IMAGE_THEN_FLAT));

// Weight shapes have no unknown (null) axes.
const weightCount = (weights: readonly tf.LayerVariable[]) => weights.reduce((sum, w) => sum + tf.util.sizeFromShape(w.shape as number[]), 0);

describe(`${ARCHITECTURE_COUNT} random architectures: shapes and parameters equal tfjs`, () => {
  it.each(ARCHITECTURES.map((layers, i) => [i, layers.map((layer) => layer.type).join(' → '), layers] as const))(
    '#%i %s',
    (_i, _types, layers) => {
      const analysis = analyzeModel(layers);
      if (!analysis.ok) throw new Error(`the generator made an invalid model: ${analysis.message}`);
      const tensorsBefore = tf.memory().numTensors;
      const model = buildModel(layers);
      try {
        expect(analysis.rows.map((row) => [...row.outputShape])).toEqual(model.layers.map((layer) => (layer.outputShape as (number | null)[]).slice(1)));
        expect(analysis.rows.map((row) => row.params)).toEqual(model.layers.map((layer) => layer.countParams()));
        expect(analysis.rows.map((row) => row.trainableParams)).toEqual(model.layers.map((layer) => weightCount(layer.trainableWeights)));
        expect(analysis.totalParams).toBe(model.countParams());
        expect(analysis.trainableParams).toBe(weightCount(model.trainableWeights));
        expect(analysis.nonTrainableParams).toBe(weightCount(model.nonTrainableWeights));
      } finally {
        model.dispose();
      }
      expect(tf.memory().numTensors).toBe(tensorsBefore);
    },
  );
});

describe('the random architectures cover', () => {
  const layers = ARCHITECTURES.flat();
  const windowed = layers.flatMap((layer) => (layer.type === 'Conv2D' || layer.type === 'MaxPooling2D' || layer.type === 'AveragePooling2D' ? [layer] : []));
  /** The rank of each layer's input, without the batch axis, by layer type. */
  const inputRanks = (type: LayerType) =>
    new Set(
      ARCHITECTURES.flatMap((architecture) => {
        const analysis = analyzeModel(architecture);
        if (!analysis.ok) return [];
        return architecture.flatMap((layer, i) => (layer.type === type ? [i === 0 ? 3 : (analysis.rows[i - 1]?.outputShape.length ?? 0)] : []));
      }),
    );

  it('every layer type', () => {
    expect(new Set(layers.map((layer) => layer.type))).toEqual(new Set(EVERY_LAYER_TYPE));
  });

  it('both paddings for convolution and for pooling', () => {
    for (const isConv of [true, false]) {
      expect(new Set(windowed.filter((layer) => (layer.type === 'Conv2D') === isConv).map((layer) => layer.padding))).toEqual(new Set(['valid', 'same']));
    }
  });

  it('strides 1, 2 and 3, non-square ones, and pooling with strides None', () => {
    const strides = windowed.flatMap((layer) => (layer.strides ? [layer.strides] : []));
    expect(new Set(strides.flat())).toEqual(new Set([1, 2, 3]));
    expect(strides.some(([h, w]) => h !== w)).toBe(true);
    expect(windowed.some((layer) => layer.type !== 'Conv2D' && layer.strides === null)).toBe(true);
  });

  it('Dense and BatchNormalization on both image and flat inputs', () => {
    expect(inputRanks('Dense')).toEqual(new Set([3, 1]));
    expect(inputRanks('BatchNormalization')).toEqual(new Set([3, 1]));
  });
});
