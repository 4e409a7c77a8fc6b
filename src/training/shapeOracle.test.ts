/**
 * Our pure shape and parameter arithmetic against tfjs itself (cpu backend in Node) as the oracle:
 * the same architectures built with tf.layers must report the same output shapes and countParams().
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeModel } from '../domain/analysis.ts';
import { CHAPTER5_LAYERS } from '../domain/defaults.ts';
import type { LayerSpec } from '../domain/modelSpec.ts';
import { buildModel } from './buildModel.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => tf.disposeVariables());

const HAND_PICKED: Record<string, LayerSpec[]> = {
  'chapter 5': [...CHAPTER5_LAYERS],
  'chapter 2 dense': [{ type: 'Flatten' }, { type: 'Dense', units: 512, activation: 'relu' }, { type: 'Dense', units: 10, activation: 'softmax' }],
  'same padding, stride 2': [
    { type: 'Conv2D', filters: 16, kernelSize: [5, 5], strides: [2, 2], padding: 'same', activation: 'relu' },
    { type: 'Conv2D', filters: 8, kernelSize: [3, 1], strides: [1, 2], padding: 'valid', activation: 'tanh' },
    { type: 'Flatten' },
    { type: 'Dense', units: 10, activation: 'softmax' },
  ],
  'pooling with own strides and same padding': [
    { type: 'MaxPooling2D', poolSize: [3, 3], strides: [2, 2], padding: 'same' },
    { type: 'MaxPooling2D', poolSize: [2, 3], strides: [1, 2], padding: 'valid' },
    { type: 'Flatten' },
    { type: 'Dropout', rate: 0.25 },
    { type: 'Dense', units: 10, activation: 'softmax' },
  ],
  'batch normalization and average pooling, same padding': [
    { type: 'Conv2D', filters: 16, kernelSize: [3, 3], strides: [1, 1], padding: 'same', activation: 'linear' },
    { type: 'BatchNormalization' },
    { type: 'AveragePooling2D', poolSize: [2, 2], strides: null, padding: 'valid' },
    { type: 'AveragePooling2D', poolSize: [3, 3], strides: [2, 2], padding: 'same' },
    { type: 'Flatten' },
    { type: 'Dense', units: 32, activation: 'relu' },
    { type: 'BatchNormalization' },
    { type: 'Dense', units: 10, activation: 'softmax' },
  ],
  'dense on an image': [{ type: 'Dense', units: 7, activation: 'sigmoid' }, { type: 'Flatten' }, { type: 'Dense', units: 10, activation: 'linear' }],
};

function expectMatchesTfjs(layers: LayerSpec[]) {
  const analysis = analyzeModel(layers);
  if (!analysis.ok) throw new Error(`generated an invalid model: ${analysis.message}`);
  const model = buildModel(layers);
  try {
    const tfShapes = model.layers.map((layer) => (layer.outputShape as (number | null)[]).slice(1));
    expect(analysis.rows.map((r) => [...r.outputShape])).toEqual(tfShapes);
    expect(analysis.rows.map((r) => r.params)).toEqual(model.layers.map((layer) => layer.countParams()));
    expect(analysis.totalParams).toBe(model.countParams());
  } finally {
    model.dispose();
  }
}

describe('shape and parameter arithmetic equals tfjs', () => {
  it.each(Object.entries(HAND_PICKED))('%s', (_name, layers) => expectMatchesTfjs(layers));
  // Seeded random architectures of every layer type: randomArchitectures.test.ts.
});
