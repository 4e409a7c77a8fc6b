/** The dataset the page follows: the picker's choice (kept between visits) and the data Train sends. */
import { useEffect, useState } from 'react';
import { localStorageOrNull } from '../../engine/backendChoice.ts';
import type { TrainingEngine } from '../../engine/trainingEngine.ts';
import { MNIST_INFO, shippedDataset, type DatasetId, type DatasetInfo, type HeldDataset } from '../../domain/datasets.ts';
import { readDatasetChoice, writeDatasetChoice } from '../../storage/datasetChoiceStore.ts';
import type { TrainingData } from '../../training/protocol.ts';

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
  if (id === 'fashion-mnist') return { kind: 'shipped', info, url: new URL(`${import.meta.env.BASE_URL}fashion-mnist/`, window.location.href).href };
  return { kind: 'held', data: held ?? { info, trainImages: EMPTY, trainLabels: EMPTY, testImages: EMPTY, testLabels: EMPTY } };
}

export interface ChosenDataset {
  readonly info: DatasetInfo;
  readonly choose: (id: DatasetId) => void;
  readonly notice: string | null;
}

/** held: the person's imported images, as arrays (null until imported). */
export function useDataset(engine: TrainingEngine, held: HeldDataset | null): ChosenDataset {
  const [kept] = useState(() => readDatasetChoice(localStorageOrNull()));
  const [id, setId] = useState<DatasetId>(kept.kind === 'kept' ? kept.dataset : 'mnist');
  const [notice, setNotice] = useState<string | null>(kept.kind === 'left-alone' ? kept.message : null);
  const info = id === 'your-images' ? (held?.info ?? NO_IMAGES_YET) : (shippedDataset(id) ?? MNIST_INFO);
  useEffect(() => engine.useData(trainingData(id, info, held)), [engine, id, info, held]);
  const choose = (next: DatasetId) => {
    setId(next);
    // A record this page cannot read stays as it is: the choice then lasts this tab only.
    if (kept.kind === 'left-alone') return;
    if (!writeDatasetChoice(localStorageOrNull(), next)) setNotice('This browser does not keep the choice (private mode or storage full): it lasts this visit only.');
  };
  return { info, choose, notice };
}
