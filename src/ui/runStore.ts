/**
 * Finished training runs kept in the browser's IndexedDB, so they survive a reload and can be compared.
 * Opening never throws: a browser that cannot keep runs gets a message for the person instead.
 */
import { wrap, type IDBPDatabase, type IDBPObjectStore, type IDBPTransaction } from 'idb';
import { z } from 'zod';
import type { ModelSpec } from '../spec/types.ts';
import type { BackendName, BatchPoint, EpochMetrics, TestResult } from '../training/protocol.ts';

export interface RunRecord {
  readonly id: string;
  readonly name: string;
  /** Milliseconds since the epoch; orders the list and decides which runs the cap drops. */
  readonly createdAt: number;
  readonly spec: ModelSpec;
  readonly backend: BackendName;
  readonly durationMs: number;
  /** Already downsampled by the caller (downsampleBatches), so a record stays a few tens of kilobytes. */
  readonly batches: readonly BatchPoint[];
  readonly epochs: readonly EpochMetrics[];
  readonly test: TestResult | null;
  readonly perClassAccuracy: readonly number[] | null;
  readonly confusion: readonly (readonly number[])[] | null;
  readonly status: 'finished' | 'stopped' | 'failed';
}

/** Each method rejects only when the database itself fails, e.g. closed for a newer version of the page in another tab. */
export interface RunStore {
  /** Newest first; records that no longer read as a run are skipped. */
  list(): Promise<RunRecord[]>;
  /** Adds or replaces the run, dropping the oldest beyond MAX_KEPT_RUNS in the same transaction. */
  save(run: RunRecord): Promise<void>;
  remove(id: string): Promise<void>;
  /** A run that is gone (deleted in another tab) stays gone. */
  rename(id: string, name: string): Promise<void>;
}

export type RunStoreResult = { readonly ok: true; readonly store: RunStore } | { readonly ok: false; readonly message: string };

export const MAX_KEPT_RUNS = 50;
const DB_NAME = 'convnet-playground-runs';
const DB_VERSION = 1;
const STORE = 'runs';
const BY_CREATED = 'createdAt';

/** Any number: a diverging run's loss is NaN or Infinity, and such a run is still worth keeping. */
const num = z.custom<number>((value) => typeof value === 'number');
const pair = z.tuple([num, num]);
const padding = z.enum(['valid', 'same']);
const activation = z.enum(['relu', 'softmax', 'sigmoid', 'tanh', 'linear']);
const pooling = { poolSize: pair, strides: pair.nullable(), padding };

const layerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Conv2D'), filters: num, kernelSize: pair, strides: pair, padding, activation }),
  z.object({ type: z.literal('MaxPooling2D'), ...pooling }),
  z.object({ type: z.literal('AveragePooling2D'), ...pooling }),
  z.object({ type: z.literal('BatchNormalization') }),
  z.object({ type: z.literal('Flatten') }),
  z.object({ type: z.literal('Dense'), units: num, activation }),
  z.object({ type: z.literal('Dropout'), rate: num }),
]);

const trainingSchema = z.object({
  optimizer: z.enum(['rmsprop', 'adam', 'sgd']),
  learningRate: num,
  batchSize: num,
  epochs: num,
  trainSize: num,
  validationSplit: num,
  testSize: num,
});

const epochSchema = z.object({
  epoch: num,
  loss: num,
  accuracy: num,
  valLoss: num.nullable(),
  valAccuracy: num.nullable(),
  samplesPerSecond: num,
  elapsedMs: num,
  etaMs: num,
  numTensors: num,
});

/** Typed against RunRecord, so a field added there without a rule here fails to compile. */
const runSchema: z.ZodType<RunRecord> = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: num,
  spec: z.object({ layers: z.array(layerSchema), training: trainingSchema }),
  backend: z.enum(['webgl', 'wasm', 'cpu']),
  durationMs: num,
  batches: z.array(z.object({ epochProgress: num, step: num, loss: num, accuracy: num })),
  epochs: z.array(epochSchema),
  test: z.object({ loss: num, accuracy: num, count: num }).nullable(),
  perClassAccuracy: z.array(num).nullable(),
  confusion: z.array(z.array(num)).nullable(),
  status: z.enum(['finished', 'stopped', 'failed']),
});

const unavailable = (reason: string): RunStoreResult => ({
  ok: false,
  message: `Runs cannot be kept in this browser: ${reason}; they will be lost on reload.`,
});

