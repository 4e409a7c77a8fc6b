/** Fetches a shipped dataset when it is chosen, with progress, and keeps a few of its test images for the pad. */
import { useCallback, useEffect, useState } from 'react';
import { loadMnist } from '../../data/loadMnist.ts';
import { FASHION_MNIST_FILES } from '../../data/manifest.ts';
import { sampleTestImages, type TestSample } from '../../data/testSample.ts';
import type { DatasetId, DatasetInfo } from '../../domain/datasets.ts';
import type { DatasetDownload } from '../datasets/datasetDownload.ts';
import { ShippedDownloads } from '../datasets/shippedDownloads.ts';

/** Where a shipped dataset other than MNIST is served (its manifest and gzipped IDX files). */
export function shippedFolderUrl(id: DatasetId): string {
  return new URL(`${import.meta.env.BASE_URL}${id}/`, window.location.href).href;
}

export interface ShippedDownload {
  readonly download: DatasetDownload | null;
  /** Test images of the shipped datasets loaded this visit. */
  readonly samples: ReadonlyMap<DatasetId, TestSample>;
  /**
   * Loads `info`'s files and checks every byte (the offline cache keeps them, so Train's own load is quick); a failure
   * is kept to show, ending with `afterFailure`, and calls `onFailed`. A later fetch or cancel aborts an earlier one: its bytes stop, and nothing it reports is shown.
   */
  readonly fetch: (info: DatasetInfo, afterFailure: string, onFailed: () => void) => void;
  readonly cancel: () => void;
}

export function useShippedDownload(): ShippedDownload {
  const [download, setDownload] = useState<DatasetDownload | null>(null);
  const [samples, setSamples] = useState<ReadonlyMap<DatasetId, TestSample>>(new Map());
  const [downloads] = useState(() => new ShippedDownloads((info, onProgress, signal) => loadMnist(shippedFolderUrl(info.id), onProgress, { files: FASHION_MNIST_FILES, title: info.title, signal })));
  // Leaving the page (or an embed closing) ends a download on its way.
  useEffect(() => () => downloads.cancel(), [downloads]);

  const cancel = useCallback(() => {
    downloads.cancel();
    setDownload(null);
  }, [downloads]);

  const fetch = useCallback(
    (info: DatasetInfo, afterFailure: string, onFailed: () => void) => {
      const { id, title } = info;
      setDownload({ status: 'loading', id, title, loadedBytes: 0, totalBytes: 0 });
      downloads.start(info, {
        progress: ({ loadedBytes, totalBytes }) => setDownload({ status: 'loading', id, title, loadedBytes, totalBytes }),
        loaded: ({ testImages, testLabels }) => {
          // Only a few test images stay on the page; the worker loads the whole set again (from the cache) when it trains.
          const sample = sampleTestImages(testImages, testLabels, info.inputShape, info.classNames.length);
          setSamples((known) => new Map(known).set(id, sample));
          setDownload(null);
        },
        failed: (message) => {
          setDownload({ status: 'failed', id, message: `${title} could not be loaded: ${message} ${afterFailure}` });
          onFailed();
        },
      });
    },
    [downloads],
  );

  return { download, samples, fetch, cancel };
}
