/**
 * The person's own labelled digits ("your examples"), kept in the browser's IndexedDB with the latest fine-tune's
 * before → after comparison and a mark while a fine-tune goes. Opening and reading never throw; every write answers
 * with a message, and a write that cannot be done whole is not done at all.
 */
import type { IDBPDatabase } from 'idb';
import { z } from 'zod';
import { describeError } from '../domain/describeError.ts';
import { EXAMPLE_PIXELS } from '../data/exampleFiles.ts';
import { isStorageFull, openBrowserDatabase, writeStores, type StoreWrite } from './browserDatabase.ts';
import { anyNumber, storedList } from './recordSchemas.ts';
import { readRecord, readRecords, stampRecord, type RecordFormat, type RecordsLeftAlone } from './recordVersions.ts';
import { comparisonSchema, type FineTuneComparison } from './fineTuneRecords.ts';

export type { FineTuneComparison };

/** A stroke as drawn on the pad, in fractions of the pad's side (x right, y down). */
export type PadStroke = readonly (readonly [number, number])[];

export interface HandwritingExample {
  readonly id: string;
  /** The digit it is, 0–9, as the person said. */
  readonly label: number;
  /** The 28×28 image the network saw, 0–255. */
  readonly pixels: Uint8Array;
  /** The strokes it was drawn with; none for an imported example. */
  readonly strokes: readonly PadStroke[];
  /** What the model that read it answered when it was kept, or null (imported). */
  readonly readAs: number | null;
  readonly createdAt: number;
  readonly source: 'drawn' | 'imported';
}

/** A fine-tune going: written when it starts and removed when it ends, so a reload can say it was cut short. */
export interface FineTuneMark {
  readonly startedAt: number;
  readonly parentName: string;
}

/** Enough for a personal set, and a bound on what one fine-tune epoch (augmented copies and MNIST mixed in) costs. */
export const MAX_EXAMPLES = 2_000;
const DB_NAME = 'convnet-playground-handwriting';
const DB_VERSION = 1;
const EXAMPLES = 'examples';
/** One slot each, under fixed keys: the latest comparison and the mark of a fine-tune going. */
const NOTES = 'notes';
const COMPARISON_KEY = 'latest-comparison';
const MARK_KEY = 'fine-tune-going';
const BY_CREATED = 'createdAt';

const bytesOfLength = (length: number) =>
  z.custom<Uint8Array>((value) => Object.prototype.toString.call(value) === '[object Uint8Array]' && (value as Uint8Array).length === length);
const digit = z.number().int().min(0).max(9);
const point = z.tuple([anyNumber, anyNumber]);

const exampleSchema: z.ZodType<HandwritingExample> = z.object({
  id: z.string(),
  label: digit,
  pixels: bytesOfLength(EXAMPLE_PIXELS),
  strokes: storedList(storedList(point)),
  readAs: digit.nullable(),
  createdAt: anyNumber,
  source: z.enum(['drawn', 'imported']),
});

const EXAMPLE_FORMAT: RecordFormat<HandwritingExample> = { current: 1, upgrades: [], schema: exampleSchema };
const COMPARISON_FORMAT: RecordFormat<FineTuneComparison & { id: string }> = { current: 1, upgrades: [], schema: comparisonSchema.and(z.object({ id: z.string() })) };
const MARK_FORMAT: RecordFormat<FineTuneMark & { id: string }> = {
  current: 1,
  upgrades: [],
  schema: z.object({ id: z.string(), startedAt: anyNumber, parentName: z.string() }),
};

export interface ExampleList {
  /** Oldest first. */
  readonly examples: readonly HandwritingExample[];
  /** Records this page does not read (a newer version's, or damaged): kept, not shown. */
  readonly leftAlone: RecordsLeftAlone;
}

/** Reads reject only when the database itself fails (closed for a newer version of the page); writes never reject. */
export interface ExamplesStore {
  list(): Promise<ExampleList>;
  /** All of them or none: refused, saying why, when they would take the set past MAX_EXAMPLES. */
  add(examples: readonly HandwritingExample[]): Promise<StoreWrite>;
  remove(id: string): Promise<StoreWrite>;
  loadComparison(): Promise<FineTuneComparison | null>;
  saveComparison(comparison: FineTuneComparison): Promise<StoreWrite>;
  loadMark(): Promise<FineTuneMark | null>;
  /** null clears it. */
  saveMark(mark: FineTuneMark | null): Promise<StoreWrite>;
}

