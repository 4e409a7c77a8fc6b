// Installs IDBRequest, IDBObjectStore… as globals: idb recognises IndexedDB objects by those classes.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { wrap, type IDBPDatabase } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BOOK_TRAINING } from '../domain/defaults.ts';
import type { ModelSpec } from '../domain/modelSpec.ts';
import type { ModelArtifacts, OptimizerState } from '../training/protocol.ts';
import { openCheckpointStore, type CheckpointStore, type StoredCheckpoint } from './checkpointStore.ts';
import { modelOf, TINY_LAYERS } from './savedModelFixture.ts';

const DB_NAME = 'convnet-playground-checkpoint';
const TINY: ModelSpec = { layers: TINY_LAYERS, training: BOOK_TRAINING };
const BATCHES_PER_EPOCH = 938;

/** The tiny model (Flatten, Dense 10) as the worker exports it: dense/kernel [784, 10], dense/bias [10]. */
function modelArtifacts(): ModelArtifacts {
  const { modelTopology, weightSpecs, weightData } = modelOf(TINY);
  return { modelTopology, weightSpecs, weightData };
}

/** RMSprop's state as tf.io.encodeWeights gives it: 'iter' (int32 scalar) first, then rms and momentum per weight. */
function rmspropState(model: ModelArtifacts, iter: number): OptimizerState {
  const slots = model.weightSpecs.flatMap((w) => ['rms', 'momentum'].map((slot) => ({ name: `${w.name}/${slot}`, shape: w.shape, dtype: 'float32' as const })));
  const floats = slots.reduce((sum, w) => sum + w.shape.reduce((a, b) => a * b, 1), 0);
  const weightData = new ArrayBuffer(4 + floats * 4);
  new Int32Array(weightData, 0, 1)[0] = iter;
  new Float32Array(weightData, 4).forEach((_, i, values) => (values[i] = 1 / (i + 1)));
  return { weightSpecs: [{ name: 'iter', shape: [], dtype: 'int32' }, ...slots], weightData };
}

/** After `epoch` of BOOK_TRAINING's 5 epochs, with the history the charts need. */
function checkpointAfter(epoch: number, overrides: Partial<StoredCheckpoint> = {}): StoredCheckpoint {
  const model = modelArtifacts();
  const step = epoch * BATCHES_PER_EPOCH;
  return {
    spec: TINY,
    seed: 7,
    backend: 'webgl',
    plan: { fitSize: 60_000, validationSize: 0, batchesPerEpoch: BATCHES_PER_EPOCH, totalSteps: 5 * BATCHES_PER_EPOCH },
    savedAt: 1_700_000_000_000 + epoch,
    checkpoint: { epoch, step, elapsedMs: epoch * 12_000, model, optimizer: rmspropState(model, step) },
    batches: Array.from({ length: epoch }, (_, i) => ({ epochProgress: i + 1, step: (i + 1) * BATCHES_PER_EPOCH, loss: 0.3 / (i + 1), accuracy: 0.9 })),
    epochs: Array.from({ length: epoch }, (_, i) => ({
      epoch: i + 1,
      loss: 0.3 / (i + 1),
      accuracy: 0.9,
      valLoss: null,
      valAccuracy: null,
      samplesPerSecond: 5_000,
      elapsedMs: (i + 1) * 12_000,
      etaMs: (4 - i) * 12_000,
      numTensors: 12,
    })),
    ...overrides,
  };
}

/** A fresh, empty browser database for each test. */
async function openFresh(): Promise<{ store: CheckpointStore; factory: IDBFactory }> {
  const factory = new IDBFactory();
  const opened = await openCheckpointStore(factory);
  if (!opened.ok) throw new Error(opened.message);
  return { store: opened.store, factory };
}

/** A second connection that writes behind the store's back, as an older page version or a damaged profile would. */
const openRaw = (factory: IDBFactory) => wrap(factory.open(DB_NAME)) as Promise<IDBPDatabase>;

async function putRaw(factory: IDBFactory, value: unknown): Promise<void> {
  const raw = await openRaw(factory);
  await raw.put('checkpoint', value, 'current');
  raw.close();
}

async function getRaw(factory: IDBFactory): Promise<unknown> {
  const raw = await openRaw(factory);
  const value: unknown = await raw.get('checkpoint', 'current');
  raw.close();
  return value;
}

/** The checkpoint offered for resuming, or null. */
async function resumable(store: CheckpointStore): Promise<StoredCheckpoint | null> {
  const loaded = await store.load();
  return loaded.kind === 'kept' ? loaded.stored : null;
}

async function rawKeys(factory: IDBFactory): Promise<IDBValidKey[]> {
  const raw = await openRaw(factory);
  const keys = await raw.getAllKeys('checkpoint');
  raw.close();
  return keys;
}

