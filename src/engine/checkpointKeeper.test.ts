import { afterEach, describe, expect, it } from 'vitest';
import type { CheckpointStore, StoredCheckpoint } from '../storage/checkpointStore.ts';
import { CheckpointKeeper, describeKeeping, type RunLocks } from './checkpointKeeper.ts';
import { checkpointAt, epochEvents, finishedEvent, PLAN, SPEC, startedEngine } from './engineHarness.ts';
import type { TrainingEngine } from './trainingEngine.ts';

/** One slot in memory, as the IndexedDB store keeps it; `refuse` makes writes fail as a full disk does. */
function memoryStore(initial: StoredCheckpoint | null = null) {
  const slot = { kept: initial, writes: 0, refuse: false };
  const store: CheckpointStore = {
    load: async () => (slot.kept ? { kind: 'kept', stored: slot.kept } : { kind: 'none' }),
    save: async (checkpoint) => {
      slot.writes++;
      if (slot.refuse) return { ok: false, message: 'Could not keep a checkpoint of this run: browser storage is full.' };
      slot.kept = checkpoint;
      return { ok: true };
    },
    clear: async () => {
      slot.kept = null;
      return { ok: true };
    },
  };
  return { slot, open: async () => ({ ok: true as const, store }) };
}

/** Web Locks in one tab; `otherTab` makes the run lock look held elsewhere. */
function fakeLocks(otherTab = false) {
  const held = new Set<string>();
  const locks: RunLocks = {
    request: async (name, hold) => {
      held.add(name);
      await hold();
      held.delete(name);
    },
    query: async () => ({ held: [...held, ...(otherTab ? ['convnet-playground-run'] : [])].map((name) => ({ name })) }),
  };
  return { locks, held };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

let engine: TrainingEngine | null = null;
let keeper: CheckpointKeeper | null = null;
afterEach(() => {
  keeper?.dispose();
  engine?.dispose();
});

describe('CheckpointKeeper', () => {
  it('says what the slot holds when it is left alone (a newer version’s run), offers nothing, and stops saying it while a run goes', async () => {
    const harness = startedEngine();
    engine = harness.engine;
    const message = 'A newer version of the playground keeps an interrupted run in this browser: reload the page to get that version and resume it. This page leaves it as it is.';
    const store: CheckpointStore = {
      load: async () => ({ kind: 'left-alone', message }),
      save: async () => ({ ok: false, message: 'Checkpoints of this run are not kept.' }),
      clear: async () => ({ ok: true }),
    };
    keeper = new CheckpointKeeper(engine, async () => ({ ok: true, store }), null);
    keeper.start();
    await settle();
    expect(engine.getSnapshot().state.run).toBeNull();
    expect(describeKeeping(keeper.getSnapshot(), null)).toEqual({ problem: null, keptEpoch: null, leftAlone: message });
    engine.train(SPEC);
    harness.sendAll([{ type: 'run-started', runId: 1, plan: PLAN }, ...epochEvents(1, 1)]);
    await settle();
    expect(describeKeeping(keeper.getSnapshot(), engine.getSnapshot().state.run)).toEqual({ problem: 'Checkpoints of this run are not kept.', keptEpoch: null, leftAlone: null });
  });

  it('keeps each checkpoint as it arrives, with the run’s name, seed and history, holds the lock while the run goes, and forgets it at the end', async () => {
    const harness = startedEngine();
    engine = harness.engine;
    const { slot, open } = memoryStore();
    const { locks, held } = fakeLocks();
    keeper = new CheckpointKeeper(engine, open, locks);
    keeper.start();
    await settle();
    engine.train(SPEC);
    expect(held.has('convnet-playground-run')).toBe(true);
    harness.sendAll([{ type: 'run-started', runId: 1, plan: PLAN }, ...epochEvents(1, 1)]);
    await settle();
    expect(slot.kept).toMatchObject({ runName: 'Run 7', seed: 1, spec: SPEC, backend: 'cpu', plan: PLAN, checkpoint: { epoch: 1 }, epochs: [{ epoch: 1 }] });
    expect(slot.kept?.batches.map((point) => point.step)).toEqual([1, 2]);
    expect(describeKeeping(keeper.getSnapshot(), engine.getSnapshot().state.run)).toEqual({ problem: null, keptEpoch: 1, leftAlone: null });
    harness.sendAll([...epochEvents(1, 2), finishedEvent(1)]);
    await settle();
    expect(slot.kept).toBeNull();
    expect(held.size).toBe(0);
  });

  it('offers a run kept by an earlier visit, under its name, ready to resume', async () => {
    const harness = startedEngine(() => 'Run 99');
    engine = harness.engine;
    const stored: StoredCheckpoint = { runName: 'Run 3', spec: SPEC, seed: 3, backend: 'wasm', plan: PLAN, savedAt: 1, checkpoint: checkpointAt(1), batches: [], epochs: [] };
    keeper = new CheckpointKeeper(engine, memoryStore(stored).open, fakeLocks().locks);
    keeper.start();
    await settle();
    expect(engine.getSnapshot().run?.name).toBe('Run 3');
    expect(engine.getSnapshot().state.run).toMatchObject({ status: 'interrupted', checkpoint: { epoch: 1 } });
    engine.resumeInterrupted();
    expect(harness.trainCommands().at(-1)).toMatchObject({ runName: 'Run 3', seed: 3, resumeFrom: { epoch: 1 } });
  });

  it('does not offer a run that another tab is training', async () => {
    const harness = startedEngine();
    engine = harness.engine;
    const stored: StoredCheckpoint = { spec: SPEC, seed: 3, backend: 'wasm', plan: PLAN, savedAt: 1, checkpoint: checkpointAt(1), batches: [], epochs: [] };
    keeper = new CheckpointKeeper(engine, memoryStore(stored).open, fakeLocks(true).locks);
    keeper.start();
    await settle();
    expect(engine.getSnapshot().state.run).toBeNull();
  });

  it('says why a checkpoint could not be kept, while the run goes', async () => {
    const harness = startedEngine();
    engine = harness.engine;
    const { slot, open } = memoryStore();
    slot.refuse = true;
    keeper = new CheckpointKeeper(engine, open, null);
    keeper.start();
    await settle();
    engine.train(SPEC);
    harness.sendAll([{ type: 'run-started', runId: 1, plan: PLAN }, ...epochEvents(1, 1)]);
    await settle();
    expect(describeKeeping(keeper.getSnapshot(), engine.getSnapshot().state.run)).toEqual({
      problem: 'Could not keep a checkpoint of this run: browser storage is full.',
      keptEpoch: null,
      leftAlone: null,
    });
  });
});
