// Installs IDBRequest, IDBObjectStore… as globals: idb recognises IndexedDB objects by those classes.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { wrap, type IDBPDatabase } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FASHION_MNIST_REF, MNIST_REF } from '../domain/datasetRef.ts';
import { BOOK_TRAINING, DEFAULT_MODEL } from '../domain/defaults.ts';
import { MAX_MODEL_NAME_LENGTH, MAX_SAVED_MODELS, openModelStore, type ModelStore, type SavedModel, type SavedModelSummary } from './modelStore.ts';
import { openRunStore } from './runStore.ts';
import { modelOf, TINY_LAYERS } from './savedModelFixture.ts';

const DB_NAME = 'convnet-playground-models';
const CHAPTER5_PARAMS = 93_322;


const tinyAt = (savedAt: number, overrides: Partial<SavedModel> = {}) =>
  modelOf({ layers: TINY_LAYERS, training: BOOK_TRAINING }, { id: `model-${savedAt}`, name: `Model ${savedAt}`, savedAt, ...overrides });

function summaryOf(model: SavedModel): SavedModelSummary {
  const { id, name, spec, dataset, testAccuracy, testCount, backend, savedAt, origin } = model;
  return { id, name, spec, dataset, testAccuracy, testCount, backend, savedAt, origin, weightBytes: model.weightData.byteLength };
}

/** A fresh, empty browser database for each test. */
async function openFresh(): Promise<{ store: ModelStore; factory: IDBFactory }> {
  const factory = new IDBFactory();
  const opened = await openModelStore(factory);
  if (!opened.ok) throw new Error(opened.message);
  return { store: opened.store, factory };
}

/** A second connection that writes behind the store's back, as an older page version or a damaged profile would. */
const openRaw = (factory: IDBFactory) => wrap(factory.open(DB_NAME)) as Promise<IDBPDatabase>;

async function rawKeys(factory: IDBFactory): Promise<{ summaries: IDBValidKey[]; contents: IDBValidKey[] }> {
  const raw = await openRaw(factory);
  const keys = { summaries: await raw.getAllKeys('summaries'), contents: await raw.getAllKeys('contents') };
  raw.close();
  return keys;
}

async function loaded(store: ModelStore, id: string): Promise<SavedModel> {
  const result = await store.load(id);
  if (!result.ok || result.model === null) throw new Error(`expected model ${id}, got ${JSON.stringify(result)}`);
  return result.model;
}