const bytesOf = (buffer: ArrayBuffer) => new Uint8Array(buffer);

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('CheckpointStore', () => {
  it('has nothing to resume in a new browser', async () => {
    const { store } = await openFresh();
    expect(await store.load()).toEqual({ kind: 'none' });
  });

  it('gives back every field it kept, with the bytes of the weights and of the optimizer state', async () => {
    const { store } = await openFresh();
    const kept = checkpointAfter(2);
    expect(await store.save(kept)).toEqual({ ok: true });
    const back = await resumable(store);
    expect(back).toEqual(kept);
    expect(bytesOf(back!.checkpoint.model.weightData)).toEqual(bytesOf(kept.checkpoint.model.weightData));
    expect(bytesOf(back!.checkpoint.optimizer.weightData)).toEqual(bytesOf(kept.checkpoint.optimizer.weightData));
    expect(new Int32Array(back!.checkpoint.optimizer.weightData, 0, 1)[0]).toBe(2 * BATCHES_PER_EPOCH);
  });

  it('keeps one slot: a newer checkpoint, even another run’s, replaces the older one', async () => {
    const { store, factory } = await openFresh();
    await store.save(checkpointAfter(1));
    const otherRun = checkpointAfter(3, { seed: 8, backend: 'wasm', spec: { ...TINY, training: { ...BOOK_TRAINING, optimizer: 'adam' } } });
    expect(await store.save(otherRun)).toEqual({ ok: true });
    expect(await resumable(store)).toEqual(otherRun);
    expect(await rawKeys(factory)).toEqual(['current']);
  });

  it('forgets the checkpoint when cleared, and clearing nothing is fine', async () => {
    const { store, factory } = await openFresh();
    await store.save(checkpointAfter(1));
    expect(await store.clear()).toEqual({ ok: true });
    expect(await store.load()).toEqual({ kind: 'none' });
    expect(await rawKeys(factory)).toEqual([]);
    expect(await store.clear()).toEqual({ ok: true });
  });

  it('reports at once a checkpoint holding a list of 100,000 bad items, and leaves it', async () => {
    // Found by fuzzing: zod worded an issue for each item, 0.4 s before the page could open.
    const { store, factory } = await openFresh();
    await putRaw(factory, { ...checkpointAfter(1), batches: new Array(100_000).fill(7) });
    const started = performance.now();
    expect((await store.load()).kind).toBe('left-alone');
    expect(performance.now() - started).toBeLessThan(300);
    expect(await rawKeys(factory)).toEqual(['current']);
  });

  it('keeps a checkpoint of the last epoch', async () => {
    const { store } = await openFresh();
    await store.save(checkpointAfter(5));
    expect((await resumable(store))?.checkpoint.epoch).toBe(5);
  });
});

describe('a record that no longer reads as a checkpoint', () => {
  const good = checkpointAfter(2);
  const { model, optimizer } = good.checkpoint;
  const withoutPlan: Record<string, unknown> = { ...good };
  delete withoutPlan.plan;
  const withCheckpoint = (changes: Partial<StoredCheckpoint['checkpoint']>) => ({ ...good, checkpoint: { ...good.checkpoint, ...changes } });

  it.each([
    ['model weights one value short', withCheckpoint({ model: { ...model, weightData: model.weightData.slice(4) } })],
    ['optimizer state without its iter', withCheckpoint({ optimizer: { ...optimizer, weightSpecs: optimizer.weightSpecs.slice(1) } })],
    ['weights as a typed array, not an ArrayBuffer', withCheckpoint({ model: { ...model, weightData: new Float32Array(model.weightData) as unknown as ArrayBuffer } })],
    ['a float16 weight', withCheckpoint({ model: { ...model, weightSpecs: model.weightSpecs.map((w) => ({ ...w, dtype: 'float16' })) } as unknown as ModelArtifacts })],
    ['a negative dimension', withCheckpoint({ optimizer: { ...optimizer, weightSpecs: [{ name: 'iter', shape: [-1, -1], dtype: 'int32' }, ...optimizer.weightSpecs.slice(1)] } })],
    ['a fractional epoch', withCheckpoint({ epoch: 1.5 })],
    ['a negative step', withCheckpoint({ step: -1 })],
    ['an epoch past the run’s last', withCheckpoint({ epoch: BOOK_TRAINING.epochs + 1 })],
    ['no plan (an older format)', withoutPlan],
    ['no checkpoint at all', { spec: TINY, seed: 7 }],
    ['not even an object', 'checkpoint'],
  ])('with %s is reported, not offered, and left as it is until the next run’s checkpoint replaces it', async (_, damaged) => {
    const { store, factory } = await openFresh();
    await putRaw(factory, damaged);
    expect(await store.load()).toEqual({ kind: 'left-alone', message: expect.stringMatching(/^The interrupted run kept in this browser (is damaged|cannot be read)/) });
    expect(await getRaw(factory)).toEqual(damaged);
    const next = checkpointAfter(1);
    const written = await store.save(next);
    // A record with no version is a version-0 one the page knows; a string is no record at all, of no known version.
    if (typeof damaged === 'string') {
      expect(written).toEqual({ ok: false, message: expect.stringMatching(/^Checkpoints of this run are not kept/) });
      expect(await getRaw(factory)).toEqual(damaged);
    } else {
      expect(written).toEqual({ ok: true });
      expect(await resumable(store)).toEqual(next);
    }
  });
});

