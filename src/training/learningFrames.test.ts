import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MnistDataset } from '../data/loadMnist.ts';
import { BOOK_TRAINING } from '../domain/defaults.ts';
import type { LayerSpec } from '../domain/modelSpec.ts';
import type { LearningFrame, WorkerEvent } from './protocol.ts';
import { runTraining } from './trainingRun.ts';
import { readPackageMnist } from './trainingFixtures.fixture.ts';

let dataset: MnistDataset;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dataset = readPackageMnist();
});

const LAYERS: readonly LayerSpec[] = [
  { type: 'Conv2D', filters: 4, kernelSize: [3, 3], strides: [2, 2], padding: 'valid', activation: 'relu' },
  { type: 'MaxPooling2D', poolSize: [2, 2], strides: null, padding: 'valid' },
  { type: 'Flatten' },
  { type: 'Dense', units: 10, activation: 'softmax' },
];

async function framesOf(watching: boolean): Promise<LearningFrame[]> {
  const events: WorkerEvent[] = [];
  const training = { ...BOOK_TRAINING, trainSize: 256, validationSplit: 0, batchSize: 32, epochs: 2, testSize: 32 };
  await runTraining({
    runId: 3, spec: { layers: LAYERS, training }, dataset, seed: 5, emit: (e) => events.push(e), flushIntervalMs: 0,
    control: { stopRequested: () => false, pauseRequested: () => false, waitForResume: async () => {} },
    watchLearning: () => watching,
  });
  return events.flatMap((e) => (e.type === 'learning-frame' ? [e.frame] : []));
}

describe('watching a run learn', () => {
  it('sends the filters and the fixed test digit’s maps before training and after each epoch, and they change', { timeout: 60_000 }, async () => {
    const frames = await framesOf(true);
    expect(frames.map((f) => [f.epoch, f.step])).toEqual([[0, 0], [1, 8], [2, 16]]);
    expect(frames.map((f) => f.digit.label)).toEqual([7, 7, 7]);
    expect(frames.every((f) => f.computeMs > 0)).toBe(true);
    expect(frames[0]?.featureMaps.map((m) => [m.layerName, m.layerIndex, m.channels])).toEqual([['conv2d_1', 0, 4], ['max_pooling2d_1', 1, 4]]);
    const filters = frames.map((f) => Array.from(f.filters?.pixels ?? []));
    expect(filters[0]).toHaveLength(4 * 9);
    expect(filters[1]).not.toEqual(filters[0]);
    expect(filters[2]).not.toEqual(filters[1]);
  });

  it('sends nothing when the page is not watching', { timeout: 60_000 }, async () => {
    expect(await framesOf(false)).toEqual([]);
  });
});
