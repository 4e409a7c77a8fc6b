/** A shipped dataset on its way after being chosen, or why it could not be loaded: what the picker shows beside it. */
import type { DatasetId } from '../../domain/datasets.ts';
import { formatBytes } from '../../domain/format.ts';

export type DatasetDownload =
  | { readonly status: 'loading'; readonly id: DatasetId; readonly title: string; readonly loadedBytes: number; readonly totalBytes: number }
  /** message: what failed and which dataset the page stays on. */
  | { readonly status: 'failed'; readonly id: DatasetId; readonly message: string };

/** "12.3 MB of 30.7 MB (40%)"; before the manifest gives the total, "starting". */
export function describeProgress(loadedBytes: number, totalBytes: number): string {
  if (totalBytes <= 0) return 'starting';
  const percent = Math.min(100, Math.floor((loadedBytes / totalBytes) * 100));
  return `${formatBytes(loadedBytes)} of ${formatBytes(totalBytes)} (${percent}%)`;
}
