import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRandom } from '../data/batching.ts';
import { BOOK_TRAINING } from '../domain/defaults.ts';
import type { DatasetInfo, HeldDataset } from '../domain/datasets.ts';
import type { LayerSpec, ModelSpec } from '../domain/modelSpec.ts';
import type { WorkerEvent } from './protocol.ts';
import { FASHION_MNIST_INFO } from '../domain/datasets.ts';
import { checkCounts, checkHeld, ShippedDatasets } from './runData.ts';
import { runTraining } from './trainingRun.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const INFO: DatasetInfo = {
  id: 'your-images',
  title: 'Shapes',
  inputShape: [12, 10, 3],
  classNames: ['red', 'green', 'blue'],
  source: 'made by this test',
  drawable: false,
  trainCount: 90,
  testCount: 30,
};

/** Images whose one lit channel is their class, with noise: a small net tells them apart within a few epochs. */
function colourImages(count: number, seed: number): { images: Uint8Array; labels: Uint8Array } {
  const random = createRandom(seed);
  const pixels = 12 * 10 * 3;
  const images = new Uint8Array(count * pixels);
  const labels = Uint8Array.from({ length: count }, (_, i) => i % 3);
  labels.forEach((label, i) => {
    for (let p = 0; p < pixels; p++) images[i * pixels + p] = Math.floor(random() * 80) + (p % 3 === label ? 150 : 0);
  });
  return { images, labels };
}

function held(): HeldDataset {
  const train = colourImages(90, 1);
  const test = colourImages(30, 2);
  return { info: INFO, trainImages: train.images, trainLabels: train.labels, testImages: test.images, testLabels: test.labels };
}

const LAYERS: readonly LayerSpec[] = [
  { type: 'Conv2D', filters: 4, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', activation: 'relu' },
  { type: 'Flatten' },
  { type: 'Dense', units: 3, activation: 'softmax' },
];
const SPEC: ModelSpec = { layers: LAYERS, training: { ...BOOK_TRAINING, trainSize: 90, testSize: 30, batchSize: 10, epochs: 4, learningRate: 0.01 } };

describe('a run on arrays the page holds', () => {
  it('trains a 12×10×3 model on 3 classes and scores it on the test set, probabilities 3 a image', { timeout: 60_000 }, async () => {
    const checked = checkHeld(held());
    if (!checked.ok) throw new Error(checked.message);
    const events: WorkerEvent[] = [];
    const control = { stopRequested: () => false, pauseRequested: () => false, waitForResume: async () => {} };
    await runTraining({ runId: 1, spec: SPEC, dataset: checked.dataset, seed: 3, emit: (e) => events.push(e), control, flushIntervalMs: 0 });
    const finished = events.find((e) => e.type === 'run-finished');
    if (finished?.type !== 'run-finished') throw new Error(`no result: ${JSON.stringify(events.find((e) => e.type === 'run-failed'))}`);
    expect(finished.evaluation.probabilities.length).toBe(30 * 3);
    expect(finished.evaluation.images.length).toBe(30 * 12 * 10 * 3);
    expect(finished.test.accuracy).toBeGreaterThan(0.6);
  });

  it('refuses arrays whose sizes disagree, labels past the last class, and runs asking for more images than there are', () => {
    const data = held();
    expect(checkHeld({ ...data, testImages: data.testImages.subarray(1) })).toEqual({ ok: false, message: 'The test images (10799 bytes) are not 30 images of 360 bytes.' });
    expect(checkHeld({ ...data, trainLabels: Uint8Array.from(data.trainLabels, () => 3) })).toMatchObject({ ok: false, message: 'A training label is not one of the 3 classes.' });
    const checked = checkHeld(data);
    if (!checked.ok) throw new Error(checked.message);
    expect(checkCounts(checked.dataset, { ...SPEC, training: { ...SPEC.training, trainSize: 91 } }, 'Shapes')).toEqual({ ok: false, message: 'Shapes has 90 training images; this run asks for 91: lower Training images or Test images under Train.' });
    expect(checkCounts(checked.dataset, SPEC, 'Shapes').ok).toBe(true);
  });
});

describe('a shipped dataset the worker downloads', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('says by name when it cannot be downloaded, and tries again on the next run rather than keeping the failure', async () => {
    const fetch = vi.fn(async () => new Response('missing', { status: 404 }));
    vi.stubGlobal('fetch', fetch);
    const shipped = new ShippedDatasets(() => {});
    const source = { kind: 'shipped', info: FASHION_MNIST_INFO, url: 'http://localhost/fashion-mnist/' } as const;
    expect(await shipped.load(source)).toEqual({ ok: false, message: 'Fashion-MNIST manifest could not be downloaded (HTTP 404).' });
    await shipped.load(source);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('refuses a manifest that lists MNIST’s files where Fashion-MNIST’s should be', async () => {
    // Read when the test runs (npm run prepare-data writes it), not imported: a fresh clone has no public/mnist/ to typecheck.
    const mnistManifest: unknown = JSON.parse(readFileSync(new URL('../../public/mnist/manifest.json', import.meta.url), 'utf8'));
    vi.stubGlobal('fetch', vi.fn(async () => Response.json(mnistManifest)));
    const shipped = new ShippedDatasets(() => {});
    const result = await shipped.load({ kind: 'shipped', info: FASHION_MNIST_INFO, url: 'http://localhost/fashion-mnist/' });
    expect(result).toEqual({ ok: false, message: 'Fashion-MNIST data is unusable: trainImages has an unexpected SHA-256 in manifest.json.' });
  });
});
