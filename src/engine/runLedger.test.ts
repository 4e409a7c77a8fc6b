import { afterEach, describe, expect, it } from 'vitest';
import { FASHION_MNIST_REF, MNIST_REF } from '../domain/datasetRef.ts';
import { FASHION_MNIST_INFO } from '../domain/datasets.ts';
import type { RunRecord, RunStore } from '../storage/runStore.ts';
import { epochEvents, finishedEvent, PLAN, SPEC, startedEngine } from './engineHarness.ts';
import { RunLedger } from './runLedger.ts';
import type { TrainingEngine } from './trainingEngine.ts';

function memoryRunStore() {
  const records: RunRecord[] = [];
  const store: RunStore = {
    list: async () => ({ runs: [...records].reverse(), leftAlone: { newer: 0, unreadable: 0 } }),
    save: async (run) => {
      records.push(run);
      return { ok: true };
    },
    remove: async (id) => {
      records.splice(records.findIndex((r) => r.id === id), 1);
      return { ok: true };
    },
    rename: async () => ({ ok: true }),
  };
  return { records, open: async () => ({ ok: true as const, store }) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

let engine: TrainingEngine | null = null;
afterEach(() => engine?.dispose());

describe('RunLedger', () => {
  it('names each run as it starts, one more than the runs kept, and keeps its record once, when it ends', async () => {
    const { records, open } = memoryRunStore();
    const ledger = new RunLedger(open);
    await ledger.open();
    const harness = startedEngine(ledger.nameNextRun);
    engine = harness.engine;
    const unfollow = ledger.follow(engine);
    engine.train(SPEC);
    harness.sendAll([{ type: 'run-started', runId: 1, plan: PLAN }, ...epochEvents(1, 1), ...epochEvents(1, 2), finishedEvent(1)]);
    // Later actions about the same ended run save nothing more.
    harness.sendAll([{ type: 'data-ready', trainCount: 1, testCount: 1, loadMs: 1 }]);
    await settle();
    expect(records.map((r) => r.name)).toEqual(['Run 1: 8 layers, 128 images · 90.0%']);
    expect(ledger.getSnapshot().runs).toHaveLength(1);
    engine.train(SPEC);
    expect(harness.trainCommands().at(-1)).toMatchObject({ runName: 'Run 2' });
    unfollow();
  });

  it('keeps a run cut short by a restart before its first epoch, as failed, on the backend it trained on', async () => {
    const { records, open } = memoryRunStore();
    const ledger = new RunLedger(open);
    await ledger.open();
    const harness = startedEngine(ledger.nameNextRun);
    engine = harness.engine;
    ledger.follow(engine);
    engine.train(SPEC);
    // The paced batch points reach the state before the crash, as they do within a second.
    harness.sendAll([{ type: 'run-started', runId: 1, plan: PLAN }, epochEvents(1, 1)[0]!, { type: 'data-progress', loadedBytes: 1, totalBytes: 1 }]);
    harness.worker().crash('out of memory');
    await settle();
    expect(records).toMatchObject([{ status: 'failed', backend: 'cpu', name: 'Run 1: 8 layers, 128 images' }]);
  });

  it('keeps the data each run trained on: Fashion-MNIST when the picker chose it, MNIST otherwise', async () => {
    const { records, open } = memoryRunStore();
    const ledger = new RunLedger(open);
    await ledger.open();
    const harness = startedEngine(ledger.nameNextRun);
    engine = harness.engine;
    ledger.follow(engine);
    engine.train(SPEC, { kind: 'shipped', info: FASHION_MNIST_INFO, url: 'fashion-mnist/' });
    harness.sendAll([{ type: 'run-started', runId: 1, plan: PLAN }, ...epochEvents(1, 1), finishedEvent(1)]);
    await settle();
    engine.train(SPEC);
    harness.sendAll([{ type: 'run-started', runId: 2, plan: PLAN }, ...epochEvents(2, 1), finishedEvent(2)]);
    await settle();
    expect(records.map((r) => [r.name, r.dataset])).toEqual([
      ['Run 1: 8 layers, 128 Fashion-MNIST images · 90.0%', FASHION_MNIST_REF],
      ['Run 2: 8 layers, 128 images · 90.0%', MNIST_REF],
    ]);
  });
});
