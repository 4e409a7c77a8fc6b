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
import { openRunStore, type RunRecord, type RunStore } from './runStore.ts';

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
      if (intact && (await putRaw(factory, DB_NAME, 'runs', intact))) written.set(intact.id, intact);
      for (const [i, item] of junk.entries()) {
        const base = others[i % Math.max(others.length, 1)] ?? { ...intact, id: `junk-${i}` };
        const value = 'm' in item ? mutate(base, item.m) : { id: `junk-${i}`, createdAt: i, value: item.v };
        const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
        if (!written.has(id) && (await putRaw(factory, DB_NAME, 'runs', value))) written.set(id, value);
      }
      const listed = (await timedAsync(() => store.list())).runs;
      expect(listed.every(isRunShaped)).toBe(true);
      // As written, less any field a run does not have.
      for (const run of listed) expect(written.get(run.id)).toMatchObject(run);
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
});
