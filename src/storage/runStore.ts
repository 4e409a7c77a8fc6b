/**
 * Finished training runs kept in the browser's IndexedDB, so they survive a reload and can be compared.
 * Opening never throws: a browser that cannot keep runs gets a message for the person instead.
 */
import type { IDBPDatabase } from 'idb';
import { z } from 'zod';
import { BACKEND_NAMES } from '../domain/backends.ts';
import { MNIST_REF, type DatasetRef } from '../domain/datasetRef.ts';
import type { ModelSpec } from '../domain/modelSpec.ts';
import type { BackendName, BatchPoint, EpochMetrics, TestResult } from '../training/protocol.ts';
import { describeError } from '../domain/describeError.ts';
import { isStorageFull, openBrowserDatabase, writeStores, type StoreWrite } from './browserDatabase.ts';
import { addDatasetOf, anyNumber, batchPointSchema, datasetRefSchema, epochMetricsSchema, modelSpecSchema, storedList } from './recordSchemas.ts';
import { readRecord, readRecords, stampRecord, unchangedSinceUnversioned, type RecordFormat, type RecordsLeftAlone } from './recordVersions.ts';

export interface RunRecord {
  readonly id: string;
  readonly name: string;
  /** Milliseconds since the epoch; orders the list and decides which runs the cap drops. */
  readonly createdAt: number;
  readonly spec: ModelSpec;
  /** The data it trained on: the Runs table names it, and the charts say when overlaid runs trained on other data. */
  readonly dataset: DatasetRef;
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

/** The runs that read, newest first, and how many records were left as they are (a newer version's, or unreadable). */
export interface RunListing {
  readonly runs: RunRecord[];
  readonly leftAlone: RecordsLeftAlone;
}

/** Writes never reject: they answer with a message. list rejects only when the database itself fails (closed for a newer version of the page in another tab). */
export interface RunStore {
  list(): Promise<RunListing>;
  /**
   * Adds or replaces the run, dropping the oldest runs beyond MAX_KEPT_RUNS in the same transaction. Only runs this
   * page reads count and are dropped: records of a newer version, or unreadable ones, are never touched.
   */
  save(run: RunRecord): Promise<StoreWrite>;
  remove(id: string): Promise<StoreWrite>;
  /** A run that is gone (deleted in another tab) stays gone. */
  rename(id: string, name: string): Promise<StoreWrite>;
}

export type RunStoreResult = { readonly ok: true; readonly store: RunStore } | { readonly ok: false; readonly message: string };

export const MAX_KEPT_RUNS = 50;
const DB_NAME = 'convnet-playground-runs';
const DB_VERSION = 1;
const STORE = 'runs';
const BY_CREATED = 'createdAt';


/** Typed against RunRecord, so a field added there without a rule here fails to compile. */
const runSchema: z.ZodType<RunRecord> = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: anyNumber,
  spec: modelSpecSchema,
  dataset: datasetRefSchema,
  backend: z.enum(BACKEND_NAMES),
  durationMs: anyNumber,
  batches: storedList(batchPointSchema),
  epochs: storedList(epochMetricsSchema),
  test: z.object({ loss: anyNumber, accuracy: anyNumber, count: anyNumber }).nullable(),
  perClassAccuracy: storedList(anyNumber).nullable(),
  confusion: storedList(storedList(anyNumber)).nullable(),
  status: z.enum(['finished', 'stopped', 'failed']),
});

/** Version 1 added recordVersion itself; version 2 the run's dataset (older runs trained on MNIST). */
export const RUN_FORMAT: RecordFormat<RunRecord> = { current: 2, upgrades: [unchangedSinceUnversioned, addDatasetOf(MNIST_REF)], schema: runSchema };

const unavailable = (reason: string): RunStoreResult => ({
  ok: false,
  message: `Runs cannot be kept in this browser: ${reason}; they will be lost on reload.`,
});

/** Opens (creating on first use) the run database; `factory` defaults to the page's indexedDB. Never throws. */
export async function openRunStore(factory?: IDBFactory): Promise<RunStoreResult> {
  const opened = await openBrowserDatabase({
    factory,
    name: DB_NAME,
    version: DB_VERSION,
    keeps: 'runs',
    createStores: (db) => db.createObjectStore(STORE, { keyPath: 'id' }).createIndex(BY_CREATED, 'createdAt'),
  });
  return opened.ok ? { ok: true, store: storeOver(opened.db) } : unavailable(opened.reason);
}

function storeOver(db: IDBPDatabase): RunStore {
  return {
    async list() {
      const raw: unknown[] = await db.getAllFromIndex(STORE, BY_CREATED);
      const { records, leftAlone } = readRecords(RUN_FORMAT, raw.reverse());
      return { runs: records, leftAlone };
    },
    save: (run) =>
      writeOnce(db, 'save this run', async (tx) => {
        const store = tx.objectStore(STORE);
        await store.put(stampRecord(RUN_FORMAT, run));
        const isRun = (value: unknown) => readRecord(RUN_FORMAT, value).kind === 'read';
        let excess = (await store.getAll()).filter(isRun).length - MAX_KEPT_RUNS;
        let cursor = excess > 0 ? await store.index(BY_CREATED).openCursor() : null;
        for (; cursor && excess > 0; cursor = await cursor.continue()) {
          if (!isRun(cursor.value)) continue;
          await cursor.delete();
          excess--;
        }
        return null;
      }),
    remove: (id) =>
      writeOnce(db, 'delete this run', async (tx) => {
        await tx.objectStore(STORE).delete(id);
        return null;
      }),
    rename: (id, name) =>
      writeOnce(db, 'rename this run', async (tx) => {
        const read = readRecord(RUN_FORMAT, await tx.objectStore(STORE).get(id));
        if (read.kind === 'read') await tx.objectStore(STORE).put(stampRecord(RUN_FORMAT, { ...read.value, name }));
        return null;
      }),
  };
}

/** One transaction per write, so a failure leaves the database as it was. */
const writeOnce = (db: IDBPDatabase, action: string, work: Parameters<typeof writeStores>[2]) =>
  writeStores(db, [STORE], work, (reason) => describeWriteFailure(action, reason));

function describeWriteFailure(action: string, reason: unknown): string {
  const full = isStorageFull(reason);
  const why = full ? 'browser storage is full' : describeError(reason);
  const advice = full ? ' Delete some saved runs and try again.' : '';
  return `Could not ${action}: ${why}. Nothing was half-written; saved runs are as they were.${advice}`;
}