const idsOf = (models: readonly { id: string }[]) => models.map((model) => model.id);
const bytesOf = (buffer: ArrayBuffer) => new Uint8Array(buffer);

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('ModelStore', () => {
  it('lists summaries newest first and loads each model back with identical weights', async () => {
    const { store } = await openFresh();
    const chapter5 = modelOf(DEFAULT_MODEL, { id: 'model-2', savedAt: 2_000 });
    const models = [chapter5, tinyAt(3_000, { origin: 'uploaded', testAccuracy: null, testCount: null, backend: null }), tinyAt(1_000)];
    for (const model of models) expect(await store.save(model)).toEqual({ ok: true });

    expect((await store.list()).models).toEqual([models[1], models[0], models[2]].map((model) => summaryOf(model!)));
    const back = await loaded(store, 'model-2');
    expect(back).toEqual(chapter5);
    expect(back.weightData.byteLength).toBe(CHAPTER5_PARAMS * 4);
    expect(bytesOf(back.weightData)).toEqual(bytesOf(chapter5.weightData));
  });

  it('answers null for a model that is not there', async () => {
    const { store } = await openFresh();
    expect(await store.load('model-gone')).toEqual({ ok: true, model: null });
  });

  it('replaces a model saved again under the same id, and trims its name', async () => {
    const { store } = await openFresh();
    await store.save(tinyAt(1));
    await store.save(tinyAt(1, { name: '  Retrained  ', testAccuracy: 0.5 }));
    expect((await store.list()).models).toEqual([summaryOf(tinyAt(1, { name: 'Retrained', testAccuracy: 0.5 }))]);
  });

  it('refuses to save a model without a usable name', async () => {
    const { store } = await openFresh();
    expect(await store.save(tinyAt(1, { name: ' \n ' }))).toEqual({ ok: false, message: 'A saved model needs a name.' });
    expect((await store.list()).models).toEqual([]);
  });

  it('renames a model, trimmed, and leaves the rest of it alone', async () => {
    const { store } = await openFresh();
    await store.save(tinyAt(1));
    expect(await store.rename('model-1', '  Adam, lr 0.01 ')).toEqual({ ok: true });
    expect(await store.rename('model-gone', 'nobody')).toEqual({ ok: true });
    expect(await loaded(store, 'model-1')).toEqual(tinyAt(1, { name: 'Adam, lr 0.01' }));
    expect(idsOf((await store.list()).models)).toEqual(['model-1']);
  });

  it.each([
    ['', 'A saved model needs a name.'],
    ['   ', 'A saved model needs a name.'],
    ['x'.repeat(MAX_MODEL_NAME_LENGTH + 1), `A name can have at most ${MAX_MODEL_NAME_LENGTH} characters; this one has ${MAX_MODEL_NAME_LENGTH + 1}.`],
  ])('refuses to rename to %j', async (name, message) => {
    const { store } = await openFresh();
    await store.save(tinyAt(1));
    expect(await store.rename('model-1', name)).toEqual({ ok: false, message });
    expect(((await store.list()).models)[0]?.name).toBe('Model 1');
  });

  it('accepts a name of exactly the longest length', async () => {
    const { store } = await openFresh();
    await store.save(tinyAt(1));
    expect(await store.rename('model-1', 'x'.repeat(MAX_MODEL_NAME_LENGTH))).toEqual({ ok: true });
  });

  it('deletes a model, summary and weights together', async () => {
    const { store, factory } = await openFresh();
    await store.save(tinyAt(1));
    await store.save(tinyAt(2));
    expect(await store.remove('model-1')).toEqual({ ok: true });
    expect(await store.remove('model-gone')).toEqual({ ok: true });
    expect(idsOf((await store.list()).models)).toEqual(['model-2']);
    expect(await rawKeys(factory)).toEqual({ summaries: ['model-2'], contents: ['model-2'] });
    expect(await store.load('model-1')).toEqual({ ok: true, model: null });
  });

  it(`keeps at most ${MAX_SAVED_MODELS} models, asking for a deletion rather than dropping one`, async () => {
    const { store } = await openFresh();
    for (let t = 1; t <= MAX_SAVED_MODELS; t++) await store.save(tinyAt(t));
    const before = (await store.list()).models;

    const refused = await store.save(tinyAt(999, { name: 'One too many' }));
    expect(refused).toEqual({
      ok: false,
      message: `The shelf is full: it keeps at most ${MAX_SAVED_MODELS} saved models. Delete one you no longer need, then save “One too many” again.`,
    });
    expect((await store.list()).models).toEqual(before);
    expect(await store.load('model-999')).toEqual({ ok: true, model: null });

    expect(await store.save(tinyAt(1, { name: 'Replaced in place' }))).toEqual({ ok: true });
    await store.remove('model-2');
    expect(await store.save(tinyAt(999))).toEqual({ ok: true });
    expect((await store.list()).models).toHaveLength(MAX_SAVED_MODELS);
  });

  it('does not count damaged records, which nobody can see to delete, towards the cap', async () => {
    const { store, factory } = await openFresh();
    for (let t = 1; t < MAX_SAVED_MODELS; t++) await store.save(tinyAt(t));
    const raw = await openRaw(factory);
    await raw.put('summaries', { id: 'junk', savedAt: 5, name: 42 });
    raw.close();
    expect(await store.save(tinyAt(999))).toEqual({ ok: true });
  });
});

