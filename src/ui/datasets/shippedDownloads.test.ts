import { describe, expect, it } from 'vitest';
import type { LoadProgress, MnistLoad } from '../../data/loadMnist.ts';
import { FASHION_MNIST_INFO, type DatasetInfo } from '../../domain/datasets.ts';
import { ShippedDownloads, type DownloadListener } from './shippedDownloads.ts';

/** A load the test drives by hand: what it was given, and a way to report progress and to finish. */
interface Pending {
  readonly info: DatasetInfo;
  readonly signal: AbortSignal;
  readonly progress: (progress: LoadProgress) => void;
  readonly finish: (result: MnistLoad) => void;
}

function harness() {
  const loads: Pending[] = [];
  const downloads = new ShippedDownloads((info, progress, signal) => new Promise((finish) => loads.push({ info, signal, progress, finish })));
  const heard: string[] = [];
  const listener = (name: string): DownloadListener => ({
    progress: ({ loadedBytes }) => heard.push(`${name} progress ${loadedBytes}`),
    loaded: (dataset) => heard.push(`${name} loaded ${dataset.testLabels.length}`),
    failed: (message) => heard.push(`${name} failed: ${message}`),
  });
  return { loads, downloads, heard, listener };
}

const EMPTY = new Uint8Array(0);
const loaded = (testCount: number): MnistLoad => ({ ok: true, dataset: { trainImages: EMPTY, trainLabels: EMPTY, testImages: EMPTY, testLabels: new Uint8Array(testCount) } });
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the picker's dataset downloads", () => {
  it('reports progress and the loaded data of the one download', async () => {
    const { loads, downloads, heard, listener } = harness();
    downloads.start(FASHION_MNIST_INFO, listener('fashion'));
    loads[0]?.progress({ loadedBytes: 5, totalBytes: 10 });
    loads[0]?.finish(loaded(3));
    await flush();
    expect(heard).toEqual(['fashion progress 5', 'fashion loaded 3']);
    expect(loads[0]?.signal.aborted).toBe(false);
  });

  it('aborts a download when another starts: the later choice wins, nothing late from the earlier one is heard', async () => {
    const { loads, downloads, heard, listener } = harness();
    downloads.start(FASHION_MNIST_INFO, listener('first'));
    loads[0]?.progress({ loadedBytes: 1, totalBytes: 10 });
    downloads.start(FASHION_MNIST_INFO, listener('second'));
    expect(loads[0]?.signal.aborted).toBe(true);
    expect(loads[1]?.signal.aborted).toBe(false);
    loads[0]?.progress({ loadedBytes: 9, totalBytes: 10 });
    loads[0]?.finish(loaded(7));
    loads[1]?.progress({ loadedBytes: 2, totalBytes: 10 });
    loads[1]?.finish(loaded(4));
    await flush();
    expect(heard).toEqual(['first progress 1', 'second progress 2', 'second loaded 4']);
  });

  it('aborts on cancel (another dataset chosen): no late progress, data or failure', async () => {
    const { loads, downloads, heard, listener } = harness();
    downloads.start(FASHION_MNIST_INFO, listener('fashion'));
    downloads.cancel();
    expect(loads[0]?.signal.aborted).toBe(true);
    loads[0]?.progress({ loadedBytes: 3, totalBytes: 10 });
    loads[0]?.finish({ ok: false, message: 'Fashion-MNIST download was cancelled.' });
    await flush();
    expect(heard).toEqual([]);
  });

  it('says why a download it did not cancel failed', async () => {
    const { loads, downloads, heard, listener } = harness();
    downloads.start(FASHION_MNIST_INFO, listener('fashion'));
    loads[0]?.finish({ ok: false, message: 'offline' });
    await flush();
    downloads.cancel();
    expect(heard).toEqual(['fashion failed: offline']);
  });
});
