/**
 * The one interrupted training run's latest per-epoch checkpoint, kept in the browser's IndexedDB so that the person
 * can resume the run after a reload. Opening and reading never throw; every write answers with a message instead.
 */
import type { IDBPDatabase, IDBPObjectStore } from 'idb';
import { z } from 'zod';
import { BACKEND_NAMES } from '../domain/backends.ts';
import type { ModelSpec } from '../domain/modelSpec.ts';
import type { BackendName, BatchPoint, EpochMetrics, ModelArtifacts, OptimizerState, RunPlan, TrainingCheckpoint } from '../training/protocol.ts';
import { describeError } from '../domain/describeError.ts';
import { isStorageFull, openBrowserDatabase, writeStores, type StoreWrite } from './browserDatabase.ts';
import { anyNumber, arrayBufferSchema, batchPointSchema, epochMetricsSchema, modelSpecSchema, storedList, topologySchema, weightsMatchSpecs } from './recordSchemas.ts';

export interface StoredCheckpoint {
  /** What the page calls the run (absent in records kept before runs were named when they start). */
  readonly runName?: string;
  /** The spec (layers + training settings) the run was started with. */
  readonly spec: ModelSpec;
  /** The run's seed: a resumed run replays its shuffles from it. */
  readonly seed: number;
  readonly backend: BackendName;
  readonly plan: RunPlan;
  /** Milliseconds since the epoch when this checkpoint was written. */
  readonly savedAt: number;
  readonly checkpoint: TrainingCheckpoint;
  /** The run's history up to the checkpoint, for the charts: already downsampled by the caller. */
  readonly batches: readonly BatchPoint[];
  readonly epochs: readonly EpochMetrics[];
}

export interface CheckpointStore {
  /** The kept checkpoint, or null when there is none or its record no longer reads as one (damaged, older format): such a record is deleted. */
  load(): Promise<StoredCheckpoint | null>;
  /** Replaces the kept checkpoint (one slot: a newer run's replaces an older one's). */
  save(checkpoint: StoredCheckpoint): Promise<StoreWrite>;
  clear(): Promise<StoreWrite>;
}

export type CheckpointStoreResult = { readonly ok: true; readonly store: CheckpointStore } | { readonly ok: false; readonly message: string };

const DB_NAME = 'convnet-playground-checkpoint';
const DB_VERSION = 1;
const STORE = 'checkpoint';
/** One slot: only the run that was interrupted last can be resumed. */
const KEY = 'current';

const count = z.number().int().nonnegative();
const weightSpec = { name: z.string(), shape: storedList(count) };

const modelSchema: z.ZodType<ModelArtifacts> = z
  .object({
    modelTopology: topologySchema,
    weightSpecs: storedList(z.object({ ...weightSpec, dtype: z.literal('float32') })),
    weightData: arrayBufferSchema,
  })
  .refine(weightsMatchSpecs, 'the model weights do not match their specs');

const optimizerSchema: z.ZodType<OptimizerState> = z
  .object({ weightSpecs: storedList(z.object({ ...weightSpec, dtype: z.enum(['float32', 'int32']) })), weightData: arrayBufferSchema })
  .refine(weightsMatchSpecs, 'the optimizer state does not match its specs');

/** Typed against StoredCheckpoint, so a field added there without a rule here fails to compile. */
const storedSchema: z.ZodType<StoredCheckpoint> = z
  .object({
    runName: z.string().optional(),
    spec: modelSpecSchema,
    seed: z.number(),
    backend: z.enum(BACKEND_NAMES),
    plan: z.object({ fitSize: count, validationSize: count, batchesPerEpoch: count, totalSteps: count }),
    savedAt: anyNumber,
    checkpoint: z.object({ epoch: count, step: count, elapsedMs: z.number().nonnegative(), model: modelSchema, optimizer: optimizerSchema }),
    batches: storedList(batchPointSchema),
    epochs: storedList(epochMetricsSchema),
  })
  // A run past its last epoch has nothing left to resume.
  .refine(({ spec, checkpoint }) => checkpoint.epoch <= spec.training.epochs, { message: 'the checkpoint is past the run’s last epoch', path: ['checkpoint', 'epoch'] });

const unavailable = (reason: string): CheckpointStoreResult => ({
  ok: false,
  message: `Interrupted runs cannot be kept in this browser: ${reason}; a reload during training will lose the run.`,
});

/** Opens (creating on first use) the checkpoint database; `factory` defaults to the page's indexedDB. Never throws. */
export async function openCheckpointStore(factory?: IDBFactory): Promise<CheckpointStoreResult> {
  const opened = await openBrowserDatabase({
    factory,
    name: DB_NAME,
    version: DB_VERSION,
    keeps: 'interrupted runs',
    createStores: (db) => db.createObjectStore(STORE),
  });
  return opened.ok ? { ok: true, store: storeOver(opened.db) } : unavailable(opened.reason);
}

function storeOver(db: IDBPDatabase): CheckpointStore {
  return {
    async load() {
      try {
        // Read and discard in one transaction, so a damaged record goes without touching one another tab wrote since.
        const tx = db.transaction([STORE], 'readwrite');
        const [kept] = await Promise.all([readOrDiscard(tx.objectStore(STORE)), tx.done]);
        return kept;
      } catch {
        // A checkpoint that cannot be read cannot be resumed either: the person starts afresh, as without one.
        return null;
      }
    },
    save: (checkpoint) =>
      writeOnce(db, 'keep a checkpoint of this run', (store) => store.put(checkpoint, KEY), 'Training goes on; a reload now would lose the run.'),
    clear: () => writeOnce(db, 'forget the interrupted run', (store) => store.delete(KEY), 'It may be offered for resuming again after a reload.'),
  };
}

async function readOrDiscard(store: CheckpointObjectStore): Promise<StoredCheckpoint | null> {
  const parsed = storedSchema.safeParse(await store.get(KEY));
  if (parsed.success) return parsed.data;
  await store.delete(KEY);
  return null;
}

/** One transaction per write, so a failure leaves the kept checkpoint as it was. */
function writeOnce(db: IDBPDatabase, action: string, work: (store: CheckpointObjectStore) => Promise<unknown>, consequence = ''): Promise<StoreWrite> {
  const why = (reason: unknown) => (isStorageFull(reason) ? 'browser storage is full' : describeError(reason));
  return writeStores(
    db,
    [STORE],
    async (tx) => {
      await work(tx.objectStore(STORE));
      return null;
    },
    (reason) => `Could not ${action}: ${why(reason)}.${consequence ? ` ${consequence}` : ''}`,
  );
}

type CheckpointObjectStore = IDBPObjectStore<unknown, string[], typeof STORE, 'readwrite'>;
