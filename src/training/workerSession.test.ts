import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, vi } from 'vitest';
import { CHAPTER5_LAYERS } from '../domain/defaults.ts';
import type { LayerSpec } from '../domain/modelSpec.ts';
import { buildModel } from './buildModel.ts';
import { artifactsOf } from './inference.ts';
import type { WorkerEvent } from './protocol.ts';
import { WorkerSession } from './workerSession.ts';

/** The book's convnet ending in Dense(3), as the page trains it on three classes of 32×32 colour images. */
const THREE_CLASSES: LayerSpec[] = CHAPTER5_LAYERS.map((layer, i) => (i === CHAPTER5_LAYERS.length - 1 && layer.type === 'Dense' ? { ...layer, units: 3 } : layer));
// Port 9 (discard) refuses at once: no data and no shipped model, which this test does not need.
const NOWHERE = 'http://127.0.0.1:9/';

describe("the worker's answer when a picked test image cannot be read", () => {
  const events: WorkerEvent[] = [];
  const session = new WorkerSession((event) => events.push(event));

  it('says the model could not read the image, not "the digit", with why', async () => {
    session.handle({ type: 'init', dataUrl: NOWHERE, backend: 'cpu', pretrainedUrl: `${NOWHERE}model.json` });
    const model = buildModel(THREE_CLASSES, 1, [32, 32, 3]);
    session.handle({ type: 'use-model', requestId: 1, name: 'shapes', artifacts: await artifactsOf(model) });
    model.dispose();
    await vi.waitFor(() => expect(events).toContainEqual(expect.objectContaining({ type: 'model-ready', slot: 'yours', requestId: 1 })), { timeout: 20_000 });
    // A 28×28 greyscale image (784 values) for a model that reads 32×32 colour ones.
    session.handle({ type: 'predict', requestId: 2, slot: 'yours', pixels: new Float32Array(784), featureMaps: false });
    await vi.waitFor(() => expect(events.find((event) => event.type === 'model-error' && event.requestId === 2)).toBeDefined(), { timeout: 20_000 });
    expect(events.find((event) => event.type === 'model-error' && event.requestId === 2)).toMatchObject({
      slot: 'yours',
      message: 'The model could not read the image: it reads 32×32×3 images, and this one has 784 values.',
    });
    expect(tf.getBackend()).toBe('cpu');
  }, 60_000);
});
