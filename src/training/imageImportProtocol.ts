/**
 * The image-import worker's contract (imageImport.worker.ts), re-exported by protocol.ts for the page: one request,
 * one answer, then the page ends the worker. The bytes travel in the transfer list both ways.
 */
import type { ImportedDataset, ImportOptions } from '../domain/importedDataset.ts';

export interface ImportFile {
  /** The path inside the chosen folder or ZIP ('shapes/circle/1.png'), or a file's name. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

export type ImageImportRequest =
  /** A chosen or dropped folder's files, with their relative paths. */
  | { readonly type: 'import-folder'; readonly sourceName: string; readonly files: readonly ImportFile[]; readonly options: ImportOptions; readonly now: number }
  | { readonly type: 'import-zip'; readonly sourceName: string; readonly zip: Uint8Array; readonly options: ImportOptions; readonly now: number }
  /** The four MNIST-format files. */
  | { readonly type: 'import-idx'; readonly files: readonly ImportFile[]; readonly now: number };

export type ImageImportAnswer = { readonly ok: true; readonly dataset: ImportedDataset } | { readonly ok: false; readonly message: string };
