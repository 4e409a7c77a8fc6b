import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAPTER5_LAYERS } from '../domain/defaults.ts';
import { validateModelFiles } from '../domain/keras/modelFiles.ts';
import { buildModel } from './buildModel.ts';
import { scaledByTfjsOps } from './featureMapOracle.fixture.ts';
import { artifactsOf, firstLayerFilters, modelFromArtifacts, predictDigit } from './inference.ts';

const digit = Float32Array.from({ length: 784 }, (_, i) => (Math.floor(i / 28) > 6 && Math.floor(i / 28) < 22 && i % 28 > 12 && i % 28 < 16 ? 1 : 0));

describe('reading one digit', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('gives ten probabilities and the maps of every conv and pooling layer, named as the summary names them, leaking nothing', async () => {
    const model = buildModel(CHAPTER5_LAYERS, 3);
    const before = tf.memory().numTensors;
    const { probabilities, featureMaps } = await predictDigit(model, digit, true);
    expect(tf.memory().numTensors).toBe(before);
    expect(probabilities).toHaveLength(10);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(featureMaps?.map((m) => [m.layerName, m.layerType, m.height, m.width, m.channels])).toEqual([
      ['conv2d_1', 'Conv2D', 26, 26, 32],
      ['max_pooling2d_1', 'MaxPooling2D', 13, 13, 32],
      ['conv2d_2', 'Conv2D', 11, 11, 64],
      ['max_pooling2d_2', 'MaxPooling2D', 5, 5, 64],
      ['conv2d_3', 'Conv2D', 3, 3, 64],
    ]);
    const first = featureMaps![0]!;
    expect(first.pixels).toHaveLength(32 * 26 * 26);
    // Each channel is scaled to its own range: where the channel varies, 0 and 255 both occur.
    const channel = first.pixels.subarray(0, 26 * 26);
    expect(Math.max(...channel)).toBe(255);
    expect(Math.min(...channel)).toBe(0);
    // Probabilities alone skip the maps.
    expect((await predictDigit(model, digit, false)).featureMaps).toBeNull();
    model.dispose();
  });

  it('shows the first layer filters only when the model starts with a Conv2D on the image', async () => {
    const model = buildModel(CHAPTER5_LAYERS, 3);
    const filters = await firstLayerFilters(model);
    expect(filters && [filters.count, filters.height, filters.width, filters.pixels.length]).toEqual([32, 3, 3, 288]);
    model.dispose();
    const dense = buildModel([{ type: 'Flatten' }, { type: 'Dense', units: 10, activation: 'softmax' }], 3);
    expect(await firstLayerFilters(dense)).toBeNull();
    dense.dispose();
  });

  it('saves a model as artifacts that pass the upload checks and load back to the same answers', async () => {
    const model = buildModel(CHAPTER5_LAYERS, 5);
    const artifacts = await artifactsOf(model);
    expect(artifacts.weightData.byteLength).toBe(93_322 * 4);
    const modelJson = JSON.stringify({
      modelTopology: artifacts.modelTopology,
      weightsManifest: [{ paths: ['./w.bin'], weights: artifacts.weightSpecs }],
    });
    const checked = validateModelFiles({ modelJson, weightsFiles: [{ name: 'w.bin', bytes: artifacts.weightData }] });
    expect(checked.ok).toBe(true);
    const loaded = await modelFromArtifacts(artifacts);
    const [a, b] = await Promise.all([predictDigit(model, digit, false), predictDigit(loaded, digit, false)]);
    expect(Array.from(b.probabilities)).toEqual(Array.from(a.probabilities));
    model.dispose();
    loaded.dispose();
  });
});

describe('reading one digit on tfjs-wasm, as the worker does', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('gives each layer the maps and the filters that the former tfjs ops made from its real output', async () => {
    const model = buildModel(CHAPTER5_LAYERS, 7);
    const { featureMaps } = await predictDigit(model, digit, true);
    let x: tf.Tensor = tf.tensor4d(digit, [1, 28, 28, 1]);
    for (const [index, layer] of model.layers.entries()) {
      const next = layer.apply(x, { training: false }) as tf.Tensor;
      x.dispose();
      x = next;
      const map = featureMaps!.find((m) => m.layerIndex === index);
      if (map) expect(Array.from(map.pixels), map.layerName).toEqual(Array.from(await scaledByTfjsOps(tf.squeeze<tf.Tensor3D>(x, [0]))));
    }
    x.dispose();
    expect(featureMaps).toHaveLength(5);
    const kernel = model.layers[0]!.getWeights()[0]!;
    const expected = await scaledByTfjsOps(tf.squeeze<tf.Tensor3D>(kernel, [2]));
    expect(Array.from((await firstLayerFilters(model))!.pixels)).toEqual(Array.from(expected));
    model.dispose();
  });

  it('leaves no tensor behind over many readings, with maps and without', async () => {
    const model = buildModel(CHAPTER5_LAYERS, 7);
    await predictDigit(model, digit, true);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) {
      await predictDigit(model, digit, i % 2 === 0);
      await firstLayerFilters(model);
    }
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
