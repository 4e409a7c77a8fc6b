import { describe, expect, it } from 'vitest';
import { firstOfEachClass, networkInput, sampleTestImages } from './testSample.ts';

describe('a few test images of each class', () => {
  it('takes the first of each class in test-set order, class by class, and what a short class has', () => {
    const labels = [2, 0, 0, 1, 2, 0, 2, 2];
    expect(firstOfEachClass(labels, 3, 2)).toEqual([1, 2, 3, 0, 4]);
    expect(firstOfEachClass(labels, 3, 1)).toEqual([1, 3, 0]);
    // A label outside the classes is never offered.
    expect(firstOfEachClass([5, 0], 3, 2)).toEqual([1]);
  });

  it('copies each picked image whole (2×1 colour images here) with its label and where it came from', () => {
    const shape = [2, 1, 3] as const;
    // Image i is filled with the byte 10·i.
    const images = Uint8Array.from({ length: 5 * 6 }, (_, p) => 10 * Math.floor(p / 6));
    const labels = Uint8Array.from([1, 1, 0, 1, 0]);
    const sample = sampleTestImages(images, labels, shape, 2, 4);
    expect(sample.indices).toEqual([2, 4, 0, 1]);
    expect([...sample.labels]).toEqual([0, 0, 1, 1]);
    expect([...sample.images.subarray(0, 6)]).toEqual([20, 20, 20, 20, 20, 20]);
    expect([...sample.images.subarray(18, 24)]).toEqual([10, 10, 10, 10, 10, 10]);
    // A copy: the test set can be let go.
    images.fill(0);
    expect(sample.images[0]).toBe(20);
    expect(networkInput(sample, 1)).toEqual(new Float32Array(6).fill(40 / 255));
  });

  it('offers no label past the last image when the sizes disagree', () => {
    const sample = sampleTestImages(new Uint8Array(2 * 4), Uint8Array.from([0, 1, 0, 1]), [2, 2, 1], 2, 10);
    expect(sample.indices).toEqual([0, 1]);
  });
});
