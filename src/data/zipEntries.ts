/**
 * A ZIP's entries through fflate (a maintained unzipper; the format is not parsed here). The sizes the ZIP states are
 * checked before anything is inflated, so a ZIP bomb or an oversized archive is refused without filling memory.
 */
import { unzipSync } from 'fflate';

export interface ZipEntry {
  readonly path: string;
  readonly bytes: Uint8Array;
}

export interface ZipBounds {
  readonly maxEntries: number;
  /** Inflated bytes of all entries together. */
  readonly maxBytes: number;
}

export type ZipRead = { readonly ok: true; readonly entries: readonly ZipEntry[] } | { readonly ok: false; readonly message: string };

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024)).toLocaleString('en-US')} MB`;

export function readZipEntries(bytes: Uint8Array, name: string, bounds: ZipBounds): ZipRead {
  let count = 0;
  let total = 0;
  let over: string | null = null;
  let files;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        count++;
        total += file.originalSize;
        if (over === null && count > bounds.maxEntries) over = `${name} holds more than ${bounds.maxEntries.toLocaleString('en-US')} files, the limit: nothing was imported.`;
        if (over === null && total > bounds.maxBytes) over = `${name} unpacks to more than ${megabytes(bounds.maxBytes)}, the limit: nothing was imported.`;
        return over === null;
      },
    });
  } catch (error) {
    return { ok: false, message: `${name} could not be read as a ZIP file (${error instanceof Error ? error.message : String(error)}): it may be damaged or cut short. Nothing was imported.` };
  }
  if (over !== null) return { ok: false, message: over };
  return { ok: true, entries: Object.entries(files).map(([path, data]) => ({ path, bytes: data })) };
}
