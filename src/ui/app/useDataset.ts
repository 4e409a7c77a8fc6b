/** The dataset the page follows: the picker's choice (kept between visits) and the data Train sends. */
import { useEffect, useMemo, useState } from 'react';
import { sampleTestImages, type TestSample } from '../../data/testSample.ts';
import { localStorageOrNull } from '../../engine/backendChoice.ts';
import type { TrainingEngine } from '../../engine/trainingEngine.ts';
import { FASHION_MNIST_INFO, MNIST_INFO, shippedDataset, type DatasetId, type DatasetInfo, type HeldDataset } from '../../domain/datasets.ts';
import { readDatasetChoice, writeDatasetChoice } from '../../storage/datasetChoiceStore.ts';
import type { TrainingData } from '../../training/protocol.ts';
import type { DatasetDownload } from '../datasets/datasetDownload.ts';
import { shippedFolderUrl, useShippedDownload } from './useShippedDownload.ts';

/** "Your images" before any are imported: Train then says there are no images, rather than training on MNIST. */
const NO_IMAGES_YET: DatasetInfo = {
  id: 'your-images',
  title: 'Your images',
  inputShape: [28, 28, 1],
  classNames: [],
  source: 'Your own images, a folder per class: none imported yet.',
  drawable: false,
  trainCount: 0,
  testCount: 0,
};
const EMPTY = new Uint8Array(0);

function trainingData(id: DatasetId, info: DatasetInfo, held: HeldDataset | null): TrainingData | undefined {
  if (id === 'mnist') return undefined;
  if (id === 'fashion-mnist') return { kind: 'shipped', info, url: shippedFolderUrl(id) };
  return { kind: 'held', data: held ?? { info, trainImages: EMPTY, trainLabels: EMPTY, testImages: EMPTY, testLabels: EMPTY } };
}

export interface ChosenDataset {
  readonly info: DatasetInfo;
  readonly choose: (id: DatasetId) => void;
  readonly notice: string | null;
  /** A chosen shipped dataset on its way (the page stays on the previous one meanwhile), or why it did not come. */
  readonly download: DatasetDownload | null;
  /** A few of the chosen data's test images, for the pad's "pick a test image" (null for MNIST and until loaded). */
  readonly testSample: TestSample | null;
}

/** held: the person's imported images, as arrays (null until imported). */
export function useDataset(engine: TrainingEngine, held: HeldDataset | null): ChosenDataset {
  const [kept] = useState(() => readDatasetChoice(localStorageOrNull()));
  const [id, setId] = useState<DatasetId>(kept.kind === 'kept' ? kept.dataset : 'mnist');
  const [notice, setNotice] = useState<string | null>(kept.kind === 'left-alone' ? kept.message : null);
  const info = id === 'your-images' ? (held?.info ?? NO_IMAGES_YET) : (shippedDataset(id) ?? MNIST_INFO);
  useEffect(() => engine.useData(trainingData(id, info, held)), [engine, id, info, held]);
  const shipped = useShippedDownload();
  const { fetch, samples } = shipped;
  // A kept Fashion-MNIST is the page's data from the start (a resumed run trains on it); its files load alongside.
  useEffect(() => {
    if (kept.kind === 'kept' && kept.dataset === 'fashion-mnist') fetch(FASHION_MNIST_INFO, 'Train will try again.', () => {});
  }, [kept, fetch]);
  const commit = (next: DatasetId) => {
    setId(next);
    // A record this page cannot read stays as it is: the choice then lasts this tab only.
    if (kept.kind === 'left-alone') return;
    if (!writeDatasetChoice(localStorageOrNull(), next)) setNotice('This browser does not keep the choice (private mode or storage full): it lasts this visit only.');
  };
  const choose = (next: DatasetId) => {
    const nextInfo = shippedDataset(next);
    const previous = id;
    shipped.cancel();
    commit(next);
    // Fashion-MNIST's files load as it is chosen, with progress; if they do not come, the page goes back to the data it had.
    if (next === 'fashion-mnist' && nextInfo && !samples.has(next)) fetch(nextInfo, `The page is back on ${info.title}.`, () => commit(previous));
  };
  const heldSample = useMemo(() => (held ? sampleTestImages(held.testImages, held.testLabels, held.info.inputShape, held.info.classNames.length) : null), [held]);
  const testSample = id === 'your-images' ? heldSample : (samples.get(id) ?? null);
  return { info, choose, notice, download: shipped.download, testSample };
}