function describeError(error: unknown): string {
  if (error instanceof Error || error instanceof DOMException) return error.message ? `${error.name}: ${error.message}` : error.name;
  return String(error);
}

/**
 * Opens (creating on first use) the run database; `factory` defaults to the page's indexedDB. Never throws.
 * The global is read inside the try: some browsers throw a SecurityError merely for touching it when storage is off.
 */
export async function openRunStore(factory?: IDBFactory): Promise<RunStoreResult> {
  try {
    const chosen: IDBFactory | undefined = factory ?? globalThis.indexedDB;
    if (!chosen) return unavailable('this browser has no IndexedDB');
    const request = chosen.open(DB_NAME, DB_VERSION);
    request.addEventListener('upgradeneeded', () => {
      request.result.createObjectStore(STORE, { keyPath: 'id' }).createIndex(BY_CREATED, 'createdAt');
    });
    const blocked = new Promise<'blocked'>((resolve) => request.addEventListener('blocked', () => resolve('blocked')));
    const opening = wrap(request) as Promise<IDBPDatabase>;
    const opened = await Promise.race([opening, blocked]);
    if (opened === 'blocked') {
      // The upgrade waits for the other tab; if it ever gets through, this page no longer wants the connection.
      opening.then((db) => db.close(), () => undefined);
      return unavailable('another tab has this page open with an older version (close it and reload)');
    }
    // Step aside when a newer version of the page, in another tab, needs to upgrade the database.
    opened.addEventListener('versionchange', () => opened.close());
    return { ok: true, store: storeOver(opened) };
  } catch (error) {
    if (error instanceof DOMException && error.name === 'VersionError') return unavailable('a newer version of this page keeps its runs here (reload it)');
    return unavailable(`its storage could not be opened (${describeError(error)}), as happens in private browsing or with site data blocked`);
  }
}

function storeOver(db: IDBPDatabase): RunStore {
  return {
    async list() {
      const raw: unknown[] = await db.getAllFromIndex(STORE, BY_CREATED);
      const runs: RunRecord[] = [];
      for (const value of raw.reverse()) {
        const parsed = runSchema.safeParse(value);
        if (parsed.success) runs.push(parsed.data);
      }
      return runs;
    },
    save: (run) =>
      writeOnce(db, 'save this run', async (store) => {
        await store.put(run);
        let excess = (await store.index(BY_CREATED).count()) - MAX_KEPT_RUNS;
        let cursor = excess > 0 ? await store.index(BY_CREATED).openCursor() : null;
        for (; cursor && excess > 0; excess--) {
          await cursor.delete();
          cursor = await cursor.continue();
        }
      }),
    remove: (id) => writeOnce(db, 'delete this run', (store) => store.delete(id)),
    rename: (id, name) =>
      writeOnce(db, 'rename this run', async (store) => {
        const parsed = runSchema.safeParse(await store.get(id));
        if (parsed.success) await store.put({ ...parsed.data, name });
      }),
  };
}

type RunObjectStore = IDBPObjectStore<unknown, [typeof STORE], typeof STORE, 'readwrite'>;
type RunWriteTransaction = IDBPTransaction<unknown, [typeof STORE], 'readwrite'>;

/**
 * One transaction per write, so a failure (quota, a value the browser cannot store) leaves the database as it was.
 * The transaction's own error is the true reason: requests still pending when it aborts fail with a bare AbortError.
 */
async function writeOnce(db: IDBPDatabase, action: string, work: (store: RunObjectStore) => Promise<unknown>): Promise<void> {
  let tx: RunWriteTransaction;
  try {
    tx = db.transaction(STORE, 'readwrite');
  } catch (error) {
    throw describeWriteFailure(action, error);
  }
  try {
    await Promise.all([work(tx.store), tx.done]);
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished: it aborted itself, which is what failed.
    }
    await tx.done.catch(() => undefined);
    throw describeWriteFailure(action, tx.error ?? error);
  }
}

function describeWriteFailure(action: string, reason: unknown): Error {
  const full = reason instanceof DOMException && reason.name === 'QuotaExceededError';
  const why = full ? 'browser storage is full' : describeError(reason);
  const advice = full ? ' Delete some saved runs and try again.' : '';
  return new Error(`Could not ${action}: ${why}. Nothing was half-written; saved runs are as they were.${advice}`, { cause: reason });
}
