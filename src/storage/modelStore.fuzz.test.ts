/**
 * Saved models read back from IndexedDB, fuzzed: a summary or a contents record damaged behind the store's back (one
 * field replaced, removed or added, or any value at all) never makes list() or load() reject or take long; load() gives
 * a model whose weights are exactly as long as its specs and its summary say, or says the copy is damaged; and every
 * model the shelf saves, of any buildable shape, lists and loads back as it was.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzAsync, mutate, storableHostileValue, storableMutation, timedAsync } from '../domain/fuzzing.ts';
import { allRaw, clearRaw, isSpecShaped, putRaw, savedModels } from './fuzzRecords.ts';
import { CONTENTS_FORMAT, openModelStore, SUMMARY_FORMAT, type ModelStore, type SavedModel } from './modelStore.ts';
import { stampRecord } from './recordVersions.ts';

const BOUNDARY = 'saved models (IndexedDB)';
const DB_NAME = 'convnet-playground-models';
const STORES = ['summaries', 'contents'] as const;
const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

async function openFresh(): Promise<{ store: ModelStore; factory: IDBFactory }> {
  const factory = new IDBFactory();
  const opened = await openModelStore(factory);
  if (!opened.ok) throw new Error(opened.message);
  return { store: opened.store, factory };
}

function summaryOf({ id, name, spec, dataset, testAccuracy, testCount, backend, savedAt, origin, weightData }: SavedModel) {
  return { id, name, spec, dataset, testAccuracy, testCount, backend, savedAt, origin, weightBytes: weightData.byteLength };
}
const contentsOf = ({ id, modelTopology, weightSpecs, weightData }: SavedModel) => ({ id, modelTopology, weightSpecs, weightData });

/** A loaded model's weights are exactly what its specs and its summary say; a damaged one is named as damaged. */
async function expectSoundLoad(store: ModelStore, id: string): Promise<void> {
  const result = await timedAsync(() => store.load(id));
  if (!result.ok) {
    expect(result.message).toMatch(/cannot be read back: its stored copy is damaged\.|was saved by a newer version of the playground/);
    return;
  }
  if (result.model === null) return;
  const { weightSpecs, weightData, spec, name } = result.model;
  expect(weightData.byteLength).toBe(4 * weightSpecs.reduce((sum, w) => sum + size(w.shape), 0));
  expect(weightSpecs.every((w) => w.dtype === 'float32' && w.shape.every((d) => Number.isSafeInteger(d) && d > 0))).toBe(true);
  expect(isSpecShaped(spec) && typeof name === 'string').toBe(true);
}

describe('saved models, fuzzed', () => {
  it('lists and loads whatever a damaged summary or contents record holds, without rejecting', async () => {
    const { store, factory } = await openFresh();
    const damage = fc.record({ which: fc.constantFrom(...STORES), change: fc.oneof(storableMutation.map((m) => ({ m })), storableHostileValue.map((v) => ({ v }))) });
    await fuzzAsync(BOUNDARY, fc.asyncProperty(savedModels, fc.array(damage, { minLength: 1, maxLength: 3 }), async (models, damages) => {
      await clearRaw(factory, DB_NAME, STORES);
      for (const model of models) expect(await store.save(model)).toEqual({ ok: true });
      for (const [i, { which, change }] of damages.entries()) {
        const model = models[i % models.length] as SavedModel;
        // Stamped as the store writes them, so damage to the dataset is read as version 2's, not migrated away.
        const record = which === 'summaries' ? stampRecord(SUMMARY_FORMAT, summaryOf(model)) : stampRecord(CONTENTS_FORMAT, contentsOf(model));
        await putRaw(factory, DB_NAME, which, 'm' in change ? mutate(record, change.m) : { id: model.id, savedAt: 0, value: change.v });
      }
      const before = await Promise.all(STORES.map((which) => allRaw(factory, DB_NAME, which)));
      const listed = (await timedAsync(() => store.list())).models;
      expect(listed.every((summary) => isSpecShaped(summary.spec) && typeof summary.weightBytes === 'number')).toBe(true);
      // The data each lists with is one the shelf can compare: whole positive sides, class names that are text.
      expect(listed.every(({ dataset }) => dataset.inputShape.every((side) => Number.isSafeInteger(side) && side > 0) && dataset.classNames.every((n) => typeof n === 'string'))).toBe(true);
      for (const model of models) await expectSoundLoad(store, model.id);
      await expectSoundLoad(store, 'no-such-model');
      // Reading never deletes or rewrites a record, however damaged.
      expect(await Promise.all(STORES.map((which) => allRaw(factory, DB_NAME, which)))).toEqual(before);
    }));
  });

  it('lists and loads back every model it saved, newest first, with the same weights', async () => {
    const { store, factory } = await openFresh();
    await fuzzAsync(BOUNDARY, fc.asyncProperty(savedModels, async (models) => {
      await clearRaw(factory, DB_NAME, STORES);
      for (const model of models) expect(await store.save(model)).toEqual({ ok: true });
      expect((await timedAsync(() => store.list())).models).toEqual(models.map(summaryOf).reverse());
      for (const model of models) {
        const loaded = await timedAsync(() => store.load(model.id));
        expect(loaded.ok && loaded.model !== null && Buffer.from(loaded.model.weightData).equals(Buffer.from(model.weightData))).toBe(true);
        expect(loaded.ok && loaded.model && { ...loaded.model, weightData: null }).toEqual({ ...model, weightData: null });
      }
    }));
  });
});
