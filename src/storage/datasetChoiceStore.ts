/**
 * The dataset picker's choice, kept in localStorage so a reload trains on the same data. Version 1 is the first: a
 * record of another version or a damaged one is refused and left exactly as it is, and the page then starts on MNIST
 * and keeps the choice in this tab only, saying so.
 */
import { z } from 'zod';
import { isDatasetId, type DatasetId } from '../domain/datasets.ts';
import { readRecord, stampRecord, type RecordFormat } from './recordVersions.ts';

const STORAGE_KEY = 'convnet-playground.dataset';

const CHOICE_FORMAT: RecordFormat<{ dataset: DatasetId }> = {
  current: 1,
  // No upgrades: this record was first written as version 1.
  upgrades: [],
  schema: z.object({ dataset: z.custom<DatasetId>(isDatasetId) }),
};

export type KeptDatasetChoice =
  | { readonly kind: 'kept'; readonly dataset: DatasetId }
  | { readonly kind: 'none' }
  /** message: what the person is told; the record stays as it is and this tab does not write over it. */
  | { readonly kind: 'left-alone'; readonly message: string };

/** What the browser holds. Never throws. */
export function readDatasetChoice(storage: Pick<Storage, 'getItem'> | null): KeptDatasetChoice {
  let stored: string | null;
  try {
    stored = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return { kind: 'none' };
  }
  if (stored === null) return { kind: 'none' };
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    value = undefined;
  }
  const read = readRecord(CHOICE_FORMAT, value);
  if (read.kind === 'read') return { kind: 'kept', dataset: read.value.dataset };
  const why =
    read.kind === 'newer'
      ? `The dataset you chose was saved by a newer version of the playground (record version ${read.version}): reload the page to get that version.`
      : 'The dataset choice kept in this browser cannot be read.';
  return { kind: 'left-alone', message: `${why} This tab starts on MNIST and leaves that record as it is.` };
}

/** Keeps the choice; false when the browser would not (private mode, storage full). */
export function writeDatasetChoice(storage: Pick<Storage, 'setItem'> | null, dataset: DatasetId): boolean {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(stampRecord(CHOICE_FORMAT, { dataset })));
    return storage !== null;
  } catch {
    return false;
  }
}
