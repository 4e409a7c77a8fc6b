/** Room src/ui/your-images/: the person's own images — import (folder, ZIP or MNIST files), preview, keep, delete. */
import { useCallback, useMemo, useState } from 'react';
import { runInWorker, type PickedFile } from '../../engine/pickedFiles.ts';
import { YourImagesShelf, type YourImagesView } from '../../engine/yourImagesShelf.ts';
import type { ImportOptions } from '../../domain/importedDataset.ts';
import { openYourImagesStore } from '../../storage/yourImagesStore.ts';
import { useStoreSnapshot } from '../common/useStoreSnapshot.ts';

export interface YourImages extends YourImagesView {
  readonly importFiles: (picked: readonly PickedFile[], options: ImportOptions) => void;
  readonly remove: () => void;
  /** Loads the kept dataset (once): YourImagesPanel calls it when it is first shown. */
  readonly load: () => void;
}

const createImportWorker = () => new Worker(new URL('../../training/imageImport.worker.ts', import.meta.url), { type: 'module', name: 'image-import' });

/**
 * The person's images for the whole page: App makes it once, hands `dataset` (with toDatasetArrays) to training and
 * the rest to YourImagesPanel. The kept dataset (up to 160 MB) loads when the panel is first shown, so a visit that never
 * chooses "Your images" pays nothing for it.
 */
export function useYourImages(): YourImages {
  const [shelf] = useState(() => new YourImagesShelf(() => openYourImagesStore(), runInWorker(createImportWorker)));
  const view = useStoreSnapshot(shelf);
  // Stable, so the panel's effect that loads runs once.
  const load = useCallback(() => void shelf.start(), [shelf]);
  return useMemo(() => ({ ...view, importFiles: (picked, options) => void shelf.importFiles(picked, options), remove: () => void shelf.remove(), load }), [view, shelf, load]);
}

/** A chosen file as the shelf reads it: its path inside the chosen folder when there is one. */
export const pickedFromFile = (file: File, path = file.webkitRelativePath || file.name): PickedFile => ({
  path,
  size: file.size,
  read: async () => new Uint8Array(await file.arrayBuffer()),
});

/** Everything dropped: files as they are, folders walked (their paths kept) through the entries API. */
export async function pickedFromDrop(items: DataTransferItemList): Promise<PickedFile[]> {
  const entries = [...items].map((item) => item.webkitGetAsEntry()).filter((entry): entry is FileSystemEntry => entry !== null);
  const picked: PickedFile[] = [];
  const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      picked.push(pickedFromFile(file, `${prefix}${entry.name}`));
      return;
    }
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries answers in batches (100 in Chromium) until it answers none.
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) break;
      for (const child of batch) await walk(child, `${prefix}${entry.name}/`);
    }
  };
  for (const entry of entries) await walk(entry, '');
  return picked;
}
