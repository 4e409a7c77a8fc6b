/**
 * The shelf of trained models kept in the browser's IndexedDB: listed, loaded, renamed and deleted (modelTransfer.ts turns
 * them into files and back). Opening never throws, and every write answers with a message instead of failing half-way.
 */
import type { IDBPDatabase } from 'idb';
import { z } from 'zod';
import type { WeightSpec } from '../domain/keras/modelFiles.ts';
import { MNIST_REF, type DatasetRef } from '../domain/datasetRef.ts';
import type { ModelSpec } from '../domain/modelSpec.ts';
import { describeError } from '../domain/describeError.ts';
import { isStorageFull, openBrowserDatabase, writeStores, type StoreWrite, type WriteTransaction } from './browserDatabase.ts';

export type { StoreWrite };
import { addDatasetOf, anyNumber, arrayBufferSchema, datasetRefSchema, modelSpecSchema, storedList, topologySchema, weightsMatchSpecs } from './recordSchemas.ts';
import { readRecord, readRecords, stampRecord, unchangedSinceUnversioned, type RecordFormat, type RecordsLeftAlone } from './recordVersions.ts';

export interface SavedModel {
  readonly id: string;
  readonly name: string;
  readonly spec: ModelSpec;
  /** The data it was trained on (or its file says it was): the shelf offers it only for data of the same shape and classes. */
  readonly dataset: DatasetRef;
  readonly testAccuracy: number | null;
  readonly testCount: number | null;
  readonly backend: string | null;
  /** Milliseconds since the epoch; orders the shelf, newest first. */
  readonly savedAt: number;
  readonly origin: 'trained' | 'uploaded';
  /** The Keras topology as tfjs' model.toJSON() gives it (an object, so a SavedModel is a training/protocol ModelArtifacts). */
  readonly modelTopology: object;
  readonly weightSpecs: readonly WeightSpec[];
  /** float32 values back to back, in weightSpecs' order. */
  readonly weightData: ArrayBuffer;
}

export type SavedModelSummary = Omit<SavedModel, 'weightData' | 'modelTopology' | 'weightSpecs'> & { readonly weightBytes: number };

export type ModelLoad = { readonly ok: true; readonly model: SavedModel | null } | { readonly ok: false; readonly message: string };

/** The models that read, newest first and without weights, and how many records were left as they are. */
export interface ModelListing {
  readonly models: SavedModelSummary[];
  readonly leftAlone: RecordsLeftAlone;
}

/** Reads reject only when the database itself fails (closed for a newer version of the page); writes never reject. */
export interface ModelStore {
  /** Records of a newer version, or unreadable ones, are counted, never changed. */
  list(): Promise<ModelListing>;
  /** null when there is no such model (deleted in another tab); a message when its record is damaged. */
  load(id: string): Promise<ModelLoad>;
  /** Adds, or replaces the model with the same id; refuses a new one when MAX_SAVED_MODELS are kept. */
  save(model: SavedModel): Promise<StoreWrite>;
  /** A model that is gone stays gone. */
  rename(id: string, name: string): Promise<StoreWrite>;
  remove(id: string): Promise<StoreWrite>;
}

export type ModelStoreResult = { readonly ok: true; readonly store: ModelStore } | { readonly ok: false; readonly message: string };

/** A full shelf asks the person to choose what goes: trained models are work, never dropped silently. */
export const MAX_SAVED_MODELS = 30;
export const MAX_MODEL_NAME_LENGTH = 80;
const DB_NAME = 'convnet-playground-models';
const DB_VERSION = 1;
/** Summaries and contents apart, so listing the shelf never reads a weights blob; both are written in one transaction. */
const SUMMARIES = 'summaries';
const CONTENTS = 'contents';
const BY_SAVED = 'savedAt';

/** Typed against SavedModelSummary, so a field added there without a rule here fails to compile. */
const summarySchema: z.ZodType<SavedModelSummary> = z.object({
  id: z.string(),
  name: z.string(),
  spec: modelSpecSchema,
  dataset: datasetRefSchema,
  testAccuracy: anyNumber.nullable(),
  testCount: anyNumber.nullable(),
  backend: z.string().nullable(),
  savedAt: anyNumber,
  origin: z.enum(['trained', 'uploaded']),
  weightBytes: anyNumber,
});

const contentsSchema = z
  .object({
    id: z.string(),
    modelTopology: topologySchema,
    weightSpecs: storedList(z.object({ name: z.string(), shape: storedList(z.number().int().positive()), dtype: z.literal('float32') })),
    weightData: arrayBufferSchema,
  })
  .refine(weightsMatchSpecs);

/** Version 1 added recordVersion itself; version 2 the model's dataset (older models were trained on MNIST). */
export const SUMMARY_FORMAT: RecordFormat<SavedModelSummary> = { current: 2, upgrades: [unchangedSinceUnversioned, addDatasetOf(MNIST_REF)], schema: summarySchema };
/** The weights did not change with the dataset: still version 1. */
export const CONTENTS_FORMAT: RecordFormat<z.infer<typeof contentsSchema>> = { current: 1, upgrades: [unchangedSinceUnversioned], schema: contentsSchema };

const unavailable = (reason: string): ModelStoreResult => ({
  ok: false,
  message: `Trained models cannot be saved in this browser: ${reason}; download a model to keep it.`,
});

const quoteName = (name: string) => `“${name.length > 40 ? `${name.slice(0, 40)}…` : name}”`;

