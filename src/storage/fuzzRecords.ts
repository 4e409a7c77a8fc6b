/**
 * Stored records as property-test input for the stores' *.fuzz.test.ts files (imported by tests only): valid runs,
 * saved models and checkpoints as the page writes them, and a raw writer that puts any value behind a store's back, as
 * an older page version or a damaged profile would.
 */
import fc from 'fast-check';
import { wrap, type IDBPDatabase } from 'idb';
import { BACKEND_NAMES } from '../domain/backends.ts';
import { FASHION_MNIST_REF, MNIST_REF, type DatasetRef } from '../domain/datasetRef.ts';
import { BOOK_TRAINING } from '../domain/defaults.ts';
import { buildableLayers, editorSpec } from '../domain/fuzzSpecs.ts';
import { LAYER_TYPES, type ModelSpec } from '../domain/modelSpec.ts';
import type { BatchPoint, EpochMetrics } from '../training/protocol.ts';
import type { StoredCheckpoint } from './checkpointStore.ts';
import type { SavedModel } from './modelStore.ts';
import type { RunRecord } from './runStore.ts';
import { modelOf } from './savedModelFixture.ts';

/** A metric as a run records it: any double, NaN and ±Infinity included (a diverging run's loss). */
const metric = fc.double();
const batchPoint: fc.Arbitrary<BatchPoint> = fc.record({ epochProgress: metric, step: metric, loss: metric, accuracy: metric });
const epochMetrics: fc.Arbitrary<EpochMetrics> = fc.record({
  epoch: metric,
  loss: metric,
  accuracy: metric,
  valLoss: fc.option(metric, { nil: null }),
  valAccuracy: fc.option(metric, { nil: null }),
  samplesPerSecond: metric,
  elapsedMs: metric,
  etaMs: metric,
  numTensors: metric,
});
const backend = fc.constantFrom(...BACKEND_NAMES);
/** A key the object store and its date index both accept: a string id, a finite time. */
const time = fc.integer({ min: 0, max: 2 ** 45 });
const small = <T>(item: fc.Arbitrary<T>) => fc.array(item, { maxLength: 4 });

/** The data a run or model was made on: a shipped dataset, or images of any size, classes and names. */
export const datasetRefs: fc.Arbitrary<DatasetRef> = fc.oneof(
  fc.constantFrom(MNIST_REF, FASHION_MNIST_REF),
  fc.record({
    id: fc.constantFrom('your-images', 'a-newer-dataset'),
    title: fc.string({ maxLength: 30 }),
    inputShape: fc.tuple(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 64 }), fc.constantFrom(1, 3)),
    classNames: fc.array(fc.string({ maxLength: 12 }), { minLength: 2, maxLength: 5 }),
  }),
);

/** Runs with their own ids and times, as the run ledger saves them. */
export const runRecords: fc.Arbitrary<RunRecord[]> = fc
  .uniqueArray(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 12 }),
      name: fc.string(),
      createdAt: time,
      spec: editorSpec,
      dataset: datasetRefs,
      backend,
      durationMs: metric,
      batches: small(batchPoint),
      epochs: small(epochMetrics),
      test: fc.option(fc.record({ loss: metric, accuracy: metric, count: metric }), { nil: null }),
      perClassAccuracy: fc.option(small(metric), { nil: null }),
      confusion: fc.option(small(small(metric)), { nil: null }),
      status: fc.constantFrom('finished' as const, 'stopped' as const, 'failed' as const),
    }),
    { minLength: 1, maxLength: 4, selector: (run) => run.id },
  )
  .filter((runs) => new Set(runs.map((run) => run.createdAt)).size === runs.length);

/** A trained or uploaded model as the shelf keeps it, with fresh ids and times. */
export const savedModels: fc.Arbitrary<SavedModel[]> = fc
  .array(
    fc.record({ layers: buildableLayers, name: fc.string({ minLength: 1, maxLength: 20 }).filter((n) => n.trim() === n && n.length > 0), accuracy: fc.option(metric, { nil: null }), dataset: datasetRefs }),
    { minLength: 1, maxLength: 3 },
  )
  .map((drawn) =>
    drawn.map(({ layers, name, accuracy, dataset }, i) =>
      modelOf({ layers, training: BOOK_TRAINING }, { id: `model-${i}`, name, dataset, savedAt: 1_000 + i, testAccuracy: accuracy, origin: i % 2 ? 'uploaded' : 'trained' }),
    ),
  );

/** An interrupted run's checkpoint after `epoch` of its epochs, its weights from the model on the shelf. */
export const storedCheckpoints: fc.Arbitrary<StoredCheckpoint> = fc
  .record({ layers: buildableLayers, epochs: fc.integer({ min: 1, max: 100 }), epoch: fc.nat({ max: 100 }), seed: fc.integer(), history: small(batchPoint), metrics: small(epochMetrics), runName: fc.option(fc.string(), { nil: undefined }) })
  .filter(({ epoch, epochs }) => epoch <= epochs)
  .map(({ layers, epochs, epoch, seed, history, metrics, runName }) => {
    const spec: ModelSpec = { layers, training: { ...BOOK_TRAINING, epochs } };
    const { modelTopology, weightSpecs, weightData } = modelOf(spec);
    const optimizer = { weightSpecs: [{ name: 'iter', shape: [], dtype: 'int32' as const }], weightData: new Int32Array([epoch * 938]).buffer };
    const checkpoint = { epoch, step: epoch * 938, elapsedMs: epoch * 12_000, model: { modelTopology, weightSpecs, weightData }, optimizer };
    const plan = { fitSize: 60_000, validationSize: 0, batchesPerEpoch: 938, totalSteps: epochs * 938 };
    return { ...(runName === undefined ? {} : { runName }), spec, seed, backend: 'wasm' as const, plan, savedAt: 1_700_000_000_000, checkpoint, batches: history, epochs: metrics };
  });

/**
 * Puts a value into a store over a second connection, as a damaged profile would; false when IndexedDB refuses it
 * (no valid key, or a value it cannot clone), since such a record can never be there for the store to read.
 */
export async function putRaw(factory: IDBFactory, database: string, store: string, value: unknown, key?: IDBValidKey): Promise<boolean> {
  const db = await (wrap(factory.open(database)) as Promise<IDBPDatabase>);
  try {
    await db.put(store, value, key);
    return true;
  } catch {
    return false;
  } finally {
    db.close();
  }
}

/** Every record of a store, by key, read behind the store's back. */
export async function allRaw(factory: IDBFactory, database: string, store: string): Promise<Map<IDBValidKey, unknown>> {
  const db = await (wrap(factory.open(database)) as Promise<IDBPDatabase>);
  const tx = db.transaction(store);
  const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll(), tx.done]);
  db.close();
  return new Map(keys.map((key, i) => [key, values[i]]));
}

export async function clearRaw(factory: IDBFactory, database: string, stores: readonly string[]): Promise<void> {
  const db = await (wrap(factory.open(database)) as Promise<IDBPDatabase>);
  for (const store of stores) await db.clear(store);
  db.close();
}

/** What the page relies on in a spec read back: a list of the editor's layer types and an object of settings. */
export function isSpecShaped(spec: ModelSpec): boolean {
  return Array.isArray(spec.layers) && spec.layers.every((layer) => LAYER_TYPES.includes(layer.type)) && typeof spec.training === 'object' && spec.training !== null;
}
