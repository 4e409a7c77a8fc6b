/** The arrays a run trains on, from what the `train` command names: MNIST (the session's), a shipped dataset, or the page's. */
import { layoutPixels, type ImageLayout } from '../data/batching.ts';
import { loadMnist, type LoadProgress, type MnistDataset } from '../data/loadMnist.ts';
import { FASHION_MNIST_FILES, MNIST_FILES } from '../data/manifest.ts';
import type { DatasetInfo, HeldDataset } from '../domain/datasets.ts';
import type { ModelSpec } from '../domain/modelSpec.ts';
import type { TrainingData } from './protocol.ts';

export type RunData = { readonly ok: true; readonly dataset: MnistDataset } | { readonly ok: false; readonly message: string };

export function layoutOf(info: DatasetInfo): ImageLayout {
  return { shape: info.inputShape, classCount: info.classNames.length };
}

/** Arrays from the page are checked as a file would be: sizes that disagree would train on zeros past the end. */
export function checkHeld(held: HeldDataset): RunData {
  const layout = layoutOf(held.info);
  const pixels = layoutPixels(layout);
  const sets = [['training', held.trainImages, held.trainLabels], ['test', held.testImages, held.testLabels]] as const;
  for (const [name, images, labels] of sets) {
    if (images.length !== labels.length * pixels) {
      return { ok: false, message: `The ${name} images (${images.length} bytes) are not ${labels.length} images of ${pixels} bytes.` };
    }
    if (labels.some((label) => label >= layout.classCount)) return { ok: false, message: `A ${name} label is not one of the ${layout.classCount} classes.` };
  }
  return { ok: true, dataset: { ...held, layout } };
}

/** A run may not ask for more images than the dataset has: it would read past the end. */
export function checkCounts(dataset: MnistDataset, spec: ModelSpec, title: string): RunData {
  const { trainSize, testSize } = spec.training;
  const count = (n: number) => n.toLocaleString('en-US');
  const lower = 'lower Training images or Test images under Train.';
  if (trainSize > dataset.trainLabels.length) return { ok: false, message: `${title} has ${count(dataset.trainLabels.length)} training images; this run asks for ${count(trainSize)}: ${lower}` };
  if (testSize > dataset.testLabels.length) return { ok: false, message: `${title} has ${count(dataset.testLabels.length)} test images; this run asks for ${count(testSize)}: ${lower}` };
  return { ok: true, dataset };
}

/** Loads shipped datasets once per folder, so the next run on the same data starts at once. */
export class ShippedDatasets {
  private readonly loads = new Map<string, Promise<RunData>>();

  constructor(private readonly onProgress: (progress: LoadProgress) => void) {}

  load(source: Extract<TrainingData, { kind: 'shipped' }>): Promise<RunData> {
    const known = this.loads.get(source.url);
    if (known) return known;
    const files = source.info.id === 'fashion-mnist' ? FASHION_MNIST_FILES : MNIST_FILES;
    const loading = loadMnist(source.url, this.onProgress, { files, title: source.info.title }).then((result): RunData => {
      // A failed download is not kept: the next Train tries again.
      if (!result.ok) this.loads.delete(source.url);
      return result;
    });
    this.loads.set(source.url, loading);
    return loading;
  }
}
