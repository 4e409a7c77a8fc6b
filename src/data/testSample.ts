/** A few test images of each class, copied out of a whole test set: what the pad offers under "Pick a test image". */

/** H, W, C of one image. */
export type ImageShape = readonly [number, number, number];

export interface TestSample {
  /** count × H×W×C bytes, 0–255, in the order of `labels`. */
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  /** Where each image sits in the test set it came from (0-based). */
  readonly indices: readonly number[];
  readonly shape: ImageShape;
}

/** Indices of the first `perClass` images of each class, class by class (a class with fewer gives what it has). */
export function firstOfEachClass(labels: ArrayLike<number>, classCount: number, perClass: number): number[] {
  const picked: number[][] = Array.from({ length: classCount }, () => []);
  for (let i = 0; i < labels.length; i++) {
    const chosen = picked[labels[i] ?? -1];
    if (chosen && chosen.length < perClass) chosen.push(i);
  }
  return picked.flat();
}

/**
 * About `total` test images spread evenly over the classes (at least one of each), copied so the whole test set can be
 * let go. Sizes that disagree give what the images hold: a label past the last image is not offered.
 */
export function sampleTestImages(images: Uint8Array, labels: Uint8Array, shape: ImageShape, classCount: number, total = 24): TestSample {
  const size = shape[0] * shape[1] * shape[2];
  const perClass = Math.max(1, Math.floor(total / Math.max(1, classCount)));
  const indices = firstOfEachClass(labels.subarray(0, Math.floor(images.length / size)), classCount, perClass);
  const sample = new Uint8Array(indices.length * size);
  indices.forEach((index, i) => sample.set(images.subarray(index * size, (index + 1) * size), i * size));
  return { images: sample, labels: Uint8Array.from(indices, (index) => labels[index] ?? 0), indices, shape };
}

/** One sampled image as the network's input: bytes scaled to 0–1, as training scales them (batching.ts). */
export function networkInput(sample: TestSample, at: number): Float32Array {
  const size = sample.shape[0] * sample.shape[1] * sample.shape[2];
  return Float32Array.from(sample.images.subarray(at * size, (at + 1) * size), (value) => value / 255);
}
