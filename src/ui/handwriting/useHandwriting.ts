/** Room src/ui/handwriting/: teach the network your handwriting — your examples, the fine-tune, before → after. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { HandwritingCoach, type DrawnDigit, type HandwritingView } from '../../engine/handwritingCoach.ts';
import type { FineTuneParent } from '../../engine/fineTuneSetup.ts';
import type { FineTuneSettings } from '../../domain/fineTune.ts';
import type { TrainingEngine } from '../../engine/trainingEngine.ts';
import { openExamplesStore } from '../../storage/examplesStore.ts';
import { downloadFile } from '../common/downloadFile.ts';
import { useStoreSnapshot } from '../common/useStoreSnapshot.ts';

export interface Handwriting extends HandwritingView {
  readonly keep: (drawn: DrawnDigit) => Promise<string | null>;
  readonly remove: (id: string) => void;
  /** Reads the chosen files (the images and the labels) and adds their examples, all or none. */
  readonly importFiles: (files: readonly File[]) => void;
  /** Downloads the examples as MNIST-format files. */
  readonly exportFiles: () => void;
  /** null, or why the fine-tune cannot start. */
  readonly fineTune: (parent: FineTuneParent, settings: FineTuneSettings) => string | null;
}

/** The engine's keeper of the person's handwriting, for the panel and the pad: its view, and the files' side. */
export function useHandwriting(engine: TrainingEngine): Handwriting {
  const [coach] = useState(() => new HandwritingCoach(engine, () => openExamplesStore()));
  useEffect(() => coach.start(), [coach]);
  const view = useStoreSnapshot(coach);
  const importFiles = useCallback(
    (files: readonly File[]) =>
      void Promise.all(files.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }))).then((read) => coach.importFiles(read)),
    [coach],
  );
  const exportFiles = useCallback(() => {
    const files = coach.exportFiles();
    if (!files) return;
    // MNIST's own names, so Keras loaders that expect them find them.
    downloadFile('handwriting-images-idx3-ubyte', files.images as Uint8Array<ArrayBuffer>, 'application/octet-stream');
    downloadFile('handwriting-labels-idx1-ubyte', files.labels as Uint8Array<ArrayBuffer>, 'application/octet-stream');
  }, [coach]);
  return useMemo(
    () => ({ ...view, keep: coach.keep, remove: (id) => void coach.remove(id), importFiles, exportFiles, fineTune: coach.fineTune }),
    [view, coach, importFiles, exportFiles],
  );
}
