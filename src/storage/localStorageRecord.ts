/**
 * One versioned record in a localStorage slot: read without ever throwing, written only when the browser lets it.
 * The stores built on it say in their own words what a record they cannot read means for the person.
 */
import { readRecord, stampRecord, type RecordFormat } from './recordVersions.ts';

export type LocalRecordRead<T> =
  | { readonly kind: 'kept'; readonly value: T }
  | { readonly kind: 'none' }
  /** newerVersion: the version a newer page wrote, or null when the record is damaged; either way it stays as it is. */
  | { readonly kind: 'left-alone'; readonly newerVersion: number | null };

/** What the slot holds. Storage that cannot be read holds nothing; a value that is not JSON is damaged. */
export function readLocalRecord<T>(storage: Pick<Storage, 'getItem'> | null, key: string, format: RecordFormat<T>): LocalRecordRead<T> {
  let stored: string | null;
  try {
    stored = storage?.getItem(key) ?? null;
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
  const read = readRecord(format, value);
  if (read.kind === 'read') return { kind: 'kept', value: read.value };
  return { kind: 'left-alone', newerVersion: read.kind === 'newer' ? read.version : null };
}

/** Keeps the value stamped with its version; false when the browser refuses (storage off, private mode or full). */
export function writeLocalRecord<T extends object>(storage: Pick<Storage, 'setItem'> | null, key: string, format: RecordFormat<unknown>, value: T): boolean {
  try {
    if (!storage) return false;
    storage.setItem(key, JSON.stringify(stampRecord(format, value)));
    return true;
  } catch {
    return false;
  }
}
