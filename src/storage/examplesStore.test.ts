// Installs IDBRequest, IDBObjectStore… as globals: idb recognises IndexedDB objects by those classes.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { wrap, type IDBPDatabase } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FineTuneComparison } from '../domain/fineTune.ts';
import { MAX_EXAMPLES, openExamplesStore, type ExamplesStore, type HandwritingExample } from './examplesStore.ts';

const DB_NAME = 'convnet-playground-handwriting';

async function openFresh(): Promise<{ store: ExamplesStore; factory: IDBFactory }> {
  const factory = new IDBFactory();
  const opened = await openExamplesStore(factory);
  if (!opened.ok) throw new Error(opened.message);
  return { store: opened.store, factory };
}

const exampleOf = (n: number, overrides: Partial<HandwritingExample> = {}): HandwritingExample => ({
  id: `example-${n}`,
  label: n % 10,
  pixels: Uint8Array.from({ length: 784 }, (_, i) => (i + n) % 256),
  strokes: [[[0.1, 0.2], [0.3, 0.4]], [[0.5, 0.5]]],
  readAs: (n + 1) % 10,
  createdAt: 1_000 + n,
  source: 'drawn',
  ...overrides,
});

const openRaw = (factory: IDBFactory) => wrap(factory.open(DB_NAME)) as Promise<IDBPDatabase>;

afterEach(() => vi.restoreAllMocks());

describe('ExamplesStore', () => {
  it('keeps examples, oldest first, with their pixels, strokes and answers, stamped recordVersion 1', async () => {
    const { store, factory } = await openFresh();
    expect(await store.add([exampleOf(2), exampleOf(1)])).toEqual({ ok: true });
    expect(await store.add([exampleOf(3, { source: 'imported', strokes: [], readAs: null })])).toEqual({ ok: true });
    const { examples, leftAlone } = await store.list();
    expect(examples).toEqual([exampleOf(1), exampleOf(2), exampleOf(3, { source: 'imported', strokes: [], readAs: null })]);
    expect(leftAlone).toEqual({ newer: 0, unreadable: 0 });
    const raw = await openRaw(factory);
    expect(await raw.get('examples', 'example-1')).toMatchObject({ recordVersion: 1, label: 1 });
    raw.close();
  });

  it('survives closing and reopening the database (a reload)', async () => {
    const factory = new IDBFactory();
    const first = await openExamplesStore(factory);
    if (!first.ok) throw new Error(first.message);
    await first.store.add([exampleOf(4)]);
    const again = await openExamplesStore(factory);
    if (!again.ok) throw new Error(again.message);
    expect((await again.store.list()).examples).toEqual([exampleOf(4)]);
  });

  it('removes one example and leaves the others', async () => {
    const { store } = await openFresh();
    await store.add([exampleOf(1), exampleOf(2)]);
    expect(await store.remove('example-1')).toEqual({ ok: true });
    expect((await store.list()).examples.map((e) => e.id)).toEqual(['example-2']);
  });

  it(`refuses, whole, examples that would take the set past ${MAX_EXAMPLES}, saying how much room is left`, async () => {
    const { store } = await openFresh();
    const many = Array.from({ length: MAX_EXAMPLES - 2 }, (_, i) => exampleOf(i + 10));
    expect(await store.add(many)).toEqual({ ok: true });
    const refused = await store.add([exampleOf(1), exampleOf(2), exampleOf(3)]);
    expect(refused).toEqual({ ok: false, message: expect.stringMatching(/limited to 2,000 and 1,998 are kept: these 3 examples would not fit \(room for 2\)\. Remove some first; nothing was added\./) });
    expect((await store.list()).examples).toHaveLength(MAX_EXAMPLES - 2);
    expect(await store.add([exampleOf(1), exampleOf(2)])).toEqual({ ok: true });
  });

  it('leaves a record of a newer version, or a damaged one, as it is: counted, not listed, not removed', async () => {
    const { store, factory } = await openFresh();
    await store.add([exampleOf(1)]);
    const raw = await openRaw(factory);
    await raw.put('examples', { ...exampleOf(2), recordVersion: 2, shape: 'from the future' });
    await raw.put('examples', { ...exampleOf(3), recordVersion: 1, label: 12 });
    const { examples, leftAlone } = await store.list();
    expect(examples.map((e) => e.id)).toEqual(['example-1']);
    expect(leftAlone).toEqual({ newer: 1, unreadable: 1 });
    expect(await store.remove('example-2')).toEqual({ ok: true });
    expect(await raw.get('examples', 'example-2')).toMatchObject({ recordVersion: 2 });
    raw.close();
  });

  it('says storage is full when a write runs out of room, and adds none of the examples', async () => {
    const { store } = await openFresh();
    await store.add([exampleOf(1)]);
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const request = put.apply(this, args);
      if (args[0] && (args[0] as { id?: string }).id === 'example-3') (this.transaction as unknown as { _abort(name: string): void })._abort('QuotaExceededError');
      return request;
    });
    const added = await store.add([exampleOf(2), exampleOf(3)]);
    expect(added).toEqual({ ok: false, message: expect.stringMatching(/^Browser storage is full: could not add 2 examples\. Nothing was half-written; your examples are as they were\./) });
    vi.restoreAllMocks();
    expect((await store.list()).examples.map((e) => e.id)).toEqual(['example-1']);
  });

  it('keeps the latest comparison and the mark of a fine-tune going, and clears the mark', async () => {
    const { store } = await openFresh();
    expect(await store.loadComparison()).toBeNull();
    const comparison: FineTuneComparison = {
      modelName: 'Pretrained + your handwriting · 98.6%',
      parentName: 'Pretrained chapter-5 model',
      finishedAt: 5,
      parentTest: { accuracy: 0.99, count: 10_000 },
      test: { accuracy: 0.986, count: 10_000 },
      split: 'All 6 examples are trained on.',
      examples: [{ id: 'example-1', label: 7, heldOut: false, before: 3, after: 7 }],
    };
    expect(await store.saveComparison(comparison)).toEqual({ ok: true });
    expect(await store.loadComparison()).toEqual(comparison);
    expect(await store.saveMark({ startedAt: 9, parentName: 'Pretrained chapter-5 model' })).toEqual({ ok: true });
    expect(await store.loadMark()).toEqual({ startedAt: 9, parentName: 'Pretrained chapter-5 model' });
    await store.saveMark(null);
    expect(await store.loadMark()).toBeNull();
  });
});