/** The name trimmed, or why it cannot be one. */
export function checkModelName(name: string): { readonly ok: true; readonly name: string } | { readonly ok: false; readonly message: string } {
  const trimmed = name.trim();
  if (trimmed.length === 0) return { ok: false, message: 'A saved model needs a name.' };
  if (trimmed.length > MAX_MODEL_NAME_LENGTH) return { ok: false, message: `A name can have at most ${MAX_MODEL_NAME_LENGTH} characters; this one has ${trimmed.length}.` };
  return { ok: true, name: trimmed };
}

/** Unique enough for one person's shelf; crypto.randomUUID exists only on https and localhost. */
export const newModelId = (now: number) => `model-${now.toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** Opens (creating on first use) the model database; `factory` defaults to the page's indexedDB. Never throws. */
export async function openModelStore(factory?: IDBFactory): Promise<ModelStoreResult> {
  const opened = await openBrowserDatabase({
    factory,
    name: DB_NAME,
    version: DB_VERSION,
    keeps: 'models',
    createStores: (db) => {
      db.createObjectStore(SUMMARIES, { keyPath: 'id' }).createIndex(BY_SAVED, 'savedAt');
      db.createObjectStore(CONTENTS, { keyPath: 'id' });
    },
  });
  return opened.ok ? { ok: true, store: storeOver(opened.db) } : unavailable(opened.reason);
}

function storeOver(db: IDBPDatabase): ModelStore {
  return {
    async list() {
      const raw: unknown[] = await db.getAllFromIndex(SUMMARIES, BY_SAVED);
      const { records, leftAlone } = readRecords(SUMMARY_FORMAT, raw.reverse());
      return { models: records, leftAlone };
    },
    async load(id) {
      const tx = db.transaction([SUMMARIES, CONTENTS], 'readonly');
      const [summary, contents] = await Promise.all([tx.objectStore(SUMMARIES).get(id), tx.objectStore(CONTENTS).get(id), tx.done]);
      if (summary === undefined && contents === undefined) return { ok: true, model: null };
      const head = readRecord(SUMMARY_FORMAT, summary);
      const body = readRecord(CONTENTS_FORMAT, contents);
      if (head.kind === 'newer' || body.kind === 'newer') {
        return { ok: false, message: 'This saved model was saved by a newer version of the playground: reload the page to get that version. It is kept as it is.' };
      }
      if (head.kind !== 'read' || body.kind !== 'read' || body.value.weightData.byteLength !== head.value.weightBytes) {
        const which = head.kind === 'read' ? `The saved model ${quoteName(head.value.name)}` : 'This saved model';
        return { ok: false, message: `${which} cannot be read back: its stored copy is damaged. Delete it, then save or upload the model again.` };
      }
      const { name, spec, dataset, testAccuracy, testCount, backend, savedAt, origin } = head.value;
      const { modelTopology, weightSpecs, weightData } = body.value;
      return { ok: true, model: { id, name, spec, dataset, testAccuracy, testCount, backend, savedAt, origin, modelTopology, weightSpecs, weightData } };
    },
    async save(model) {
      const named = checkModelName(model.name);
      if (!named.ok) return named;
      const { modelTopology, weightSpecs, weightData, ...fields } = model;
      const summary: SavedModelSummary = { ...fields, name: named.name, weightBytes: weightData.byteLength };
      return writeOnce(db, [SUMMARIES, CONTENTS], `save ${quoteName(named.name)}`, async (tx) => {
        const summaries = tx.objectStore(SUMMARIES);
        if ((await summaries.getKey(model.id)) === undefined) {
          // Records the page cannot read count for nothing: the person cannot see them to delete them.
          const kept = (await summaries.getAll()).filter((value) => readRecord(SUMMARY_FORMAT, value).kind === 'read').length;
          if (kept >= MAX_SAVED_MODELS) {
            return `The shelf is full: it keeps at most ${MAX_SAVED_MODELS} saved models. Delete one you no longer need, then save ${quoteName(named.name)} again.`;
          }
        }
        // One request at a time: when one fails the transaction aborts, and a second pending one would reject unheard.
        await summaries.put(stampRecord(SUMMARY_FORMAT, summary));
        await tx.objectStore(CONTENTS).put(stampRecord(CONTENTS_FORMAT, { id: model.id, modelTopology, weightSpecs, weightData }));
        return null;
      });
    },
    async rename(id, name) {
      const named = checkModelName(name);
      if (!named.ok) return named;
      return writeOnce(db, [SUMMARIES], `rename this model to ${quoteName(named.name)}`, async (tx) => {
        const read = readRecord(SUMMARY_FORMAT, await tx.objectStore(SUMMARIES).get(id));
        if (read.kind === 'read') await tx.objectStore(SUMMARIES).put(stampRecord(SUMMARY_FORMAT, { ...read.value, name: named.name }));
        return null;
      });
    },
    remove: (id) =>
      writeOnce(db, [SUMMARIES, CONTENTS], 'delete this model', async (tx) => {
        await tx.objectStore(SUMMARIES).delete(id);
        await tx.objectStore(CONTENTS).delete(id);
        return null;
      }),
  };
}

/** One transaction per write, so a failure leaves the database as it was. `work` returns why it wrote nothing, or null. */
const writeOnce = (db: IDBPDatabase, stores: string[], action: string, work: (tx: WriteTransaction) => Promise<string | null>) =>
  writeStores(db, stores, work, (reason) => describeWriteFailure(action, reason));

function describeWriteFailure(action: string, reason: unknown): string {
  const untouched = 'Nothing was half-written; saved models are as they were.';
  if (isStorageFull(reason)) {
    return `Browser storage is full: could not ${action}. ${untouched} Delete saved models or runs to make room.`;
  }
  return `Could not ${action}: ${describeError(reason)}. ${untouched}`;
}
