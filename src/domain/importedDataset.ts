/**
 * The person's own images ("Your images") once imported: every image resized to one size and colour mode, a label
 * each, and which are held out for testing. The DatasetInfo (id 'your-images') carries what the editor and the Keras
 * code need: inputShape [side, side, channels] (channels 1 = color_mode='grayscale', 3 = 'rgb') and, for a folder,
 * the split's testFraction and seed.
 */
import type { DatasetInfo, HeldDataset } from './datasets.ts';

export type ColourMode = 'grayscale' | 'rgb';

/** Where the images came from: a folder of class folders (chosen or dropped as a ZIP), or MNIST-format IDX files. */
export type ImportOrigin = 'folder' | 'zip' | 'idx';

/** What the person chooses before importing. */
export interface ImportOptions {
  /** Height and width every image is resized to. */
  readonly side: number;
  readonly colourMode: ColourMode;
  /** Fraction of each class held out for testing (IDX files bring their own split and ignore it). */
  readonly testFraction: number;
  readonly seed: number;
}

export const DEFAULT_IMPORT_OPTIONS: ImportOptions = { side: 28, colourMode: 'grayscale', testFraction: 0.2, seed: 1337 };

/**
 * Stated in the panel before anything is chosen. 50,000 images of 64×64×3 are 614 MB of bytes, so images and pixels
 * are bounded together: a dataset's kept bytes stay under MAX_DATASET_BYTES.
 */
export const IMPORT_LIMITS = {
  maxImages: 50_000,
  /** The files read in, ZIP or folder, in all. */
  maxInputBytes: 200 * 1024 * 1024,
  /** What is kept after resizing: 50,000 MNIST-size images are 39 MB. */
  maxDatasetBytes: 160 * 1024 * 1024,
  minSide: 8,
  maxSide: 64,
  minClasses: 2,
  maxClasses: 100,
  /** A source image larger than this is refused from its header, before decoding (a 100-megapixel PNG is 400 MB of RGBA). */
  maxSourcePixels: 40_000_000,
} as const;

/** Files skipped, not refused, with how many of each, so the panel can say so. */
export interface SkippedFiles {
  /** __MACOSX/, .DS_Store, names starting with a dot. */
  readonly hidden: number;
  /** Files beside the class folders rather than in one. */
  readonly outsideClasses: number;
  /** Files in a class folder that are not PNG, JPEG, WebP or GIF (a README, a .txt). */
  readonly notImages: number;
}

export const NOTHING_SKIPPED: SkippedFiles = { hidden: 0, outsideClasses: 0, notImages: 0 };

export interface ImportedDataset {
  /** id 'your-images'; inputShape [side, side, 1 | 3]; classNames in folder-name order; trainCount and testCount. */
  readonly info: DatasetInfo;
  /** N×H×W×C bytes, 0–255, row-major, channels last (as Keras holds images). */
  readonly images: Uint8Array;
  /** N labels, each an index into info.classNames. */
  readonly labels: Uint8Array;
  /** N bytes: 1 where the image is held out for testing. */
  readonly testMask: Uint8Array;
  readonly origin: ImportOrigin;
  /** The ZIP's or folder's name, or the images file's. */
  readonly sourceName: string;
  readonly skipped: SkippedFiles;
  /** Images whose size or colour mode differed from the chosen one, and so were resized or converted. */
  readonly resized: number;
  readonly importedAt: number;
}

/** What the training worker is handed for a dataset the page holds (the `train` command's data, kind 'held'). */
export type DatasetArrays = HeldDataset;

export const channelsOf = (mode: ColourMode) => (mode === 'rgb' ? 3 : 1);

/** Bytes of one image of the dataset. */
export const imageBytesOf = (info: DatasetInfo) => info.inputShape[0] * info.inputShape[1] * info.inputShape[2];

/** The training and test arrays, each in the dataset's own order. Copies: the dataset stays whole. */
export function toDatasetArrays(dataset: ImportedDataset): DatasetArrays {
  const size = imageBytesOf(dataset.info);
  const testCount = dataset.testMask.reduce((sum, bit) => sum + (bit ? 1 : 0), 0);
  const trainCount = dataset.labels.length - testCount;
  const trainImages = new Uint8Array(trainCount * size);
  const testImages = new Uint8Array(testCount * size);
  const trainLabels = new Uint8Array(trainCount);
  const testLabels = new Uint8Array(testCount);
  let train = 0;
  let test = 0;
  for (let i = 0; i < dataset.labels.length; i++) {
    const image = dataset.images.subarray(i * size, (i + 1) * size);
    if (dataset.testMask[i]) {
      testImages.set(image, test * size);
      testLabels[test++] = dataset.labels[i] ?? 0;
    } else {
      trainImages.set(image, train * size);
      trainLabels[train++] = dataset.labels[i] ?? 0;
    }
  }
  return { info: dataset.info, trainImages, trainLabels, testImages, testLabels };
}

export interface ImportedDatasetFacts {
  readonly classNames: readonly string[];
  readonly height: number;
  readonly width: number;
  readonly channels: 1 | 3;
  readonly trainCount: number;
  readonly testCount: number;
  readonly origin: ImportOrigin;
  readonly sourceName: string;
  /** The seeded split, for a folder; IDX files bring their own. */
  readonly split: { readonly testFraction: number; readonly seed: number } | null;
}

const percent = (fraction: number) => `${Math.round(fraction * 100)}%`;

/** The DatasetInfo of the person's images; the pad reads them only when they are MNIST-shaped (28×28, greyscale). */
export function describeImportedDataset(facts: ImportedDatasetFacts): DatasetInfo {
  const { classNames, height, width, channels, trainCount, testCount, split } = facts;
  const total = (trainCount + testCount).toLocaleString('en-US');
  const from = facts.origin === 'idx' ? `the MNIST-format files ${facts.sourceName}` : `the class folders of ${facts.sourceName}`;
  const how = split
    ? `${percent(split.testFraction)} of each class held out for testing (seed ${split.seed})`
    : `the files' own split, ${trainCount.toLocaleString('en-US')} train and ${testCount.toLocaleString('en-US')} test`;
  return {
    id: 'your-images',
    title: 'Your images',
    inputShape: [height, width, channels],
    classNames,
    source: `Your ${total} images from ${from}, resized to ${height}×${width} ${channels === 1 ? 'greyscale' : 'colour'}; ${how}.`,
    drawable: height === 28 && width === 28 && channels === 1,
    trainCount,
    testCount,
    ...(split ? { imageFolder: { testFraction: split.testFraction, seed: split.seed } } : {}),
  };
}
