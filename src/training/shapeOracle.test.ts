/**
 * Our pure shape and parameter arithmetic against tfjs itself (cpu backend in Node) as the oracle:
 * the same architectures built with tf.layers must report the same output shapes and countParams().
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../data/batching.ts';
import { analyzeModel } from '../spec/analysis.ts';
import { CHAPTER5_LAYERS } from '../spec/defaults.ts';
import type { Activation, LayerSpec, Padding } from '../spec/types.ts';
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

const ACTIVATIONS: readonly Activation[] = ['relu', 'tanh', 'sigmoid', 'linear', 'softmax'];

/** A valid random architecture: image layers while the image is big enough, then Flatten and dense layers. */
function randomArchitecture(random: () => number): LayerSpec[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const layers: LayerSpec[] = [];
  let size = 28;
  const imageLayers = int(0, 4);
  for (let i = 0; i < imageLayers && size >= 3; i++) {
    const padding: Padding = pick(['valid', 'same']);
    if (random() < 0.6) {
      const k = int(1, Math.min(5, size));
      const stride = int(1, 2);
      layers.push({ type: 'Conv2D', filters: int(1, 24), kernelSize: [k, int(1, Math.min(5, size))], strides: [stride, int(1, 2)], padding, activation: pick(ACTIVATIONS) });
      const probe = analyzeModel(layers);
      if (!probe.ok) layers.pop();
    } else {
      const p = int(2, 3);
      layers.push({ type: 'MaxPooling2D', poolSize: [p, p], strides: random() < 0.5 ? null : [int(1, 3), int(1, 3)], padding });
      if (!analyzeModel(layers).ok) layers.pop();
    }
    if (random() < 0.2) layers.push({ type: 'Dropout', rate: Math.round(random() * 50) / 100 });
    const analysis = analyzeModel(layers);
    size = analysis.ok && analysis.rows.length > 0 ? Math.min(...(analysis.rows[analysis.rows.length - 1]?.outputShape.slice(0, 2) ?? [28])) : 28;
  }
  layers.push({ type: 'Flatten' });
  for (let i = int(0, 2); i > 0; i--) layers.push({ type: 'Dense', units: int(1, 64), activation: pick(ACTIVATIONS) });
  layers.push({ type: 'Dense', units: 10, activation: 'softmax' });
  return layers;
}

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

  const random = createRandom(20261128);
  const generated = Array.from({ length: 30 }, () => randomArchitecture(random));
  it.each(generated.map((layers, i) => [i, layers] as const))('random architecture #%i', (_i, layers) => expectMatchesTfjs([...layers]));
});
