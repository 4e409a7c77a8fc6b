/**
 * The dataset picker's choice, kept in localStorage so a reload trains on the same data. Version 1 is the first: a
 * record of another version or a damaged one is refused and left exactly as it is, and the page then starts on MNIST
 * and keeps the choice in this tab only, saying so.
 */
import { z } from 'zod';
import { isDatasetId, type DatasetId } from '../domain/datasets.ts';
import { readLocalRecord, writeLocalRecord } from './localStorageRecord.ts';
import type { RecordFormat } from './recordVersions.ts';

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
  const read = readLocalRecord(storage, STORAGE_KEY, CHOICE_FORMAT);
  if (read.kind !== 'left-alone') return read.kind === 'kept' ? { kind: 'kept', dataset: read.value.dataset } : read;
  const why =
    read.newerVersion !== null
      ? `The dataset you chose was saved by a newer version of the playground (record version ${read.newerVersion}): reload the page to get that version.`
      : 'The dataset choice kept in this browser cannot be read.';
  return { kind: 'left-alone', message: `${why} This tab starts on MNIST and leaves that record as it is.` };
}

/** Keeps the choice; false when the browser would not (private mode, storage full). */
export function writeDatasetChoice(storage: Pick<Storage, 'setItem'> | null, dataset: DatasetId): boolean {
  return writeLocalRecord(storage, STORAGE_KEY, CHOICE_FORMAT, { dataset });
}
