import { afterEach, describe, expect, it } from 'vitest';
import { FASHION_MNIST_INFO, MNIST_INFO } from '../domain/datasets.ts';
import type { StoredCheckpoint } from '../storage/checkpointStore.ts';
import { checkpointAt, epochEvents, finishedEvent, PLAN, SPEC, startedEngine } from './engineHarness.ts';
import { runRecordName, savedModelName } from './runIdentity.ts';
import { recordOfRun } from './runLedger.ts';
import type { TrainingEngine } from './trainingEngine.ts';

let engine: TrainingEngine | null = null;
afterEach(() => engine?.dispose());

const FASHION = { kind: 'shipped', info: FASHION_MNIST_INFO, url: 'fashion-mnist/' } as const;

describe('the data a run trains on', () => {
  it('goes with Train once chosen, names the run’s dataset, rides along a resume after a crash, and MNIST is sent as none', () => {
    const harness = startedEngine();
    engine = harness.engine;
    engine.train(SPEC);
    expect(harness.trainCommands().at(-1)).not.toHaveProperty('data');
    harness.sendAll([{ type: 'run-started', runId: 1, plan: PLAN }, finishedEvent(1)]);
    engine.useData(FASHION);
    engine.train(SPEC);
    expect(harness.trainCommands().at(-1)).toMatchObject({ runId: 2, data: FASHION });
    expect(engine.getSnapshot().run?.dataset).toBe(FASHION_MNIST_INFO);
    // A choice made while the run goes is for the next run: the resumed run keeps its own data.
    engine.useData(undefined);
    harness.sendAll([{ type: 'run-started', runId: 2, plan: PLAN }, ...epochEvents(2, 1)]);
    harness.worker().crash('out of memory');
    expect(harness.trainCommands().at(-1)).toMatchObject({ runId: 3, resumeFrom: { epoch: 1 }, data: FASHION });
  });
});

describe('a run kept from an earlier visit', () => {
  it('resumes on the data the page chose as it opened (the kept choice), not on MNIST', () => {
    const harness = startedEngine();
    engine = harness.engine;
    engine.useData(FASHION);
    const stored: StoredCheckpoint = { runName: 'Run 3', spec: SPEC, seed: 3, backend: 'wasm', plan: PLAN, savedAt: 1, checkpoint: checkpointAt(1), batches: [], epochs: [] };
    engine.restoreInterrupted(stored);
    engine.resumeInterrupted();
    expect(harness.trainCommands().at(-1)).toMatchObject({ runName: 'Run 3', resumeFrom: { epoch: 1 }, data: FASHION });
  });
});

describe('a run on other data than MNIST', () => {
  const run = { test: { loss: 0.4, accuracy: 0.881, count: 300 } } as Parameters<typeof savedModelName>[1];

  it('says its dataset in the Runs table’s name and the saved model’s, and MNIST runs keep their names', () => {
    const identity = { name: 'Run 3', spec: SPEC, seed: 3 };
    expect(runRecordName({ ...identity, dataset: FASHION_MNIST_INFO }, run)).toBe('Run 3: 8 layers, 128 Fashion-MNIST images · 88.1%');
    expect(savedModelName('Run 3', run, FASHION_MNIST_INFO)).toBe('Run 3 · Fashion-MNIST · 88.1%');
    expect(runRecordName(identity, run)).toBe('Run 3: 8 layers, 128 images · 88.1%');
    expect(savedModelName('Run 3', run, MNIST_INFO)).toBe('Run 3 · 88.1%');
  });

  it('keeps a confusion matrix of its own class count', () => {
    const shapes = { ...FASHION_MNIST_INFO, id: 'your-images', title: 'Shapes', classNames: ['a', 'b', 'c'] } as const;
    const evaluation = { images: new Uint8Array(0), labels: Uint8Array.from([0, 1, 2, 2]), probabilities: Float32Array.from([0.8, 0.1, 0.1, 0.1, 0.8, 0.1, 0.1, 0.1, 0.8, 0.7, 0.2, 0.1]) };
    const ended = { status: 'finished', batches: [{ epochProgress: 1, step: 1, loss: 1, accuracy: 0.5 }], epochs: [], test: run.test, evaluation, elapsedMs: 1 };
    const record = recordOfRun(ended as unknown as Parameters<typeof recordOfRun>[0], { name: 'Run 1', spec: SPEC, seed: 1, dataset: shapes }, 'cpu', 5);
    expect(record?.confusion).toEqual([[1, 0, 0], [0, 1, 0], [1, 0, 1]]);
    expect(record?.perClassAccuracy).toEqual([1, 1, 0.5]);
  });
});