describe('damaged records', () => {
  it('are skipped in the list, not renamed, and load as a message', async () => {
    const { store, factory } = await openFresh();
    const good = tinyAt(1);
    await store.save(good);
    await store.save(tinyAt(2, { name: 'Bad weights' }));
    await store.save(tinyAt(3, { name: 'Short weights' }));
    const raw = await openRaw(factory);
    await raw.put('summaries', { id: 'junk-name', savedAt: 5, name: 42 });
    await raw.put('summaries', { ...summaryOf(tinyAt(6)), id: 'junk-layer', spec: { ...BOOK_TRAINING, layers: [{ type: 'LSTM', units: 4 }] } });
    await raw.put('summaries', { id: 'junk-undated' });
    await raw.put('contents', { id: 'model-2', modelTopology: {}, weightSpecs: 'none', weightData: new ArrayBuffer(8) });
    await raw.put('contents', { ...(await raw.get('contents', 'model-3')), weightData: new ArrayBuffer(8) });
    raw.close();

    expect(idsOf((await store.list()).models)).toEqual(['model-3', 'model-2', 'model-1']);
    expect(await store.rename('junk-name', 'fixed?')).toEqual({ ok: true });
    expect(await store.load('junk-name')).toEqual({ ok: false, message: expect.stringMatching(/^This saved model cannot be read back: its stored copy is damaged\./) });
    expect(await store.load('model-2')).toEqual({ ok: false, message: expect.stringMatching(/^The saved model “Bad weights” cannot be read back/) });
    expect(await store.load('model-3')).toEqual({ ok: false, message: expect.stringContaining('Delete it, then save or upload the model again.') });
    expect(await loaded(store, 'model-1')).toEqual(good);

    const after = await openRaw(factory);
    expect(await after.get('summaries', 'junk-name')).toEqual({ id: 'junk-name', savedAt: 5, name: 42 });
    after.close();
    expect(await store.remove('junk-name')).toEqual({ ok: true });
  });

  it('stamps both parts of a model with their version, and reads a model saved before versions', async () => {
    const { store, factory } = await openFresh();
    await store.save(tinyAt(1));
    const raw = await openRaw(factory);
    expect(await raw.get('summaries', 'model-1')).toMatchObject({ recordVersion: 2, dataset: MNIST_REF });
    expect(await raw.get('contents', 'model-1')).toMatchObject({ recordVersion: 1 });
    const old = tinyAt(2);
    const { modelTopology, weightSpecs, weightData } = old;
    // Saved before models kept their data: read as MNIST's, the only data then.
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- left out, as records before datasets had none
    const { dataset: _mnist, ...beforeDatasets } = summaryOf(old);
    await raw.put('summaries', beforeDatasets);
    await raw.put('contents', { id: old.id, modelTopology, weightSpecs, weightData });
    raw.close();
    expect(await store.list()).toEqual({ models: [summaryOf(old), summaryOf(tinyAt(1))], leftAlone: { newer: 0, unreadable: 0 } });
    expect(bytesOf((await loaded(store, 'model-2')).weightData)).toEqual(bytesOf(weightData));
  });

  it('keeps the data a model was made for, listed and loaded; a version-2 summary with a damaged dataset is left alone', async () => {
    const { store, factory } = await openFresh();
    await store.save(tinyAt(1, { dataset: FASHION_MNIST_REF }));
    expect((await store.list()).models.map((model) => model.dataset)).toEqual([FASHION_MNIST_REF]);
    expect((await loaded(store, 'model-1')).dataset).toEqual(FASHION_MNIST_REF);
    const raw = await openRaw(factory);
    const damaged = { ...(await raw.get('summaries', 'model-1')), dataset: { ...FASHION_MNIST_REF, inputShape: [28, 28, 'one'] } };
    await raw.put('summaries', damaged);
    raw.close();
    expect((await store.list()).leftAlone).toEqual({ newer: 0, unreadable: 1 });
    expect(await store.load('model-1')).toEqual({ ok: false, message: expect.stringMatching(/^This saved model cannot be read back/) });
    await store.rename('model-1', 'renamed');
    const after = await openRaw(factory);
    expect(await after.get('summaries', 'model-1')).toEqual(damaged);
    after.close();
  });

  it('counts a newer version’s model without listing it, says so when asked for it, and never changes it', async () => {
    const { store, factory } = await openFresh();
    const future = tinyAt(3);
    const newerSummary = { ...summaryOf(future), recordVersion: 3, tags: ['mine'] };
    const raw = await openRaw(factory);
    await raw.put('summaries', newerSummary);
    await raw.put('contents', { id: future.id, modelTopology: future.modelTopology, weightSpecs: future.weightSpecs, weightData: future.weightData, recordVersion: 2 });
    raw.close();
    for (let t = 10; t < 10 + MAX_SAVED_MODELS; t++) expect(await store.save(tinyAt(t))).toEqual({ ok: true });
    await store.rename('model-3', 'renamed');
    const listing = await store.list();
    expect(listing.models).toHaveLength(MAX_SAVED_MODELS);
    expect(listing.leftAlone).toEqual({ newer: 1, unreadable: 0 });
    expect(await store.load('model-3')).toEqual({ ok: false, message: expect.stringMatching(/saved by a newer version of the playground.*kept as it is\.$/) });
    const after = await openRaw(factory);
    expect(await after.get('summaries', 'model-3')).toEqual(newerSummary);
    after.close();
  });

  it('are refused at once when they hold a list of 100,000 bad items', async () => {
    // Found by fuzzing: zod worded an issue for each item, 0.4 to 0.9 s per such record.
    const { store, factory } = await openFresh();
    await store.save(tinyAt(1));
    await store.save(tinyAt(2));
    const raw = await openRaw(factory);
    await raw.put('summaries', { ...summaryOf(tinyAt(1)), spec: { ...BOOK_TRAINING, layers: new Array(100_000).fill(7) } });
    await raw.put('contents', { ...(await raw.get('contents', 'model-2')), weightSpecs: new Array(100_000).fill(7) });
    raw.close();
    const started = performance.now();
    expect(idsOf((await store.list()).models)).toEqual(['model-2']);
    expect(await store.load('model-2')).toEqual({ ok: false, message: expect.stringMatching(/^The saved model “Model 2” cannot be read back/) });
    expect(performance.now() - started).toBeLessThan(300);
  });
});

