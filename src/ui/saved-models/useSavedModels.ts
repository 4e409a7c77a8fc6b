import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DatasetRef } from '../../domain/datasetRef.ts';
import { ModelShelf, type ShelfView } from '../../engine/modelShelf.ts';
import type { TrainingEngine } from '../../engine/trainingEngine.ts';
import { openModelStore } from '../../storage/modelStore.ts';
import { downloadFile } from '../common/downloadFile.ts';
import { useStoreSnapshot } from '../common/useStoreSnapshot.ts';
import { readModelUpload } from './readModelUpload.ts';

export interface SavedModels extends ShelfView {
  /** current: the data in hand; a model made for other data is refused, with the reason. */
  readonly use: (id: string, current?: DatasetRef) => void;
  /** Why it could not be renamed, or null. */
  readonly rename: (id: string, name: string) => Promise<string | null>;
  readonly remove: (id: string) => void;
  readonly download: (id: string) => void;
  readonly upload: (files: readonly File[]) => void;
  /** The data in hand (null until known): after a reload, only a model made for it goes back to the pad. */
  readonly follow: (current: DatasetRef | null) => void;
}

/** The engine's shelf of trained models, for the Saved models panel: its view, and the file picker's and downloads' side. */
export function useSavedModels(engine: TrainingEngine): SavedModels {
  const [shelf] = useState(() => new ModelShelf(engine, () => openModelStore()));
  useEffect(() => shelf.start(), [shelf]);
  const view = useStoreSnapshot(shelf);
  const download = useCallback(
    (id: string) =>
      void shelf.filesOf(id).then((files) => {
        if (!files) return;
        downloadFile(`${files.baseName}.json`, files.modelJson, 'application/json');
        downloadFile(`${files.baseName}.weights.bin`, files.weights, 'application/octet-stream');
      }),
    [shelf],
  );
  const upload = useCallback(
    (files: readonly File[]) => void readModelUpload(files).then((read) => (read.ok ? shelf.add(read.model) : shelf.refuse(read.message))),
    [shelf],
  );
  return useMemo(
    () => ({ ...view, use: (id, current) => void shelf.use(id, current), rename: shelf.rename, remove: (id) => void shelf.remove(id), download, upload, follow: shelf.follow }),
    [view, shelf, download, upload],
  );
}
