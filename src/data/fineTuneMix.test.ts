import { describe, expect, it } from 'vitest';
import { createRandom, IMAGE_PIXELS } from './batching.ts';
import { createMix, fillMix, layoutMix, type FineTuneSource } from './fineTuneMix.ts';

/** Three examples (two trained, one held out), each a flat image of its own brightness, so they can be told apart. */
const source: FineTuneSource = {
  images: Uint8Array.from({ length: 3 * IMAGE_PIXELS }, (_, i) => [40, 80, 120][Math.floor(i / IMAGE_PIXELS)] ?? 0),
  labels: Uint8Array.from([7, 1, 4]),
  trainedCount: 2,
  copies: 3,
  mnistPerExample: 2,
};
/** Ten "MNIST" images, image n filled with 200 + n and labelled n. */
const mnist = {
  images: Uint8Array.from({ length: 10 * IMAGE_PIXELS }, (_, i) => 200 + Math.floor(i / IMAGE_PIXELS)),
  labels: Uint8Array.from({ length: 10 }, (_, n) => n),
};
const imageAt = (images: Uint8Array, n: number) => images.subarray(n * IMAGE_PIXELS, (n + 1) * IMAGE_PIXELS);

describe('the fine-tune mix', () => {
  it('lays out copies of the trained examples, then MNIST, then the held-out examples as they are', () => {
    expect(layoutMix(source)).toEqual({ yours: 6, mnist: 12, heldOut: 1, fitSize: 18 });
    const mix = createMix(source);
    fillMix(mix, source, mnist, createRandom(1));
    expect([...mix.labels.subarray(0, 6)]).toEqual([7, 7, 7, 1, 1, 1]);
    // Each copy is augmented on its own: no two copies of an example are the same image.
    expect(imageAt(mix.images, 0)).not.toEqual(imageAt(mix.images, 1));
    expect(imageAt(mix.images, 1)).not.toEqual(imageAt(mix.images, 2));
    for (let n = 6; n < 18; n++) {
      const drawn = (imageAt(mix.images, n)[0] ?? 0) - 200;
      expect(mix.labels[n]).toBe(drawn);
    }
    expect(mix.labels[18]).toBe(4);
    expect(imageAt(mix.images, 18).every((value) => value === 120)).toBe(true);
  });

  it('draws the same epoch for the same seed, and a new one for the next epoch', () => {
    const first = createMix(source);
    const again = createMix(source);
    const random = createRandom(5);
    fillMix(first, source, mnist, random);
    fillMix(again, source, mnist, createRandom(5));
    expect(again).toEqual(first);
    const next = { images: first.images.slice(), labels: first.labels.slice() };
    fillMix(next, source, mnist, random);
    expect(next.images).not.toEqual(first.images);
  });
});
