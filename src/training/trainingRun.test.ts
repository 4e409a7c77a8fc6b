import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MnistDataset } from '../data/loadMnist.ts';
import { BOOK_TRAINING } from '../domain/defaults.ts';
import { predictClasses } from '../domain/evaluation.ts';
import type { LayerSpec, ModelSpec, TrainingSettings } from '../domain/modelSpec.ts';
import type { WorkerEvent, TrainingCheckpoint } from './protocol.ts';
import { runTraining, type RunSignals } from './trainingRun.ts';
import { eventsOfType, FREE_RUNNING, readPackageMnist } from './trainingFixtures.fixture.ts';

let dataset: MnistDataset;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dataset = readPackageMnist();
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

async function train(modelSpec: ModelSpec, control: RunSignals = FREE_RUNNING): Promise<WorkerEvent[]> {
  const events: WorkerEvent[] = [];
  await runTraining({ runId: 7, spec: modelSpec, dataset, seed: 42, emit: (e) => events.push(e), control, flushIntervalMs: 0 });
  return events;
}


describe('runTraining on real MNIST (cpu backend)', () => {
  it('learns: the loss falls, validation and test results arrive, in order', { timeout: 120_000 }, async () => {
    const events = await train(spec({ trainSize: 640, validationSplit: 0.2, batchSize: 32, epochs: 3, testSize: 200 }));
    expect(events[0]).toMatchObject({ type: 'run-started', plan: { fitSize: 512, validationSize: 128, batchesPerEpoch: 16, totalSteps: 48 } });
    const epochs = eventsOfType(events, 'epoch').map((e) => e.metrics);
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(epochs[2]!.loss).toBeLessThan(epochs[0]!.loss);
    expect(epochs[2]!.valLoss).not.toBeNull();
    const finished = eventsOfType(events, 'run-finished');
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
    const perBatch = eventsOfType(events, 'batches').map((e) => e.progress.numTensors);
    expect(perBatch.length).toBe(18);
    // From the second step on (the optimizer creates its slots in the first), the count never changes.
    expect(new Set(perBatch.slice(1))).toEqual(new Set([perBatch[1]]));
    expect(new Set(eventsOfType(events, 'epoch').map((e) => e.metrics.numTensors)).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops between batches when asked, without evaluating, and frees its tensors', { timeout: 60_000 }, async () => {
    const before = tf.memory().numTensors;
    let checks = 0;
    const events = await train(spec({ trainSize: 320, batchSize: 32, epochs: 2 }), {
      ...FREE_RUNNING,
      stopRequested: () => ++checks > 3,
    });
    expect(eventsOfType(events, 'batches').flatMap((e) => e.points)).toHaveLength(3);
    expect(events[events.length - 1]?.type).toBe('run-stopped');
    expect(eventsOfType(events, 'run-finished')).toHaveLength(0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains no batch while paused, and says so only once the batch in flight is shown', { timeout: 60_000 }, async () => {
    let release = () => {};
    let paused = false;
    let steps = 0;
    const events: WorkerEvent[] = [];
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
    expect(eventsOfType(events, 'run-finished')).toHaveLength(1);
  });

  it('stops a diverging run with a message and where it happened', { timeout: 60_000 }, async () => {
    const layers: LayerSpec[] = [{ type: 'Flatten' }, { type: 'Dense', units: 64, activation: 'relu' }, { type: 'Dense', units: 10, activation: 'softmax' }];
    const events = await train({ layers, training: { ...BOOK_TRAINING, trainSize: 64 * 40, batchSize: 64, epochs: 1, learningRate: 10, optimizer: 'sgd' } });
    const [failure] = eventsOfType(events, 'run-failed');
    expect(failure?.message).toMatch(/^Training diverged at batch \d+ of epoch 1: .*Try a smaller learning rate \(now 10\)\.$/);
    expect(failure?.divergedAt).toBeGreaterThan(0);
    expect(failure?.divergedAt).toBeLessThan(1);
    expect(eventsOfType(events, 'run-finished')).toHaveLength(0);
  });
});

describe('checkpoints and resuming (cpu backend)', () => {
  // No Dropout: its masks are unseeded, and this compares two runs number for number.
  const layers: readonly LayerSpec[] = SMALL_CONVNET.filter((layer) => layer.type !== 'Dropout');
  const resumable = (optimizer: TrainingSettings['optimizer']): ModelSpec => ({
    layers,
    training: { ...BOOK_TRAINING, optimizer, learningRate: optimizer === 'sgd' ? 0.05 : 0.003, trainSize: 256, batchSize: 32, epochs: 3, testSize: 64 },
  });
  const run = async (modelSpec: ModelSpec, resumeFrom?: TrainingCheckpoint, control: RunSignals = FREE_RUNNING) => {
    const events: WorkerEvent[] = [];
    await runTraining({ runId: 3, spec: modelSpec, dataset, seed: 5, emit: (e) => events.push(e), control, flushIntervalMs: 0, resumeFrom });
    return events;
  };
  const losses = (events: WorkerEvent[]) => eventsOfType(events, 'batches').flatMap((e) => e.points.map((p) => p.loss));

  for (const optimizer of ['rmsprop', 'adam', 'sgd'] as const) {
    it(`${optimizer}: a run resumed from its epoch-1 checkpoint trains exactly as the uninterrupted run`, { timeout: 60_000 }, async () => {
      const whole = await run(resumable(optimizer));
      const checkpoints = eventsOfType(whole, 'checkpoint').map((e) => e.checkpoint);
      expect(checkpoints.map((c) => [c.epoch, c.step])).toEqual([[1, 8], [2, 16], [3, 24]]);

      const before = tf.memory().numTensors;
      const resumed = await run(resumable(optimizer), checkpoints[0]);
      expect(tf.memory().numTensors).toBe(before);
      expect(eventsOfType(resumed, 'epoch').map((e) => e.metrics.epoch)).toEqual([2, 3]);
      expect(eventsOfType(resumed, 'batches')[0]?.points[0]?.step).toBe(9);
      expect(losses(resumed)).toEqual(losses(whole).slice(8));
      expect(eventsOfType(resumed, 'run-finished')[0]?.test).toEqual(eventsOfType(whole, 'run-finished')[0]?.test);
      const lastWhole = new Float32Array(checkpoints[2]!.model.weightData);
      const lastResumed = new Float32Array(eventsOfType(resumed, 'checkpoint')[1]!.checkpoint.model.weightData);
      expect(Array.from(lastResumed)).toEqual(Array.from(lastWhole));
    });
  }

  it("restoring only the weights is not enough: without RMSprop's running averages the losses differ", { timeout: 60_000 }, async () => {
    const whole = await run(resumable('rmsprop'));
    const checkpoint = eventsOfType(whole, 'checkpoint')[0]!.checkpoint;
    const iterationsOnly = checkpoint.optimizer.weightSpecs.slice(0, 1);
    expect(iterationsOnly[0]).toMatchObject({ name: 'iter', dtype: 'int32' });
    const weightsOnly = { ...checkpoint, optimizer: { weightSpecs: iterationsOnly, weightData: checkpoint.optimizer.weightData.slice(0, 4) } };
    const resumed = await run(resumable('rmsprop'), weightsOnly);
    // The first loss is measured before the first update, so it matches; the updates that follow do not.
    expect(losses(resumed)[0]).toBe(losses(whole)[8]);
    expect(losses(resumed)[1]).not.toBeCloseTo(losses(whole)[9]!, 3);
  });

  it('a checkpoint after the last epoch resumes straight to the evaluation', { timeout: 60_000 }, async () => {
    const whole = await run(resumable('rmsprop'));
    const resumed = await run(resumable('rmsprop'), eventsOfType(whole, 'checkpoint')[2]!.checkpoint);
    expect(resumed.map((e) => e.type)).toEqual(['run-started', 'evaluating', 'run-finished']);
    expect(eventsOfType(resumed, 'run-finished')[0]?.test).toEqual(eventsOfType(whole, 'run-finished')[0]?.test);
  });

  it('takes no checkpoints of a model whose checkpoint would pass the size limit', { timeout: 60_000 }, async () => {
    const events: WorkerEvent[] = [];
    const modelSpec = resumable('rmsprop');
    const limit = (bytes: number) =>
      runTraining({ runId: 1, spec: modelSpec, dataset, seed: 5, emit: (e) => events.push(e), control: FREE_RUNNING, maxCheckpointBytes: bytes });
    // SMALL_CONVNET without Dropout: 8·9+8 + 10·(8·6·6)+10 = 2,970 weights, 35,640 bytes with RMSprop's slots.
    await limit(35_639);
    expect(eventsOfType(events, 'checkpoint')).toHaveLength(0);
    expect(eventsOfType(events, 'run-finished')).toHaveLength(1);
    await limit(35_640);
    expect(eventsOfType(events, 'checkpoint')).toHaveLength(3);
  });

  it('a lost backend ends the run at once and silently, freeing its tensors', { timeout: 60_000 }, async () => {
    const before = tf.memory().numTensors;
    let batches = 0;
    const events = await run(resumable('rmsprop'), undefined, { ...FREE_RUNNING, backendLost: () => ++batches > 10 });
    expect(eventsOfType(events, 'checkpoint').map((e) => e.checkpoint.epoch)).toEqual([1]);
    expect(events.some((e) => e.type === 'run-failed' || e.type === 'run-stopped' || e.type === 'run-finished')).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  });
});
