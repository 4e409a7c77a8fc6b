/**
 * One fine-tune epoch's images as plain bytes, laid out for the training loop: augmented copies of the person's
 * trained examples, then MNIST training images drawn at random, then the held-out examples as they are (the loop's
 * validation slice). Drawn again each epoch into the same arrays, so every epoch sees new variations.
 */
import { augmentDigit } from './augment.ts';
import { IMAGE_PIXELS } from './batching.ts';

export interface FineTuneSource {
  /** The person's examples, count × 784 bytes: the first trainedCount are trained on, the rest held out. */
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  readonly trainedCount: number;
  readonly copies: number;
  readonly mnistPerExample: number;
}

export interface MixLayout {
  readonly yours: number;
  readonly mnist: number;
  readonly heldOut: number;
  /** yours + mnist: the images the loop trains on. */
  readonly fitSize: number;
}

export function layoutMix(source: FineTuneSource): MixLayout {
  const yours = source.trainedCount * source.copies;
  const mnist = Math.round(yours * source.mnistPerExample);
  return { yours, mnist, heldOut: source.labels.length - source.trainedCount, fitSize: yours + mnist };
}

/** Arrays big enough for the mix, with the held-out examples already in place after the fitted part. */
export function createMix(source: FineTuneSource): { readonly images: Uint8Array; readonly labels: Uint8Array } {
  const layout = layoutMix(source);
  const total = layout.fitSize + layout.heldOut;
  const images = new Uint8Array(total * IMAGE_PIXELS);
  const labels = new Uint8Array(total);
  images.set(source.images.subarray(source.trainedCount * IMAGE_PIXELS), layout.fitSize * IMAGE_PIXELS);
  labels.set(source.labels.subarray(source.trainedCount), layout.fitSize);
  return { images, labels };
}

/** Draws the epoch's augmented copies and MNIST images into `mix` (made by createMix); the same `random` repeats it. */
export function fillMix(
  mix: { readonly images: Uint8Array; readonly labels: Uint8Array },
  source: FineTuneSource,
  mnist: { readonly images: Uint8Array; readonly labels: Uint8Array },
  random: () => number,
): void {
  const layout = layoutMix(source);
  const digit = new Float32Array(IMAGE_PIXELS);
  let at = 0;
  for (let example = 0; example < source.trainedCount; example++) {
    for (let p = 0; p < IMAGE_PIXELS; p++) digit[p] = (source.images[example * IMAGE_PIXELS + p] ?? 0) / 255;
    for (let copy = 0; copy < source.copies; copy++, at++) {
      const augmented = augmentDigit(digit, random);
      for (let p = 0; p < IMAGE_PIXELS; p++) mix.images[at * IMAGE_PIXELS + p] = Math.round((augmented[p] ?? 0) * 255);
      mix.labels[at] = source.labels[example] ?? 0;
    }
  }
  const available = mnist.labels.length;
  for (let i = 0; i < layout.mnist && available > 0; i++, at++) {
    const drawn = Math.floor(random() * available);
    mix.images.set(mnist.images.subarray(drawn * IMAGE_PIXELS, (drawn + 1) * IMAGE_PIXELS), at * IMAGE_PIXELS);
    mix.labels[at] = mnist.labels[drawn] ?? 0;
  }
}
