import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_PIXELS } from '../data/batching.ts';
import type { MnistDataset } from '../data/loadMnist.ts';
import { BOOK_TRAINING } from '../domain/defaults.ts';
import { predictClasses } from '../domain/evaluation.ts';
import type { ModelSpec } from '../domain/modelSpec.ts';
import { buildModel } from './buildModel.ts';
import { runFineTune } from './fineTuneRun.ts';
import type { FineTuneSetup, WorkerEvent } from './protocol.ts';
import type { RunSignals } from './trainingRequest.ts';
import { eventsOfType, FREE_RUNNING, readPackageMnist, SMALL_CONVNET } from './trainingFixtures.fixture.ts';

let mnist: MnistDataset;
beforeAll(async () => {
  await tf.setBackend('cpu');
  mnist = readPackageMnist();
});

const spec = (epochs: number): ModelSpec => ({
  layers: SMALL_CONVNET,
  training: { ...BOOK_TRAINING, learningRate: 0.003, batchSize: 32, epochs, trainSize: 0, validationSplit: 0, testSize: 300 },
});

/** 24 test images of 1s labelled 7: a "style" the parent cannot know; the first 20 trained, the last 4 held out. */
function onesCalledSevens(): FineTuneSetup {
  const indices = Array.from(mnist.testLabels.entries()).filter(([, label]) => label === 1).slice(0, 24).map(([i]) => i);
  const images = new Uint8Array(indices.length * IMAGE_PIXELS);
  indices.forEach((index, i) => images.set(mnist.testImages.subarray(index * IMAGE_PIXELS, (index + 1) * IMAGE_PIXELS), i * IMAGE_PIXELS));
  return { from: 'pretrained', images, labels: new Uint8Array(indices.length).fill(7), trainedCount: 20, mnistPerExample: 1, copies: 4 };
}

const weightsOf = (model: tf.LayersModel) => model.getWeights().map((w) => Array.from(w.dataSync()));

describe('runFineTune (cpu backend)', () => {
  it('trains a copy on the mix, checks on the held-out examples, reports both models, and leaves the parent as it was', { timeout: 120_000 }, async () => {
    const parent = buildModel(SMALL_CONVNET, 3);
    const parentWeights = weightsOf(parent);
    const setup = onesCalledSevens();
    const events: WorkerEvent[] = [];
    let kept: tf.LayersModel | null = null;
    await runFineTune({ runId: 4, spec: spec(4), seed: 9, emit: (e) => events.push(e), control: FREE_RUNNING, flushIntervalMs: 0, mnist, parent, setup, keepModel: (m) => (kept = m) });

    expect(eventsOfType(events, 'run-failed')).toEqual([]);
    // 20 trained × 4 copies, and as many MNIST images; the 4 held out are the validation slice.
    expect(eventsOfType(events, 'run-started')[0]).toMatchObject({ plan: { fitSize: 160, validationSize: 4, batchesPerEpoch: 5, totalSteps: 20 } });
    const epochs = eventsOfType(events, 'epoch').map((e) => e.metrics);
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
    expect(epochs.every((e) => e.valAccuracy !== null)).toBe(true);
    const [finished] = eventsOfType(events, 'run-finished');
    const outcome = finished!.fineTune!;
    expect(outcome.parentTest.count).toBe(300);
    expect(outcome.before).toHaveLength(24 * 10);
    expect(outcome.after).toHaveLength(24 * 10);
    // The parent never saw a 1 called 7; the fine-tuned copy reads the held-out ones as 7.
    const sevens = (probabilities: Float32Array) => Array.from(predictClasses(probabilities)).filter((digit) => digit === 7).length;
    expect(sevens(outcome.before)).toBeLessThan(12);
    expect(sevens(outcome.after.subarray(20 * 10))).toBe(4);
    expect(kept).not.toBeNull();
    expect(kept).not.toBe(parent);
    expect(weightsOf(parent)).toEqual(parentWeights);
    kept!.dispose();
    parent.dispose();
  });

  it('stops between batches when asked: says so, keeps no model, and leaks no tensor', { timeout: 120_000 }, async () => {
    const parent = buildModel(SMALL_CONVNET, 3);
    const before = tf.memory().numTensors;
    let batches = 0;
    const events: WorkerEvent[] = [];
    const control: RunSignals = { ...FREE_RUNNING, stopRequested: () => batches >= 2 };
    let kept = false;
    await runFineTune({
      runId: 5,
      spec: spec(3),
      seed: 9,
      emit: (e) => {
        events.push(e);
        if (e.type === 'batches') batches += e.points.length;
      },
      control,
      flushIntervalMs: 0,
      mnist,
      parent,
      setup: onesCalledSevens(),
      keepModel: () => (kept = true),
    });
    expect(eventsOfType(events, 'run-stopped')).toHaveLength(1);
    expect(eventsOfType(events, 'run-finished')).toHaveLength(0);
    expect(kept).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
    parent.dispose();
  });
});
