/**
 * The data a run trained on or a model was made for, as the records, model files and share links keep it: enough to
 * name it and to tell whether a model fits the data in hand. A copy, not an id alone, since "your images" can change
 * (or be deleted) after the run.
 */
import { FASHION_MNIST_INFO, MNIST_INFO, formatInputShape, sameInputShape, shippedDataset, isDatasetId, type DatasetInfo } from './datasets.ts';
import type { LayerSpec } from './modelSpec.ts';

export interface DatasetRef {
  /** A DatasetId, or one a newer version of the page knows (kept, shown by its title, never switched to). */
  readonly id: string;
  readonly title: string;
  /** H, W, C of one image. */
  readonly inputShape: readonly [number, number, number];
  readonly classNames: readonly string[];
}

export const refOfDataset = ({ id, title, inputShape, classNames }: DatasetInfo): DatasetRef => ({ id, title, inputShape, classNames });

/** What records written before they carried their data were made on: the page trained only on MNIST then. */
export const MNIST_REF: DatasetRef = refOfDataset(MNIST_INFO);
export const FASHION_MNIST_REF: DatasetRef = refOfDataset(FASHION_MNIST_INFO);

/** "Fashion-MNIST, 28×28×1 — 10 classes", as the shelf and the messages name a model's data. */
export const describeDatasetRef = (ref: DatasetRef): string =>
  `${ref.title}, ${formatInputShape(ref.inputShape)} — ${ref.classNames.length.toLocaleString('en-US')} ${ref.classNames.length === 1 ? 'class' : 'classes'}`;

const sameNames = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((name, i) => name === b[i]);

/** The same data as far as a model can tell: the same input shape and the same classes in the same order. */
export const sameData = (a: DatasetRef, b: DatasetRef): boolean => sameInputShape(a.inputShape, b.inputShape) && sameNames(a.classNames, b.classNames);

const firstNames = (names: readonly string[]) => `${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}`;

/** The units of the model's last Dense layer: how many classes it answers with (null when it has none). */
function outputUnits(layers: readonly LayerSpec[]): number | null {
  const last = layers.findLast((layer) => layer.type === 'Dense');
  return last?.type === 'Dense' ? last.units : null;
}

/**
 * Why a model made for `madeFor` cannot be used on `current`, or null when it can: the input shape, the class count
 * and the classes themselves must match, and the model's last layer must answer with one unit a class.
 */
export function whyModelDoesNotFit(madeFor: DatasetRef, layers: readonly LayerSpec[], current: DatasetRef): string | null {
  const made = `made for ${describeDatasetRef(madeFor)}`;
  if (!sameInputShape(madeFor.inputShape, current.inputShape)) return `${made}; this dataset is ${formatInputShape(current.inputShape)}`;
  if (madeFor.classNames.length !== current.classNames.length) return `${made}; this dataset has ${current.classNames.length} classes`;
  if (!sameNames(madeFor.classNames, current.classNames)) {
    return `${made} (${firstNames(madeFor.classNames)}); this dataset's classes are ${firstNames(current.classNames)}`;
  }
  const units = outputUnits(layers);
  if (units !== current.classNames.length) return `its last layer answers with ${units ?? 'no'} units; this dataset has ${current.classNames.length} classes`;
  return null;
}

/**
 * The dataset the page can switch to for data like `ref`, or null: a shipped dataset of the same id and data, or the
 * person's images when those held now are the same data.
 */
export function switchableDataset(ref: DatasetRef, held: DatasetInfo | null): DatasetInfo | null {
  if (!isDatasetId(ref.id)) return null;
  const candidate = ref.id === 'your-images' ? held : shippedDataset(ref.id);
  return candidate && sameData(refOfDataset(candidate), ref) ? candidate : null;
}
