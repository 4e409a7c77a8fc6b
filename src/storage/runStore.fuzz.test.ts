/**
 * Kept runs read back from IndexedDB, fuzzed: records written behind the store's back (valid runs with one field
 * replaced, removed or added, and any value at all) never make list() or rename() reject or take long; list() gives
 * back only records that read as runs, exactly as they were written, every intact run among them; and every run the
 * ledger saves comes back as it was, newest first.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzAsync, mutate, storableHostileValue, storableMutation, timedAsync } from '../domain/fuzzing.ts';
import { allRaw, clearRaw, isSpecShaped, putRaw, runRecords } from './fuzzRecords.ts';
import { MNIST_REF } from '../domain/datasetRef.ts';
import { datasetRefs } from './fuzzRecords.ts';
import { stampRecord, versionOf } from './recordVersions.ts';
import { openRunStore, RUN_FORMAT, type RunRecord, type RunStore } from './runStore.ts';

const BOUNDARY = 'stored runs (IndexedDB)';
const DB_NAME = 'convnet-playground-runs';
const STATUSES: readonly unknown[] = ['finished', 'stopped', 'failed'];

/** One database per property, emptied before each case: opening one per case would cost most of the time. */
async function openFresh(): Promise<{ store: RunStore; factory: IDBFactory }> {
  const factory = new IDBFactory();
  const opened = await openRunStore(factory);
  if (!opened.ok) throw new Error(opened.message);
  return { store: opened.store, factory };
}

/** A run as the Runs panel uses it: its names, status, spec and charts' lists of the right kinds. */
function isRunShaped(run: RunRecord): boolean {
  return typeof run.id === 'string' && typeof run.name === 'string' && STATUSES.includes(run.status) && isSpecShaped(run.spec) && Array.isArray(run.batches) && Array.isArray(run.epochs);
}

describe('stored runs, fuzzed', () => {
  it('lists only records that read as runs, as written, whatever else the store holds', async () => {
    const damaged = fc.tuple(runRecords, fc.array(fc.oneof(storableMutation.map((m) => ({ m })), storableHostileValue.map((v) => ({ v }))), { minLength: 1, maxLength: 3 }));
    const { store, factory } = await openFresh();
    await fuzzAsync(BOUNDARY, fc.asyncProperty(damaged, async ([runs, junk]) => {
      await clearRaw(factory, DB_NAME, ['runs']);
      const [intact, ...others] = runs;
      const written = new Map<unknown, unknown>();
      // The intact run as the store writes it; the junk from it at whatever version its damage left it.
      const stamped = intact && stampRecord(RUN_FORMAT, intact);
      if (stamped && (await putRaw(factory, DB_NAME, 'runs', stamped))) written.set(stamped.id, stamped);
      for (const [i, item] of junk.entries()) {
        const other = others[i % Math.max(others.length, 1)];
        const base = other ? stampRecord(RUN_FORMAT, other) : { ...stamped, id: `junk-${i}` };
        const value = 'm' in item ? mutate(base, item.m) : { id: `junk-${i}`, createdAt: i, value: item.v };
        const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
        if (!written.has(id) && (await putRaw(factory, DB_NAME, 'runs', value))) written.set(id, value);
      }
      const listed = (await timedAsync(() => store.list())).runs;
      expect(listed.every(isRunShaped)).toBe(true);
      // As written, less any field a run does not have; one from before runs kept their data reads as MNIST's.
      const asRead = (value: unknown) => ((versionOf(value) ?? 0) < 2 ? { ...(value as object), dataset: MNIST_REF } : value);
      for (const run of listed) expect(asRead(written.get(run.id))).toMatchObject(run);
      if (intact) expect(listed.map((run) => run.id)).toContain(intact.id);
      // Renaming a record that no longer reads as a run leaves it as it was; nothing is ever deleted.
      for (const id of written.keys()) if (typeof id === 'string') expect((await timedAsync(() => store.rename(id, 'renamed'))).ok).toBe(true);
      // Keys compared as JSON: an array or a date is a key too, and a new object each time it is read.
      const keyed = (key: unknown) => JSON.stringify(key);
      const kept = new Map([...(await allRaw(factory, DB_NAME, 'runs'))].map(([key, value]) => [keyed(key), value]));
      expect(new Set(kept.keys())).toEqual(new Set([...written.keys()].map(keyed)));
      const listedIds = new Set(listed.map((run) => run.id));
      for (const [id, value] of written) if (!listedIds.has(id as string)) expect(kept.get(keyed(id))).toEqual(value);
    }));
  });

  it('brings back every run it saved, newest first', async () => {
    const { store, factory } = await openFresh();
    await fuzzAsync(BOUNDARY, fc.asyncProperty(runRecords, async (runs) => {
      await clearRaw(factory, DB_NAME, ['runs']);
      for (const run of runs) expect(await store.save(run)).toEqual({ ok: true });
      expect((await timedAsync(() => store.list())).runs).toEqual([...runs].sort((a, b) => b.createdAt - a.createdAt));
    }));
  });

  it('reads a run whose dataset field is damaged as nothing, never throwing, and leaves it as it is', async () => {
    const { store, factory } = await openFresh();
    const damagedData = fc.tuple(runRecords, datasetRefs, fc.oneof(storableMutation.map((m) => ({ m })), storableHostileValue.map((v) => ({ v }))));
    await fuzzAsync(BOUNDARY, fc.asyncProperty(damagedData, async ([[run], dataset, change]) => {
      await clearRaw(factory, DB_NAME, ['runs']);
      if (!run) return;
      const damaged = { ...stampRecord(RUN_FORMAT, run), dataset: 'm' in change ? mutate(dataset, change.m) : change.v };
      if (!(await putRaw(factory, DB_NAME, 'runs', damaged))) return;
      const { runs, leftAlone } = await timedAsync(() => store.list());
      expect(runs.length + leftAlone.unreadable).toBe(1);
      for (const listed of runs) {
        expect(listed.dataset.inputShape.every((side) => Number.isSafeInteger(side) && side > 0)).toBe(true);
        expect(listed.dataset.classNames.every((name) => typeof name === 'string')).toBe(true);
      }
      await store.rename(run.id, 'renamed');
      if (runs.length === 0) expect([...(await allRaw(factory, DB_NAME, 'runs')).values()]).toEqual([damaged]);
    }));
  });
});
