import { describe, expect, it } from 'vitest';
import type { BatchPoint, WorkerEvent } from '../training/protocol.ts';
import { downsampleBatches } from './downsampleBatches.ts';
import { INITIAL_ENGINE_STATE, isRunActive, reduceEngineState, type EngineAction } from './engineState.ts';

const fold = (actions: EngineAction[]) => actions.reduce(reduceEngineState, INITIAL_ENGINE_STATE);
const point = (step: number, loss: number): BatchPoint => ({ step, epochProgress: step / 10, loss, accuracy: 1 - loss });
const evaluation = { images: new Uint8Array(784), labels: Uint8Array.from([3]), probabilities: new Float32Array(10) };
const progress = { step: 2, totalSteps: 10, epoch: 1, epochs: 1, samplesPerSecond: 16, elapsedMs: 1000, etaMs: 4000, numTensors: 20 };

describe('reduceEngineState', () => {
  it('follows a run from request to finish, collecting batches', () => {
    const state = fold([
      { type: 'train-requested', runId: 1 },
      { type: 'run-started', runId: 1, plan: { fitSize: 320, validationSize: 0, batchesPerEpoch: 10, totalSteps: 10 } },
      { type: 'batches', runId: 1, points: [point(1, 2.3), point(2, 2.1)], progress },
      { type: 'paused', runId: 1 },
    ]);
    expect(state.run?.status).toBe('paused');
    expect(state.run?.batches).toHaveLength(2);
    expect(isRunActive(state.run)).toBe(true);
    const done = [
      { type: 'resumed', runId: 1 },
      { type: 'evaluating', runId: 1, count: 100 },
      { type: 'run-finished', runId: 1, test: { loss: 0.5, accuracy: 0.9, count: 100 }, evaluation, elapsedMs: 5000 },
    ].reduce((s, a) => reduceEngineState(s, a as WorkerEvent), state);
    expect(done.run).toMatchObject({ status: 'finished', test: { accuracy: 0.9 } });
    expect(isRunActive(done.run)).toBe(false);
  });

  it('ignores late events of an earlier run', () => {
    const state = fold([
      { type: 'train-requested', runId: 1 },
      { type: 'run-stopped', runId: 1, elapsedMs: 10 },
      { type: 'train-requested', runId: 2 },
      { type: 'batches', runId: 1, points: [point(1, 2.3)], progress },
    ]);
    expect(state.run).toMatchObject({ id: 2, status: 'starting', batches: [] });
  });

  it('marks an active run as interrupted when the worker is replaced, and says so', () => {
    const state = fold([
      { type: 'train-requested', runId: 1 },
      { type: 'run-started', runId: 1, plan: { fitSize: 320, validationSize: 0, batchesPerEpoch: 10, totalSteps: 10 } },
      { type: 'worker-restarted', message: 'The training engine stopped unexpectedly.' },
    ]);
    expect(state.run).toMatchObject({ status: 'failed', message: expect.stringMatching(/interrupted/) });
    expect(state.engineNotice).toMatch(/stopped unexpectedly/);
    expect(state.data.status).toBe('loading');
    expect(isRunActive(state.run)).toBe(false);
  });

  it('rewinds an interrupted run to its checkpoint and resumes it under a new id with that history', () => {
    const plan = { fitSize: 320, validationSize: 0, batchesPerEpoch: 5, totalSteps: 10 };
    const epochMetrics = { epoch: 1, loss: 1, accuracy: 0.5, valLoss: null, valAccuracy: null, samplesPerSecond: 100, elapsedMs: 900, etaMs: 900, numTensors: 20 };
    const checkpoint = { epoch: 1, step: 5, elapsedMs: 900, model: { modelTopology: {}, weightSpecs: [], weightData: new ArrayBuffer(0) }, optimizer: { weightSpecs: [], weightData: new ArrayBuffer(0) } };
    const interrupted = fold([
      { type: 'train-requested', runId: 1 },
      { type: 'run-started', runId: 1, plan },
      { type: 'batches', runId: 1, points: [1, 2, 3, 4, 5].map((step) => point(step, 2)), progress: { ...progress, step: 5 } },
      { type: 'epoch', runId: 1, metrics: epochMetrics },
      { type: 'checkpoint', runId: 1, checkpoint },
      { type: 'batches', runId: 1, points: [point(6, 1), point(7, 1)], progress: { ...progress, step: 7, epoch: 2 } },
      { type: 'worker-restarted', message: 'The training engine stopped unexpectedly.' },
    ]);
    expect(interrupted.run).toMatchObject({ status: 'interrupted', checkpoint: { epoch: 1, step: 5 }, progress: { step: 5, elapsedMs: 900 } });
    expect(interrupted.run?.message).toMatch(/^Interrupted after epoch 1 of 1: Resume/);
    expect(interrupted.run?.batches.map((p) => p.step)).toEqual([1, 2, 3, 4, 5]);
    expect(isRunActive(interrupted.run)).toBe(false);

    const resumed = reduceEngineState(interrupted, { type: 'train-requested', runId: 2, resume: true });
    expect(resumed.run).toMatchObject({ id: 2, status: 'starting', message: null, checkpoint: { epoch: 1 } });
    expect(resumed.run?.batches).toHaveLength(5);
    expect(resumed.run?.epochs).toEqual([epochMetrics]);
    expect(resumed.engineNotice).toMatch(/stopped unexpectedly/);
    // A plain Train starts afresh, history and all.
    expect(reduceEngineState(interrupted, { type: 'train-requested', runId: 2 }).run).toMatchObject({ batches: [], epochs: [], checkpoint: null });
  });

  it('shows a run restored from an earlier visit as interrupted at its checkpoint, but never over a run that is going', () => {
    const restore = {
      type: 'run-restored' as const,
      runId: 4,
      plan: { fitSize: 320, validationSize: 0, batchesPerEpoch: 5, totalSteps: 15 },
      epochs: 3,
      batchHistory: [point(5, 1)],
      epochHistory: [],
      checkpoint: { epoch: 2, step: 10, elapsedMs: 2000 },
    };
    const restored = fold([restore]);
    expect(restored.run).toMatchObject({ id: 4, status: 'interrupted', progress: { step: 10, totalSteps: 15, epoch: 2, epochs: 3 } });
    expect(restored.run?.message).toMatch(/^Interrupted after epoch 2 of 3/);
    const going = fold([{ type: 'train-requested', runId: 1 }, restore]);
    expect(going.run).toMatchObject({ id: 1, status: 'starting' });
  });

  it('keeps a data error until a retry', () => {
    const failed = fold([{ type: 'data-error', message: 'MNIST file x is corrupt.' }]);
    expect(failed.data).toEqual({ status: 'error', message: 'MNIST file x is corrupt.' });
    expect(reduceEngineState(failed, { type: 'data-progress', loadedBytes: 5, totalBytes: 10 }).data.status).toBe('error');
    expect(reduceEngineState(failed, { type: 'data-retry' }).data.status).toBe('loading');
  });
});

describe('downsampleBatches', () => {
  it('keeps short series as they are', () => {
    const points = [point(1, 2), point(2, 1)];
    expect(downsampleBatches(points, 10)).toEqual(points);
  });

  it('averages consecutive batches into at most maxPoints, ending at the last batch', () => {
    const points = Array.from({ length: 1000 }, (_, i) => point(i + 1, i % 2 === 0 ? 1 : 3));
    const sampled = downsampleBatches(points, 100);
    expect(sampled).toHaveLength(100);
    expect(sampled.every((p) => p.loss === 2)).toBe(true);
    expect(sampled[sampled.length - 1]?.step).toBe(1000);
  });
});
