import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { wrap, type IDBPDatabase } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeImportedDataset, type ImportedDataset } from '../domain/importedDataset.ts';
import { openYourImagesStore, type YourImagesStore } from './yourImagesStore.ts';

const DB_NAME = 'convnet-playground-your-images';

function datasetOf(seed: number, classes = ['circle', 'square']): ImportedDataset {
  const count = 6;
  const info = describeImportedDataset({ classNames: classes, height: 4, width: 4, channels: 3, trainCount: 4, testCount: 2, origin: 'zip', sourceName: `shapes-${seed}.zip`, split: { testFraction: 0.2, seed } });
  return {
    info,
    images: Uint8Array.from({ length: count * 48 }, (_, i) => (i * seed) % 256),
    labels: Uint8Array.from({ length: count }, (_, i) => i % classes.length),
    testMask: Uint8Array.from([0, 0, 1, 0, 1, 0]),
    origin: 'zip',
    sourceName: `shapes-${seed}.zip`,
    skipped: { hidden: 1, outsideClasses: 0, notImages: 2 },
    resized: 6,
    importedAt: 1000 + seed,
  };
}

async function openFresh(): Promise<{ store: YourImagesStore; factory: IDBFactory }> {
  const factory = new IDBFactory();
  const opened = await openYourImagesStore(factory);
  if (!opened.ok) throw new Error(opened.message);
  return { store: opened.store, factory };
}

const openRaw = (factory: IDBFactory) => wrap(factory.open(DB_NAME)) as Promise<IDBPDatabase>;

afterEach(() => vi.restoreAllMocks());

describe('YourImagesStore', () => {
  it('keeps one dataset as a recordVersion 1 record, survives a reopen (a reload), and deletes it', async () => {
    const { store, factory } = await openFresh();
    expect(await store.load()).toEqual({ dataset: null, leftAlone: null });
    expect(await store.save(datasetOf(1))).toEqual({ ok: true });
    expect(await store.save(datasetOf(2))).toEqual({ ok: true });
    const again = await openYourImagesStore(factory);
    if (!again.ok) throw new Error(again.message);
    expect(await again.store.load()).toEqual({ dataset: datasetOf(2), leftAlone: null });
    const raw = await openRaw(factory);
    expect(await raw.get('datasets', 'current')).toMatchObject({ recordVersion: 1, sourceName: 'shapes-2.zip' });
    raw.close();
    expect(await again.store.remove()).toEqual({ ok: true });
    expect((await again.store.load()).dataset).toBeNull();
  });

  it('says storage is full and keeps the previous dataset whole', async () => {
    const { store } = await openFresh();
    await store.save(datasetOf(1));
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const request = put.apply(this, args);
      (this.transaction as unknown as { _abort(name: string): void })._abort('QuotaExceededError');
      return request;
    });
    expect(await store.save(datasetOf(3))).toEqual({ ok: false, message: expect.stringMatching(/^Browser storage is full: could not keep these images\. Nothing was half-written/) });
    vi.restoreAllMocks();
    expect((await store.load()).dataset).toEqual(datasetOf(1));
  });

  it.each([
    ['a newer version', { recordVersion: 2 }, 'newer version'],
    ['no version (not ours)', { recordVersion: undefined }, 'could not be read'],
  ])('leaves a record of %s as it is: not shown, not replaced, not deleted', async (_, change, words) => {
    const { store, factory } = await openFresh();
    const raw = await openRaw(factory);
    const record: Record<string, unknown> = { ...datasetOf(5), id: 'current', ...change };
    if (change.recordVersion === undefined) delete record.recordVersion;
    await raw.put('datasets', record);
    expect(await store.load()).toEqual({ dataset: null, leftAlone: expect.stringContaining(words) });
    expect(await store.save(datasetOf(6))).toEqual({ ok: false, message: expect.stringContaining('The new images were not kept') });
    expect(await store.remove()).toEqual({ ok: false, message: expect.stringContaining(words) });
    expect(await raw.get('datasets', 'current')).toEqual(record);
    raw.close();
  });

  it('does not read a record whose arrays disagree with its shape', async () => {
    const { store, factory } = await openFresh();
    const raw = await openRaw(factory);
    await raw.put('datasets', { ...datasetOf(7), images: new Uint8Array(5), id: 'current', recordVersion: 1 });
    raw.close();
    expect(await store.load()).toEqual({ dataset: null, leftAlone: expect.stringContaining('could not be read') });
  });
});
