/** The picker's downloads of a shipped dataset, one at a time: the latest choice wins. */
import type { LoadProgress, MnistDataset, MnistLoad } from '../../data/loadMnist.ts';
import type { DatasetInfo } from '../../domain/datasets.ts';

/** Loads a dataset's files and checks them, aborting when the signal does (loadMnist, given the dataset's folder). */
export type LoadShipped = (info: DatasetInfo, onProgress: (progress: LoadProgress) => void, signal: AbortSignal) => Promise<MnistLoad>;

export interface DownloadListener {
  readonly progress: (progress: LoadProgress) => void;
  readonly loaded: (dataset: MnistDataset) => void;
  readonly failed: (message: string) => void;
}

/**
 * Starting a download, or cancelling, aborts the one on its way: its bytes stop coming, and nothing it reports later
 * (progress, its data or its failure) is heard, so an earlier choice can never overwrite a later one.
 */
export class ShippedDownloads {
  private current: AbortController | null = null;

  constructor(private readonly load: LoadShipped) {}

  start(info: DatasetInfo, listener: DownloadListener): void {
    this.cancel();
    const controller = new AbortController();
    this.current = controller;
    const { signal } = controller;
    const onProgress = (progress: LoadProgress) => {
      if (!signal.aborted) listener.progress(progress);
    };
    void this.load(info, onProgress, signal).then((result) => {
      if (signal.aborted) return;
      this.current = null;
      if (result.ok) listener.loaded(result.dataset);
      else listener.failed(result.message);
    });
  }

  cancel(): void {
    this.current?.abort();
    this.current = null;
  }
}