/**
 * fake-indexeddb has no quota. A browser out of space aborts the transaction with a QuotaExceededError, which is
 * what fake-indexeddb's internal _abort(name) does (the spec's "abort a transaction with error").
 */
function failWithQuotaOnPutInto(storeName: 'summaries' | 'contents') {
  const put = IDBObjectStore.prototype.put;
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    const request = put.apply(this, args);
    if (this.name === storeName) (this.transaction as unknown as { _abort(name: string): void })._abort('QuotaExceededError');
    return request;
  });
}

describe('a failed save', () => {
  const fullMessage = /^Browser storage is full: could not save “Chapter 5 · 99\.1%”\. Nothing was half-written; saved models are as they were\. Delete saved models or runs to make room\.$/;

  it.each(['summaries', 'contents'] as const)('says storage is full when the write into %s runs out of room, and writes neither store', async (storeName) => {
    const { store, factory } = await openFresh();
    await store.save(tinyAt(1));
    const before = await rawKeys(factory);
    failWithQuotaOnPutInto(storeName);
    expect(await store.save(modelOf(DEFAULT_MODEL, { id: 'model-new' }))).toEqual({ ok: false, message: expect.stringMatching(fullMessage) });
    vi.restoreAllMocks();
    expect(await rawKeys(factory)).toEqual(before);
    expect(await store.load('model-new')).toEqual({ ok: true, model: null });
  });

  it('keeps the old copy whole when replacing a model runs out of room', async () => {
    const { store } = await openFresh();
    const old = modelOf(DEFAULT_MODEL);
    await store.save(old);
    failWithQuotaOnPutInto('contents');
    const replacement = modelOf(DEFAULT_MODEL, { testAccuracy: 0.5, weightData: new Float32Array(CHAPTER5_PARAMS).fill(7).buffer });
    expect(await store.save(replacement)).toEqual({ ok: false, message: expect.stringMatching(fullMessage) });
    vi.restoreAllMocks();
    expect((await store.list()).models).toEqual([summaryOf(old)]);
    expect(bytesOf((await loaded(store, 'model-1')).weightData)).toEqual(bytesOf(old.weightData));
  });

  it('reports a model the browser cannot store, and writes nothing', async () => {
    const { store, factory } = await openFresh();
    const unclonable = tinyAt(2, { modelTopology: { toJSON: () => 'a function' } });
    expect(await store.save(unclonable)).toEqual({ ok: false, message: expect.stringMatching(/^Could not save “Model 2”: DataCloneError.*Nothing was half-written/) });
    expect(await rawKeys(factory)).toEqual({ summaries: [], contents: [] });
  });

  it('steps aside for a newer version of the page in another tab, then says why it cannot save', async () => {
    const { store, factory } = await openFresh();
    (await (wrap(factory.open(DB_NAME, 2)) as Promise<IDBPDatabase>)).close();
    expect(await store.save(tinyAt(1))).toEqual({ ok: false, message: expect.stringMatching(/^Could not save “Model 1”: InvalidStateError/) });
  });
});

describe('openModelStore', () => {
  const downloadInstead = /^Trained models cannot be saved in this browser: .+; download a model to keep it\.$/;

  it('says so when the browser has no IndexedDB', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const opened = await openModelStore();
    expect(opened).toEqual({ ok: false, message: expect.stringMatching(downloadInstead) });
    expect(opened.ok || opened.message).toContain('no IndexedDB');
  });

  it('says so when storage refuses to open, as in private browsing', async () => {
    const refusing = {
      open() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    } as unknown as IDBFactory;
    const opened = await openModelStore(refusing);
    expect(opened).toEqual({ ok: false, message: expect.stringMatching(downloadInstead) });
    expect(opened.ok || opened.message).toContain('SecurityError: The operation is insecure.');
  });

  it('says so when the database belongs to a newer version of the page', async () => {
    const factory = new IDBFactory();
    (await (wrap(factory.open(DB_NAME, 99)) as Promise<IDBPDatabase>)).close();
    const opened = await openModelStore(factory);
    expect(opened.ok || opened.message).toContain('a newer version of this page');
  });

  it("keeps its own database beside the runs', touching neither's stores", async () => {
    const factory = new IDBFactory();
    const [runs, models] = [await openRunStore(factory), await openModelStore(factory)];
    expect([runs.ok, models.ok]).toEqual([true, true]);
    expect((await factory.databases()).map((db) => db.name).sort()).toEqual(['convnet-playground-models', 'convnet-playground-runs']);
  });
});
