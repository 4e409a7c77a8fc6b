import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { FASHION_MNIST_REF, MNIST_REF, type DatasetRef } from '../domain/datasetRef.ts';
import { BOOK_TRAINING } from '../domain/defaults.ts';
import { openModelStore } from '../storage/modelStore.ts';
import { modelOf, TINY_LAYERS } from '../storage/savedModelFixture.ts';
import { startedEngine } from './engineHarness.ts';
import { ModelShelf } from './modelShelf.ts';

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const SHAPES: DatasetRef = { id: 'your-images', title: 'Your images', inputShape: [32, 32, 3], classNames: ['circles', 'squares', 'triangles'] };

/** A page reloaded over a shelf holding an MNIST model and, saved after it, a Fashion-MNIST one. */
async function reloadedShelf() {
  const factory = new IDBFactory();
  const opened = await openModelStore(factory);
  if (!opened.ok) throw new Error(opened.message);
  const spec = { layers: TINY_LAYERS, training: BOOK_TRAINING };
  await opened.store.save(modelOf(spec, { id: 'model-digits', name: 'Digits', savedAt: 1_000 }));
  await opened.store.save(modelOf(spec, { id: 'model-fashion', name: 'Fashion', savedAt: 2_000, dataset: FASHION_MNIST_REF }));
  const harness = startedEngine();
  const shelf = new ModelShelf(harness.engine, () => openModelStore(factory));
  const stop = shelf.start();
  await settle();
  const restored = () => harness.workers.flatMap((w) => w.received).flatMap((c) => (c.type === 'use-model' ? [c.name] : []));
  return { shelf, stop, restored };
}

describe('ModelShelf after a reload', () => {
  it('restores nothing until the page says which data it holds', async () => {
    const { restored, stop } = await reloadedShelf();
    expect(restored()).toEqual([]);
    stop();
  });

  it.each([
    ['MNIST', MNIST_REF, ['Digits']],
    ['Fashion-MNIST', FASHION_MNIST_REF, ['Fashion']],
    ['32×32 colour images, for which no saved model was made', SHAPES, []],
  ])('on %s, gives the pad the newest model made for that data, or none', async (_data, current, names) => {
    const { shelf, restored, stop } = await reloadedShelf();
    shelf.follow(current);
    await settle();
    expect(restored()).toEqual(names);
    expect(shelf.getSnapshot().problem).toBeNull();
    stop();
  });

  it('keeps an upload made for other data on the shelf without putting it on the pad, saying why', async () => {
    const { shelf, restored, stop } = await reloadedShelf();
    shelf.follow(MNIST_REF);
    await shelf.add(modelOf({ layers: TINY_LAYERS, training: BOOK_TRAINING }, { id: 'model-shapes', name: 'Shapes', dataset: SHAPES }));
    expect(restored()).not.toContain('Shapes');
    expect(shelf.getSnapshot().models.map((m) => m.name)).toContain('Shapes');
    expect(shelf.getSnapshot().notice).toMatch(/^Saved “Shapes” on the shelf: it was made for Your images, 32×32×3 — 3 classes; this dataset is 28×28×1/);
    stop();
  });
});
