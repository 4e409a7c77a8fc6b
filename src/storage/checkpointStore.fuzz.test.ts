/**
 * The interrupted run's checkpoint read back from IndexedDB, fuzzed: whatever the slot holds (a valid checkpoint with
 * one field replaced, removed or added, or any value at all), load() never rejects nor takes long; it offers the record
 * as written, with weights and optimizer state exactly as long as their specs and an epoch the run has not passed, or
 * reports it and leaves it as it is; and every checkpoint the keeper saves loads back as it was.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import fc from 'fast-check';
import { wrap, type IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import { fuzzAsync, mutate, storableHostileValue, storableMutation, timedAsync } from '../domain/fuzzing.ts';
import { openCheckpointStore, type CheckpointStore, type StoredCheckpoint } from './checkpointStore.ts';
import { isSpecShaped, putRaw, storedCheckpoints } from './fuzzRecords.ts';

const BOUNDARY = 'interrupted-run checkpoint (IndexedDB)';
const DB_NAME = 'convnet-playground-checkpoint';
const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const bytesFor = (specs: readonly { shape: readonly number[] }[]) => 4 * specs.reduce((sum, w) => sum + size(w.shape), 0);

async function openFresh(): Promise<{ store: CheckpointStore; factory: IDBFactory }> {
  const factory = new IDBFactory();
  const opened = await openCheckpointStore(factory);
  if (!opened.ok) throw new Error(opened.message);
  return { store: opened.store, factory };
}

async function slotKeys(factory: IDBFactory): Promise<IDBValidKey[]> {
  const raw = await (wrap(factory.open(DB_NAME)) as Promise<IDBPDatabase>);
  const keys = await raw.getAllKeys('checkpoint');
  raw.close();
  return keys;
}

/** What resuming relies on: weights and optimizer state as long as their specs, an epoch the run has not passed. */
function expectResumable(kept: StoredCheckpoint): void {
  const { model, optimizer, epoch } = kept.checkpoint;
  expect(model.weightData.byteLength).toBe(bytesFor(model.weightSpecs));
  expect(optimizer.weightData.byteLength).toBe(bytesFor(optimizer.weightSpecs));
  expect(epoch).toBeLessThanOrEqual(kept.spec.training.epochs);
  expect(isSpecShaped(kept.spec)).toBe(true);
}

describe('interrupted-run checkpoint, fuzzed', () => {
  it('offers a damaged checkpoint as written or reports it, leaving it, and never rejects', async () => {
    const { store, factory } = await openFresh();
    const damage = fc.oneof(storableMutation.map((m) => ({ m })), storableHostileValue.map((v) => ({ v })));
    await fuzzAsync(BOUNDARY, fc.asyncProperty(storedCheckpoints, damage, async (checkpoint, change) => {
      const value = 'm' in change ? mutate(checkpoint, change.m) : change.v;
      if (!(await putRaw(factory, DB_NAME, 'checkpoint', value, 'current'))) return;
      const loaded = await timedAsync(() => store.load());
      expect(await slotKeys(factory)).toEqual(['current']);
      // IndexedDB can hold undefined under a key, which reads as nothing kept.
      if (loaded.kind === 'none') expect(value).toBeUndefined();
      if (loaded.kind !== 'kept') {
        if (value !== undefined) expect(loaded).toEqual({ kind: 'left-alone', message: expect.any(String) });
        return;
      }
      expectResumable(loaded.stored);
      expect(value).toMatchObject(loaded.stored);
    }));
  });

  it('loads back every checkpoint it saved, weights and optimizer state byte for byte', async () => {
    const { store } = await openFresh();
    await fuzzAsync(BOUNDARY, fc.asyncProperty(storedCheckpoints, async (checkpoint) => {
      expect(await store.save(checkpoint)).toEqual({ ok: true });
      const loaded = await timedAsync(() => store.load());
      const kept = loaded.kind === 'kept' ? loaded.stored : null;
      expect(kept).toEqual(checkpoint);
      const same = (a: ArrayBuffer | undefined, b: ArrayBuffer) => a !== undefined && Buffer.from(a).equals(Buffer.from(b));
      expect(same(kept?.checkpoint.model.weightData, checkpoint.checkpoint.model.weightData)).toBe(true);
      expect(same(kept?.checkpoint.optimizer.weightData, checkpoint.checkpoint.optimizer.weightData)).toBe(true);
    }));
  });
});
