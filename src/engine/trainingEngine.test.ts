import { afterEach, describe, expect, it } from 'vitest';
import { epochEvents, finishedEvent, PLAN, SPEC, startedEngine } from './engineHarness.ts';
import type { TrainingEngine } from './trainingEngine.ts';

let engine: TrainingEngine | null = null;
afterEach(() => engine?.dispose());

describe('TrainingEngine', () => {
  it('starts one run per Train, named once by nameNextRun, and follows it to the end', () => {
    let named = 0;
    const harness = startedEngine(() => `Run ${++named}`);
    engine = harness.engine;
    engine.train(SPEC);
    engine.train(SPEC);
    expect(harness.trainCommands()).toEqual([expect.objectContaining({ runId: 1, runName: 'Run 1', spec: SPEC, seed: 1 })]);
    expect(engine.getSnapshot().run).toEqual({ name: 'Run 1', spec: SPEC, seed: 1 });
    harness.sendAll([{ type: 'run-started', runId: 1, plan: PLAN }, ...epochEvents(1, 1), ...epochEvents(1, 2), finishedEvent(1)]);
    expect(engine.getSnapshot().state.run).toMatchObject({ status: 'finished', epochs: [{ epoch: 1 }, { epoch: 2 }] });
    engine.train(SPEC);
    expect(harness.trainCommands().at(-1)).toMatchObject({ runId: 2, runName: 'Run 2' });
  });

  it('answers a request with the reply carrying its id, and a request left open when the worker goes with an error', async () => {
    const harness = startedEngine();
    engine = harness.engine;
    const predicting = engine.request({ type: 'predict', slot: 'pretrained', pixels: new Float32Array(784), featureMaps: false });
    const exporting = engine.request({ type: 'export-model' });
    const [predict, exportCommand] = harness.worker().received.slice(-2);
    expect(predict).toMatchObject({ type: 'predict', requestId: 1 });
    expect(exportCommand).toMatchObject({ type: 'export-model', requestId: 2 });
    harness.worker().send({ type: 'prediction', requestId: 1, slot: 'pretrained', probabilities: new Float32Array(10), featureMaps: null, inferenceMs: 2 });
    expect(await predicting).toMatchObject({ type: 'prediction', requestId: 1 });
    harness.worker().crash('out of memory');
    expect(await exporting).toEqual({ type: 'model-error', slot: 'yours', requestId: 2, message: 'The training engine restarted; try again.' });
  });

  it('resumes a run from its checkpoint in a fresh worker after a crash, under the same name', () => {
    const harness = startedEngine();
    engine = harness.engine;
    engine.train(SPEC);
    harness.sendAll([{ type: 'run-started', runId: 1, plan: PLAN }, ...epochEvents(1, 1)]);
    harness.worker().crash('out of memory');
    expect(harness.workers).toHaveLength(2);
    expect(harness.trainCommands().at(-1)).toMatchObject({ runId: 2, runName: 'Run 7', seed: 1, resumeFrom: { epoch: 1 } });
    expect(engine.getSnapshot().state.run).toMatchObject({ id: 2, status: 'starting', epochs: [{ epoch: 1 }] });
  });

  it('tells its listeners each action with the state before and after it', () => {
    const harness = startedEngine();
    engine = harness.engine;
    const seen: string[] = [];
    const unfollow = engine.onAction((action, state, previous) => seen.push(`${action.type}:${previous.run?.status ?? '-'}>${state.run?.status ?? '-'}`));
    engine.train(SPEC);
    harness.sendAll([{ type: 'run-started', runId: 1, plan: PLAN }]);
    unfollow();
    harness.sendAll([finishedEvent(1)]);
    expect(seen).toEqual(['train-requested:->starting', 'run-started:starting>training']);
  });
});

describe('TrainingEngine.onRunEnded', () => {
  it('tells each run’s end once, with its name and the backend it trained on', () => {
    const harness = startedEngine();
    engine = harness.engine;
    const ended: string[] = [];
    engine.onRunEnded(({ run, identity, backend }) => ended.push(`${identity.name} ${run.status} on ${backend}`));
    engine.train(SPEC);
    harness.sendAll([{ type: 'run-started', runId: 1, plan: PLAN }, ...epochEvents(1, 1)]);
    engine.stop();
    harness.sendAll([{ type: 'run-stopped', runId: 1, elapsedMs: 10 }, { type: 'data-ready', trainCount: 1, testCount: 1, loadMs: 1 }]);
    engine.train(SPEC);
    harness.sendAll([{ type: 'run-started', runId: 2, plan: PLAN }, ...epochEvents(2, 1), ...epochEvents(2, 2), finishedEvent(2)]);
    expect(ended).toEqual(['Run 7 stopped on cpu', 'Run 7 finished on cpu']);
  });
});
