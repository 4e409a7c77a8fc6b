/**
 * The person's imported images ("Your images"), kept in their own IndexedDB database as one record: a new import
 * replaces it in one transaction, so until the new dataset is written whole the previous one stays. Opening and
 * reading never throw; every write answers with a message.
 */
import type { IDBPDatabase } from 'idb';
import { z } from 'zod';
import { describeError } from '../domain/describeError.ts';
import { imageBytesOf, type ImportedDataset } from '../domain/importedDataset.ts';
import { isStorageFull, openBrowserDatabase, writeStores, type StoreWrite, type WriteTransaction } from './browserDatabase.ts';
import { anyNumber, storedList } from './recordSchemas.ts';
import { readRecord, stampRecord, type RecordFormat, type RecordRead } from './recordVersions.ts';

const DB_NAME = 'convnet-playground-your-images';
const DB_VERSION = 1;
const DATASETS = 'datasets';
/** One dataset at a time, under a fixed key. */
const CURRENT = 'current';

const bytes = z.custom<Uint8Array>((value) => Object.prototype.toString.call(value) === '[object Uint8Array]');
const count = z.number().int().min(0);

const infoSchema = z.object({
  id: z.literal('your-images'),
  title: z.string(),
  inputShape: z.tuple([count, count, z.union([z.literal(1), z.literal(3)])]),
  classNames: storedList(z.string()),
  source: z.string(),
  drawable: z.boolean(),
  trainCount: count,
  testCount: count,
  imageFolder: z.object({ testFraction: anyNumber, seed: anyNumber }).optional(),
});

const datasetSchema = z
  .object({
    id: z.literal(CURRENT),
    info: infoSchema,
    images: bytes,
    labels: bytes,
    testMask: bytes,
    origin: z.enum(['folder', 'zip', 'idx']),
    sourceName: z.string(),
    skipped: z.object({ hidden: count, outsideClasses: count, notImages: count }),
    resized: count,
    importedAt: anyNumber,
  })
  // The arrays must agree with each other and with the shape, or training would read past them.
  .refine((d) => d.testMask.length === d.labels.length && d.images.length === d.labels.length * imageBytesOf(d.info) && d.labels.every((l) => l < d.info.classNames.length));

type StoredDataset = ImportedDataset & { readonly id: typeof CURRENT };
const DATASET_FORMAT: RecordFormat<StoredDataset> = { current: 1, upgrades: [], schema: datasetSchema as unknown as z.ZodType<StoredDataset> };

export interface KeptDataset {
  readonly dataset: ImportedDataset | null;
  /** Why a kept record is not shown (a newer version's, or damaged), or null. */
  readonly leftAlone: string | null;
}

export interface YourImagesStore {
  load(): Promise<KeptDataset>;
  /** Replaces the kept dataset whole, or leaves it as it was and says why. */
  save(dataset: ImportedDataset): Promise<StoreWrite>;
  remove(): Promise<StoreWrite>;
}

export type YourImagesStoreResult = { readonly ok: true; readonly store: YourImagesStore } | { readonly ok: false; readonly message: string };

/** Opens (creating on first use) the database; `factory` defaults to the page's indexedDB. Never throws. */
export async function openYourImagesStore(factory?: IDBFactory): Promise<YourImagesStoreResult> {
  const opened = await openBrowserDatabase({
    factory,
    name: DB_NAME,
    version: DB_VERSION,
    keeps: 'images',
    createStores: (db) => db.createObjectStore(DATASETS, { keyPath: 'id' }),
  });
  if (!opened.ok) return { ok: false, message: `Your images cannot be kept in this browser: ${opened.reason}.` };
  return { ok: true, store: storeOver(opened.db) };
}

const untouchedRecord = (read: RecordRead<unknown>) =>
  read.kind === 'newer'
    ? 'A dataset saved by a newer version of the playground is kept here: reload the page to use it. It was left as it is.'
    : 'The dataset kept here could not be read (damaged or written by something else); it was left as it is.';

function storeOver(db: IDBPDatabase): YourImagesStore {
  const write = (action: string, work: (tx: WriteTransaction) => Promise<string | null>) =>
    writeStores(db, [DATASETS], work, (reason) => describeWriteFailure(action, reason));
  /** Why the kept record may not be replaced or deleted (a version this page does not know), or null. */
  const refusal = async (tx: WriteTransaction) => {
    const stored: unknown = await tx.objectStore(DATASETS).get(CURRENT);
    if (stored === undefined) return null;
    const read = readRecord(DATASET_FORMAT, stored);
    return read.kind === 'read' || (read.kind === 'unreadable' && read.version === DATASET_FORMAT.current) ? null : untouchedRecord(read);
  };
  return {
    async load() {
      const stored: unknown = await db.get(DATASETS, CURRENT);
      const read = readRecord(DATASET_FORMAT, stored);
      if (read.kind === 'read') {
        const dataset: Record<string, unknown> = { ...read.value };
        delete dataset.id;
        return { dataset: dataset as unknown as ImportedDataset, leftAlone: null };
      }
      if (stored === undefined) return { dataset: null, leftAlone: null };
      return { dataset: null, leftAlone: untouchedRecord(read) };
    },
    save: (dataset) =>
      write('keep these images', async (tx) => {
        const refused = await refusal(tx);
        if (refused) return `${refused} The new images were not kept.`;
        await tx.objectStore(DATASETS).put(stampRecord(DATASET_FORMAT, { ...dataset, id: CURRENT }));
        return null;
      }),
    remove: () =>
      write('delete your images', async (tx) => {
        const refused = await refusal(tx);
        if (refused) return refused;
        await tx.objectStore(DATASETS).delete(CURRENT);
        return null;
      }),
  };
}

function describeWriteFailure(action: string, reason: unknown): string {
  const untouched = 'Nothing was half-written: the images kept before are as they were.';
  if (isStorageFull(reason)) return `Browser storage is full: could not ${action}. ${untouched} Delete saved models or runs, or choose a smaller image size, to make room.`;
  return `Could not ${action}: ${describeError(reason)}. ${untouched}`;
}
