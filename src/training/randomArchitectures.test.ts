/**
 * analyzeModel's shapes and parameter counts against tfjs (cpu backend in Node) on 60 seeded random architectures
 * of every layer type, with the trainable / non-trainable split that BatchNormalization introduces.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../data/batching.ts';
import { analyzeModel } from '../spec/analysis.ts';
import type { Activation, LayerSpec, LayerType, Padding, Pair } from '../spec/types.ts';
import { buildModel } from './buildModel.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => tf.disposeVariables());

const ARCHITECTURE_COUNT = 60;
const ACTIVATIONS: readonly Activation[] = ['relu', 'softmax', 'sigmoid', 'tanh', 'linear'];
// A Record, so a new LayerType that the generator does not draw fails to compile here.
const EVERY_LAYER_TYPE = Object.keys({
  Conv2D: true,
  MaxPooling2D: true,
  AveragePooling2D: true,
  Flatten: true,
  Dense: true,
  Dropout: true,
  BatchNormalization: true,
} satisfies Record<LayerType, true>) as LayerType[];

/** analyzeModel accepts Flatten on a flat input, but tfjs refuses it (Flatten needs rank 3 with the batch axis). */
function buildsInTfjs(layers: readonly LayerSpec[]): boolean {
  const analysis = analyzeModel(layers);
  return analysis.ok && layers.every((layer, i) => layer.type !== 'Flatten' || i === 0 || (analysis.rows[i - 1]?.outputShape.length ?? 0) > 1);
}

/** Image layers (Dense included, which acts on the channels), then Flatten, then flat layers, then Dense(10). */
function randomArchitecture(random: () => number): LayerSpec[] {
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  const pair = (hi: number): Pair => [int(1, hi), int(1, hi)];
  const padding = (): Padding => pick(['valid', 'same']);
  const conv = (): LayerSpec => ({ type: 'Conv2D', filters: int(1, 12), kernelSize: pair(5), strides: pair(3), padding: padding(), activation: pick(ACTIVATIONS) });
  const pool = (): LayerSpec => ({ type: pick(['MaxPooling2D', 'AveragePooling2D'] as const), poolSize: pair(4), strides: random() < 0.3 ? null : pair(3), padding: padding() });
  const dense = (maxUnits: number): LayerSpec => ({ type: 'Dense', units: int(1, maxUnits), activation: pick(ACTIVATIONS) });
  const dropout = (): LayerSpec => ({ type: 'Dropout', rate: int(0, 90) / 100 });
  const batchNorm = (): LayerSpec => ({ type: 'BatchNormalization' });

  const layers: LayerSpec[] = [];
  // A layer that does not fit (a window larger than a valid-padded input) is dropped and the next one drawn.
  const add = (layer: LayerSpec) => {
    layers.push(layer);
    if (!buildsInTfjs(layers)) layers.pop();
  };
  for (let i = int(1, 6); i > 0; i--) add(pick([conv, conv, conv, pool, pool, batchNorm, dropout, () => dense(6)])());
  add({ type: 'Flatten' });
  for (let i = int(0, 3); i > 0; i--) add(pick([() => dense(32), dropout, batchNorm])());
  add({ type: 'Dense', units: 10, activation: 'softmax' });
  return layers;
}

const random = createRandom(7_031_999);
const ARCHITECTURES = Array.from({ length: ARCHITECTURE_COUNT }, () => randomArchitecture(random));

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
