/**
 * Schema versions of the records the page keeps. Every record carries `recordVersion`; one without it was written
 * before records had versions (version 0). Reading migrates an older record in memory (the store writes the current
 * version when it next writes that record); a record of a newer version, of a version that is not a whole number, or
 * one that does not read as its version says, is left exactly as it is and counted, so the page can say so. No reader
 * deletes or rewrites a record it cannot read.
 */
import type { z } from 'zod';

export const RECORD_VERSION_FIELD = 'recordVersion';

/** How one kind of record is read: its current version, the steps from each older version, and the current schema. */
export interface RecordFormat<T> {
  readonly current: number;
  /** upgrades[v] turns a version-v record into a version-(v + 1) one; the list has `current` entries. */
  readonly upgrades: readonly ((older: Record<string, unknown>) => Record<string, unknown>)[];
  readonly schema: z.ZodType<T>;
}

export type RecordRead<T> =
  /** `from` is the version it was written as: below `current` when it was migrated. */
  | { readonly kind: 'read'; readonly value: T; readonly from: number }
  /** Written by a newer version of the page: left as it is. */
  | { readonly kind: 'newer'; readonly version: number }
  /**
   * It does not read as the version it says (version), or what it says is not a version (null): left as it is by
   * readers. Only a one-slot store may replace a damaged record of a version it knows (see isReplaceable).
   */
  | { readonly kind: 'unreadable'; readonly version: number | null };

/** Fields of a record with no version: a version 0 record's upgrade to 1 adds nothing else. */
export const unchangedSinceUnversioned = (older: Record<string, unknown>) => older;

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The version a record says it has: 0 when it has none, null when what it says is not a version. */
export function versionOf(value: unknown): number | null {
  if (!isPlainRecord(value)) return null;
  if (!Object.hasOwn(value, RECORD_VERSION_FIELD)) return 0;
  const version = value[RECORD_VERSION_FIELD];
  return typeof version === 'number' && Number.isSafeInteger(version) && version >= 0 ? version : null;
}

/** Reads a stored value as the current version of its record. Never throws. */
export function readRecord<T>(format: RecordFormat<T>, stored: unknown): RecordRead<T> {
  const version = versionOf(stored);
  if (version === null || !isPlainRecord(stored)) return { kind: 'unreadable', version: null };
  if (version > format.current) return { kind: 'newer', version };
  let fields: Record<string, unknown> = stored;
  try {
    for (let v = version; v < format.current; v++) {
      const upgrade = format.upgrades[v];
      if (!upgrade) return { kind: 'unreadable', version };
      fields = upgrade(fields);
    }
  } catch {
    return { kind: 'unreadable', version };
  }
  const parsed = format.schema.safeParse(fields);
  return parsed.success ? { kind: 'read', value: parsed.data, from: version } : { kind: 'unreadable', version };
}

/**
 * Whether a write may replace what is stored: nothing, a record that reads, or a damaged one of a version this page
 * knows (no version of the page can read it). A newer version's record, or one whose version is unknown, never.
 */
export function isReplaceable(read: RecordRead<unknown> | null): boolean {
  return read === null || read.kind === 'read' || (read.kind === 'unreadable' && read.version !== null);
}

/** The record as the store writes it: the value with the format's current version. */
export function stampRecord<T extends object>(format: RecordFormat<unknown>, value: T): T & { readonly recordVersion: number } {
  return { ...value, [RECORD_VERSION_FIELD]: format.current } as T & { readonly recordVersion: number };
}

/** What a listing left as it is: records of a newer version, and records it could not read. */
export interface RecordsLeftAlone {
  readonly newer: number;
  readonly unreadable: number;
}

export const NOTHING_LEFT_ALONE: RecordsLeftAlone = { newer: 0, unreadable: 0 };

/** Reads every stored value, keeping those that read and counting the rest. */
export function readRecords<T>(format: RecordFormat<T>, stored: readonly unknown[]): { readonly records: T[]; readonly leftAlone: RecordsLeftAlone } {
  const records: T[] = [];
  let newer = 0;
  let unreadable = 0;
  for (const value of stored) {
    const read = readRecord(format, value);
    if (read.kind === 'read') records.push(read.value);
    else if (read.kind === 'newer') newer++;
    else unreadable++;
  }
  return { records, leftAlone: { newer, unreadable } };
}

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * What the person is told about records left as they are, or null when there are none. `kind` names one record and
 * many ('saved run', 'saved runs').
 */
export function describeLeftAlone({ newer, unreadable }: RecordsLeftAlone, one: string, many: string): string | null {
  const parts: string[] = [];
  if (newer > 0) {
    parts.push(`${count(newer, one, many)} ${newer === 1 ? 'was' : 'were'} saved by a newer version of the playground (reload to get it)`);
  }
  if (unreadable > 0) parts.push(`${count(unreadable, one, many)} could not be read (damaged or written by something else)`);
  if (parts.length === 0) return null;
  return `${parts.join('; ')}: not shown, and kept in this browser as ${newer + unreadable === 1 ? 'it is' : 'they are'}.`;
}
