/**
 * The backend this device trains on: measured once, then remembered in localStorage so later visits start at once.
 * The record is keyed by the browser and its core count; a different device (or browser) measures afresh.
 */
import { z } from 'zod';
import { BACKEND_NAMES, BACKEND_PREFERENCES, type BackendName, type BackendPreference } from '../domain/backends.ts';
import type { BackendMeasurement } from '../training/protocol.ts';
import { readRecord, stampRecord, unchangedSinceUnversioned, type RecordFormat, type RecordRead } from '../storage/recordVersions.ts';

const STORAGE_KEY = 'convnet-playground:backend';
/**
 * A choice the page writes is under 1,000 characters. Anything far longer is refused before it is parsed: a damaged
 * record of a million list items took 4.6 s to reject, at every start of the page.
 */
const MAX_STORED_CHARS = 10_000;

const storedChoice = z.object({
  deviceKey: z.string(),
  /** What the person picked; 'auto' means "use the measured one". */
  preference: z.enum(BACKEND_PREFERENCES),
  measured: z
    .object({
      backend: z.enum(BACKEND_NAMES),
      // One per backend measured; a longer list is not one the page wrote, and zod refuses it without reading each item.
      measurements: z.array(z.object({ backend: z.enum(BACKEND_NAMES), samplesPerSecond: z.number().nullable(), note: z.string() })).max(BACKEND_NAMES.length),
      at: z.number(),
    })
    .nullable(),
});
export type BackendChoice = z.infer<typeof storedChoice>;

/** Version 1 added recordVersion itself; unversioned records have the same fields. */
export const BACKEND_CHOICE_FORMAT: RecordFormat<BackendChoice> = { current: 1, upgrades: [unchangedSinceUnversioned], schema: storedChoice };

/** The slot read as a record: null when it is empty, far too long to be one the page wrote, or not JSON. */
function readSlot(storage: Storage | null): RecordRead<BackendChoice> | null {
  const stored = storage?.getItem(STORAGE_KEY) ?? null;
  if (stored === null || stored.length > MAX_STORED_CHARS) return null;
  try {
    return readRecord(BACKEND_CHOICE_FORMAT, JSON.parse(stored));
  } catch {
    return null;
  }
}

export function deviceKey(nav: { userAgent: string; hardwareConcurrency: number }): string {
  return `${nav.userAgent} | ${nav.hardwareConcurrency} cores`;
}

export function loadBackendChoice(storage: Storage | null, key: string): BackendChoice {
  const fresh: BackendChoice = { deviceKey: key, preference: 'auto', measured: null };
  try {
    const read = readSlot(storage);
    return read?.kind === 'read' && read.value.deviceKey === key ? read.value : fresh;
  } catch {
    return fresh;
  }
}

/**
 * Remembers the choice, unless the slot holds a newer version's: that one is left as it is, and this page measures
 * afresh on each visit. Anything else in the slot is a damaged cache of a measurement, not the person's work, and is
 * replaced.
 */
export function saveBackendChoice(storage: Storage | null, choice: BackendChoice): void {
  try {
    if (readSlot(storage)?.kind === 'newer') return;
    storage?.setItem(STORAGE_KEY, JSON.stringify(stampRecord(BACKEND_CHOICE_FORMAT, choice)));
  } catch {
    // Storage refused or full: the choice is measured again next visit, which costs a second or two.
  }
}

/** What the worker is asked for: a named backend, the remembered measured one, or a fresh measurement. */
export function backendToRequest(choice: BackendChoice): BackendPreference {
  if (choice.preference !== 'auto') return choice.preference;
  return choice.measured?.backend ?? 'auto';
}

export function withMeasurement(choice: BackendChoice, backend: BackendName, measurements: readonly BackendMeasurement[], now: number): BackendChoice {
  return measurements.length === 0 ? choice : { ...choice, measured: { backend, measurements: [...measurements], at: now } };
}

/**
 * Where training goes after a backend lost its device. Only the GPU backends (WebGL, WebGPU) can: WASM runs everywhere
 * they ran and is the fastest left on the CPU; CPU is the last resort.
 */
export function backendAfterLoss(lost: BackendName): BackendName {
  return lost === 'webgl' || lost === 'webgpu' ? 'wasm' : 'cpu';
}

/** `?backend=cpu` in the page's address picks a backend for this visit (not remembered); null when absent or unknown. */
export function backendFromQuery(search: string): BackendPreference | null {
  const value = new URLSearchParams(search).get('backend');
  return BACKEND_PREFERENCES.find((choice) => choice === value) ?? null;
}

export function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
