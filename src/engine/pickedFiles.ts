/**
 * What the person chose or dropped, sorted into one import request before any byte is read: one ZIP, MNIST-format
 * files, or a folder's files with their paths. The total size is checked first, so nothing past the limit is read.
 */
import { IMPORT_LIMITS, type ImportOptions } from '../domain/importedDataset.ts';
import type { ImageImportAnswer, ImageImportRequest, ImportFile } from '../training/protocol.ts';

/** A chosen file: its path inside the chosen folder ('shapes/circle/1.png') or its name, its size, and its bytes. */
export interface PickedFile {
  readonly path: string;
  readonly size: number;
  readonly read: () => Promise<Uint8Array>;
}

export type PickedRequest = { readonly ok: true; readonly request: ImageImportRequest; readonly transfer: ArrayBuffer[] } | { readonly ok: false; readonly message: string };

const isZip = (path: string) => /\.zip$/i.test(path);
/** MNIST's own names end in -ubyte (train-images-idx3-ubyte), sometimes with .gz; others name them .idx3 or .idx1. */
const isIdx = (path: string) => /(-ubyte|\.idx[13])(\.gz)?$/i.test(path);
const baseName = (path: string) => path.split('/').pop() ?? path;

/** Reads the files and builds the request, or says why not (past the size limit, or a mix of kinds). */
export async function requestFromPicked(picked: readonly PickedFile[], options: ImportOptions, now: number): Promise<PickedRequest> {
  if (picked.length === 0) return { ok: false, message: 'Nothing was chosen.' };
  const total = picked.reduce((sum, file) => sum + file.size, 0);
  const limitMb = IMPORT_LIMITS.maxInputBytes / 2 ** 20;
  if (total > IMPORT_LIMITS.maxInputBytes) return { ok: false, message: `These files are ${Math.ceil(total / 2 ** 20).toLocaleString('en-US')} MB; the limit is ${limitMb} MB. Nothing was imported.` };
  const zips = picked.filter((file) => isZip(file.path));
  if (zips.length > 0) {
    if (picked.length > 1) return { ok: false, message: 'Choose one ZIP on its own, or a folder: a ZIP together with other files cannot be read as one dataset.' };
    const zip = await zips[0]!.read();
    return { ok: true, request: { type: 'import-zip', sourceName: baseName(zips[0]!.path), zip, options, now }, transfer: [zip.buffer as ArrayBuffer] };
  }
  const files: ImportFile[] = await Promise.all(picked.map(async (file) => ({ path: file.path, bytes: await file.read() })));
  const transfer = files.map((file) => file.bytes.buffer as ArrayBuffer);
  if (picked.every((file) => isIdx(file.path))) return { ok: true, request: { type: 'import-idx', files: files.map((file) => ({ ...file, path: baseName(file.path) })), now }, transfer };
  const top = picked[0]!.path.split('/')[0] ?? 'the folder';
  return { ok: true, request: { type: 'import-folder', sourceName: picked[0]!.path.includes('/') ? top : 'the chosen files', files, options, now }, transfer };
}

/** Runs one request in a fresh import worker and ends it: decoding never blocks the page, and a hung decode ends with it. */
export function runInWorker(createWorker: () => Worker): (request: ImageImportRequest, transfer: ArrayBuffer[]) => Promise<ImageImportAnswer> {
  return (request, transfer) =>
    new Promise((resolve) => {
      const worker = createWorker();
      worker.onmessage = (message) => {
        worker.terminate();
        resolve(message.data);
      };
      worker.onerror = (event) => {
        worker.terminate();
        resolve({ ok: false, message: `The import stopped with an error (${event.message || 'in its worker'}). Nothing was imported.` });
      };
      worker.postMessage(request, transfer);
    });
}