export type ExamplesStoreResult = { readonly ok: true; readonly store: ExamplesStore } | { readonly ok: false; readonly message: string };

/** Unique enough for one person's set; crypto.randomUUID exists only on https and localhost. */
export const newExampleId = (now: number, index = 0) => `example-${now.toString(36)}-${index}-${Math.random().toString(36).slice(2, 8)}`;

/** Opens (creating on first use) the examples database; `factory` defaults to the page's indexedDB. Never throws. */
export async function openExamplesStore(factory?: IDBFactory): Promise<ExamplesStoreResult> {
  const opened = await openBrowserDatabase({
    factory,
    name: DB_NAME,
    version: DB_VERSION,
    keeps: 'examples',
    createStores: (db) => {
      db.createObjectStore(EXAMPLES, { keyPath: 'id' }).createIndex(BY_CREATED, 'createdAt');
      db.createObjectStore(NOTES, { keyPath: 'id' });
    },
  });
  if (!opened.ok) return { ok: false, message: `Your examples cannot be kept in this browser: ${opened.reason}.` };
  return { ok: true, store: storeOver(opened.db) };
}

function storeOver(db: IDBPDatabase): ExamplesStore {
  const write = (stores: string[], action: string, work: Parameters<typeof writeStores>[2]) =>
    writeStores(db, stores, work, (reason) => describeWriteFailure(action, reason));
  const readNote = async <T>(format: RecordFormat<T & { id: string }>, key: string): Promise<T | null> => {
    const read = readRecord(format, await db.get(NOTES, key));
    if (read.kind !== 'read') return null;
    const value: Record<string, unknown> = { ...read.value };
    delete value.id;
    return value as T;
  };
  return {
    async list() {
      const { records, leftAlone } = readRecords(EXAMPLE_FORMAT, await db.getAllFromIndex(EXAMPLES, BY_CREATED));
      return { examples: records, leftAlone };
    },
    add: (examples) =>
      write([EXAMPLES], examples.length === 1 ? 'keep this example' : `add ${examples.length} examples`, async (tx) => {
        const store = tx.objectStore(EXAMPLES);
        // Every record counts, read or not: one this page cannot read is still someone's example.
        const kept = await store.count();
        if (kept + examples.length > MAX_EXAMPLES) return describeFull(kept, examples.length);
        for (const example of examples) await store.put(stampRecord(EXAMPLE_FORMAT, example));
        return null;
      }),
    remove: (id) =>
      write([EXAMPLES], 'remove this example', async (tx) => {
        const read = readRecord(EXAMPLE_FORMAT, await tx.objectStore(EXAMPLES).get(id));
        // Only what this page reads, and so shows, can be removed from it.
        if (read.kind === 'read') await tx.objectStore(EXAMPLES).delete(id);
        return null;
      }),
    loadComparison: () => readNote(COMPARISON_FORMAT, COMPARISON_KEY),
    saveComparison: (comparison) =>
      write([NOTES], 'keep the before → after comparison', async (tx) => {
        await tx.objectStore(NOTES).put(stampRecord(COMPARISON_FORMAT, { ...comparison, id: COMPARISON_KEY }));
        return null;
      }),
    loadMark: () => readNote(MARK_FORMAT, MARK_KEY),
    saveMark: (mark) =>
      write([NOTES], 'note the fine-tune', async (tx) => {
        if (mark) await tx.objectStore(NOTES).put(stampRecord(MARK_FORMAT, { ...mark, id: MARK_KEY }));
        else await tx.objectStore(NOTES).delete(MARK_KEY);
        return null;
      }),
  };
}

function describeFull(kept: number, adding: number): string {
  const room = Math.max(0, MAX_EXAMPLES - kept);
  const what = adding === 1 ? 'this example' : `these ${adding.toLocaleString('en-US')} examples`;
  return `Your examples are limited to ${MAX_EXAMPLES.toLocaleString('en-US')} and ${kept.toLocaleString('en-US')} are kept: ${what} would not fit (room for ${room.toLocaleString('en-US')}). Remove some first; nothing was added.`;
}

function describeWriteFailure(action: string, reason: unknown): string {
  const untouched = 'Nothing was half-written; your examples are as they were.';
  if (isStorageFull(reason)) return `Browser storage is full: could not ${action}. ${untouched} Delete saved models or runs to make room.`;
  return `Could not ${action}: ${describeError(reason)}. ${untouched}`;
}
