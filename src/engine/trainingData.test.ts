import { afterEach, describe, expect, it } from 'vitest';
import { FASHION_MNIST_INFO } from '../domain/datasets.ts';
import { epochEvents, finishedEvent, PLAN, SPEC, startedEngine } from './engineHarness.ts';
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