describe('records from other versions of the page', () => {
  it('stamps what it writes with its version, and reads a record from before versions as this version', async () => {
    const { store, factory } = await openFresh();
    const kept = checkpointAfter(2);
    await store.save(kept);
    expect(await getRaw(factory)).toMatchObject({ recordVersion: 1 });
    const unversioned: Record<string, unknown> = { ...kept };
    delete unversioned.runName;
    await putRaw(factory, unversioned);
    expect(await resumable(store)).toEqual(unversioned);
  });

  it.each([
    ['a newer version', { ...checkpointAfter(2), recordVersion: 2, aNewField: [1, 2] }, /^A newer version of the playground keeps an interrupted run/],
    ['an unknown version', { ...checkpointAfter(2), recordVersion: 'next' }, /cannot be read \(its version is unknown\)/],
    ['a fractional version', { ...checkpointAfter(2), recordVersion: 1.5 }, /cannot be read \(its version is unknown\)/],
  ])('leaves a record of %s as it is: reported, never offered, replaced or cleared', async (_, foreign, message) => {
    const { store, factory } = await openFresh();
    await putRaw(factory, foreign);
    expect(await store.load()).toEqual({ kind: 'left-alone', message: expect.stringMatching(message) });
    expect(await store.save(checkpointAfter(1))).toEqual({ ok: false, message: expect.stringMatching(/^Checkpoints of this run are not kept: .*a reload now would lose this run\.$/) });
    expect(await store.clear()).toEqual({ ok: true });
    expect(await getRaw(factory)).toEqual(foreign);
  });
});

describe('openCheckpointStore', () => {
  const loseTheRun = /^Interrupted runs cannot be kept in this browser: .+; a reload during training will lose the run\.$/;

  it('says so when storage refuses to open, as in private browsing', async () => {
    const refusing = {
      open() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    } as unknown as IDBFactory;
    const opened = await openCheckpointStore(refusing);
    expect(opened).toEqual({ ok: false, message: expect.stringMatching(loseTheRun) });
    expect(opened.ok || opened.message).toContain('SecurityError: The operation is insecure.');
  });

  it('says so when the browser has no IndexedDB', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const opened = await openCheckpointStore();
    expect(opened).toEqual({ ok: false, message: expect.stringMatching(loseTheRun) });
    expect(opened.ok || opened.message).toContain('no IndexedDB');
  });
});

describe('a failed write', () => {
  /** fake-indexeddb has no quota; a browser out of space aborts the transaction with a QuotaExceededError, as _abort does. */
  function failWithQuotaOnPut() {
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const request = put.apply(this, args);
      (this.transaction as unknown as { _abort(name: string): void })._abort('QuotaExceededError');
      return request;
    });
  }

  it('says storage is full, and keeps the previous checkpoint whole', async () => {
    const { store } = await openFresh();
    const previous = checkpointAfter(1);
    await store.save(previous);
    failWithQuotaOnPut();
    expect(await store.save(checkpointAfter(2))).toEqual({
      ok: false,
      message: 'Could not keep a checkpoint of this run: browser storage is full. Training goes on; a reload now would lose the run.',
    });
    vi.restoreAllMocks();
    const back = await resumable(store);
    expect(back).toEqual(previous);
    expect(bytesOf(back!.checkpoint.optimizer.weightData)).toEqual(bytesOf(previous.checkpoint.optimizer.weightData));
  });

  it('reports a checkpoint the browser cannot store, and writes nothing', async () => {
    const { store, factory } = await openFresh();
    const unclonable = checkpointAfter(1, { spec: { ...TINY, describe: () => 'a function' } as ModelSpec });
    expect(await store.save(unclonable)).toEqual({ ok: false, message: expect.stringMatching(/^Could not keep a checkpoint of this run: DataCloneError.*a reload now would lose the run\.$/) });
    expect(await rawKeys(factory)).toEqual([]);
  });

  it('steps aside for a newer version of the page in another tab: writes say why, reads find nothing', async () => {
    const { store, factory } = await openFresh();
    await store.save(checkpointAfter(1));
    (await (wrap(factory.open(DB_NAME, 2)) as Promise<IDBPDatabase>)).close();
    expect(await store.save(checkpointAfter(2))).toEqual({ ok: false, message: expect.stringMatching(/^Could not keep a checkpoint of this run: InvalidStateError/) });
    expect(await store.clear()).toEqual({ ok: false, message: expect.stringMatching(/^Could not forget the interrupted run: InvalidStateError/) });
    expect(await store.load()).toEqual({ kind: 'none' });
  });
});
