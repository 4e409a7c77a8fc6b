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
import { isReplaceable, readRecord, stampRecord, unchangedSinceUnversioned, type RecordFormat, type RecordRead } from './recordVersions.ts';

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

/** What the one slot holds: nothing, a checkpoint to offer, or a record this page leaves as it is, with what to tell the person. */
export type CheckpointLoad =
  | { readonly kind: 'none' }
  | { readonly kind: 'kept'; readonly stored: StoredCheckpoint }
  | { readonly kind: 'left-alone'; readonly message: string };

export interface CheckpointStore {
  /** Never deletes: a record that does not read is reported, not offered. */
  load(): Promise<CheckpointLoad>;
  /**
   * Replaces the kept checkpoint (one slot: a newer run's replaces an older one's, and a damaged one of a version this
   * page knows). A newer version's record is never replaced: the write is refused, saying why.
   */
  save(checkpoint: StoredCheckpoint): Promise<StoreWrite>;
  /** Forgets this page's checkpoint; a newer version's record, or one of unknown version, stays. */
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

/** Version 1 added recordVersion itself; unversioned records have the same fields (runName was already optional). */
export const CHECKPOINT_FORMAT: RecordFormat<StoredCheckpoint> = { current: 1, upgrades: [unchangedSinceUnversioned], schema: storedSchema };

const NEWER_KEPT = 'A newer version of the playground keeps an interrupted run in this browser: reload the page to get that version and resume it.';

/** What the person is told about a record the slot holds but this page does not offer. */
function describeLeftAloneCheckpoint(read: RecordRead<StoredCheckpoint>): string {
  if (read.kind === 'newer') return `${NEWER_KEPT} This page leaves it as it is.`;
  if (read.kind === 'unreadable' && read.version === null) {
    return 'The interrupted run kept in this browser cannot be read (its version is unknown): it is not offered, and left as it is.';
  }
  return 'The interrupted run kept in this browser is damaged and cannot be resumed; the next run’s checkpoint will replace it.';
}

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
        const stored: unknown = await db.get(STORE, KEY);
        if (stored === undefined) return { kind: 'none' };
        const read = readRecord(CHECKPOINT_FORMAT, stored);
        return read.kind === 'read' ? { kind: 'kept', stored: read.value } : { kind: 'left-alone', message: describeLeftAloneCheckpoint(read) };
      } catch {
        // A checkpoint that cannot be read cannot be resumed either: the person starts afresh, as without one.
        return { kind: 'none' };
      }
    },
    save: (checkpoint) =>
      writeOnce(db, 'keep a checkpoint of this run', (store) => store.put(stampRecord(CHECKPOINT_FORMAT, checkpoint), KEY), {
        consequence: 'Training goes on; a reload now would lose the run.',
        refusal: `Checkpoints of this run are not kept: ${NEWER_KEPT} Training goes on; a reload now would lose this run.`,
      }),
    clear: () =>
      writeOnce(db, 'forget the interrupted run', (store) => store.delete(KEY), {
        consequence: 'It may be offered for resuming again after a reload.',
        refusal: null,
      }),
  };
}

/** refusal: what a write says when the slot holds a record it must leave as it is; null to leave it silently. */
interface WriteWords {
  readonly consequence: string;
  readonly refusal: string | null;
}

/** One transaction per write, so a failure leaves the kept checkpoint as it was, and a record the page must not replace is checked in the same one. */
function writeOnce(db: IDBPDatabase, action: string, work: (store: CheckpointObjectStore) => Promise<unknown>, words: WriteWords): Promise<StoreWrite> {
  const why = (reason: unknown) => (isStorageFull(reason) ? 'browser storage is full' : describeError(reason));
  return writeStores(
    db,
    [STORE],
    async (tx) => {
      const store = tx.objectStore(STORE);
      const stored: unknown = await store.get(KEY);
      if (!isReplaceable(stored === undefined ? null : readRecord(CHECKPOINT_FORMAT, stored))) return words.refusal;
      await work(store);
      return null;
    },
    (reason) => `Could not ${action}: ${why(reason)}. ${words.consequence}`,
  );
}

type CheckpointObjectStore = IDBPObjectStore<unknown, string[], typeof STORE, 'readwrite'>;
