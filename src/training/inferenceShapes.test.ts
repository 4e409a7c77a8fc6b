import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHAPTER5_LAYERS } from '../domain/defaults.ts';
import type { LayerSpec } from '../domain/modelSpec.ts';
import { buildModel } from './buildModel.ts';
import { predictDigit } from './inference.ts';

/** The book's convnet ending in Dense(3), as the page trains it on a three-class dataset. */
const THREE_CLASSES: LayerSpec[] = CHAPTER5_LAYERS.map((layer, i) => (i === CHAPTER5_LAYERS.length - 1 && layer.type === 'Dense' ? { ...layer, units: 3 } : layer));

describe('reading a test image of the model’s own input shape (the pad’s "pick a test image")', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('reads a 32×32 colour image with a model built for it: three probabilities and its maps, leaking nothing', async () => {
    const model = buildModel(THREE_CLASSES, 2, [32, 32, 3]);
    const image = Float32Array.from({ length: 32 * 32 * 3 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const before = tf.memory().numTensors;
    const { probabilities, featureMaps } = await predictDigit(model, image, true);
    expect(tf.memory().numTensors).toBe(before);
    expect(probabilities).toHaveLength(3);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(featureMaps?.[0]).toMatchObject({ layerName: 'conv2d_1', height: 30, width: 30, channels: 32 });
    model.dispose();
  });

  it('refuses an image of another size by name, leaking nothing', async () => {
    const model = buildModel(THREE_CLASSES, 2, [32, 32, 3]);
    const before = tf.memory().numTensors;
    await expect(predictDigit(model, new Float32Array(784), false)).rejects.toThrow('it reads 32×32×3 images, and this one has 784 values');
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
