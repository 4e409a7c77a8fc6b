/** Batches of MNIST as plain typed arrays: the worker turns them into tensors. */

export const IMAGE_PIXELS = 28 * 28;

/** The images' H, W, C and how many classes their labels name: MNIST's unless a dataset says otherwise. */
export interface ImageLayout {
  readonly shape: readonly [number, number, number];
  readonly classCount: number;
}
export const MNIST_LAYOUT: ImageLayout = { shape: [28, 28, 1], classCount: 10 };
export const layoutPixels = (layout: ImageLayout): number => layout.shape[0] * layout.shape[1] * layout.shape[2];

/** mulberry32: a small seeded PRNG, so shuffles repeat exactly for the same seed. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The integers start … start+count−1 in a Fisher–Yates order drawn from `random`. */
export function shuffledRange(start: number, count: number, random: () => number): Uint32Array {
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = start + i;
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = swap;
  }
  return order;
}

/** Pixels of the chosen images scaled to [0, 1], as the book's `train_images.astype('float32') / 255`. */
export function gatherImages(images: Uint8Array, indices: ArrayLike<number>, pixels = IMAGE_PIXELS): Float32Array {
  const out = new Float32Array(indices.length * pixels);
  for (let i = 0; i < indices.length; i++) {
    const offset = (indices[i] ?? 0) * pixels;
    const source = images.subarray(offset, offset + pixels);
    for (let p = 0; p < pixels; p++) out[i * pixels + p] = (source[p] ?? 0) / 255;
  }
  return out;
}

export function gatherLabels(labels: Uint8Array, indices: ArrayLike<number>): Int32Array {
  const out = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = labels[indices[i] ?? 0] ?? 0;
  return out;
}

/** Consecutive indices start … start+count−1, for evaluation in order. */
export function indexRange(start: number, count: number): Uint32Array {
  return Uint32Array.from({ length: count }, (_, i) => start + i);
}
