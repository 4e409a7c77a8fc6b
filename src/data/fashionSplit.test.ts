import { describe, expect, it } from 'vitest';
import { splitFashion } from './fashionSplit.ts';

/** Class c's image i: every pixel says which image it is, so the split can be traced back. */
const image = (label: number, index: number) => new Uint8Array(784).fill(label * 20 + index);
const classes = (counts: number[]) => counts.map((count, label) => Array.from({ length: count }, (_, i) => image(label, i)));

describe('splitFashion', () => {
  it('takes the same images into the same places for the same seed, and others for another seed', () => {
    const source = classes([7, 6, 6]);
    const options = { trainPerClass: 4, testPerClass: 2 };
    const a = splitFashion(source, { ...options, seed: 1 });
    expect(splitFashion(source, { ...options, seed: 1 })).toEqual(a);
    expect(splitFashion(source, { ...options, seed: 2 }).trainImages).not.toEqual(a.trainImages);
  });

  it('puts trainPerClass of each class in train and testPerClass in test, never one image in both, leaving the extras out', () => {
    const split = splitFashion(classes([7, 6, 6]), { trainPerClass: 4, testPerClass: 2, seed: 3 });
    const tally = (labels: Uint8Array) => [0, 1, 2].map((c) => labels.filter((l) => l === c).length);
    expect(tally(split.trainLabels)).toEqual([4, 4, 4]);
    expect(tally(split.testLabels)).toEqual([2, 2, 2]);
    expect(split.leftOut).toEqual([1, 0, 0]);
    const firstPixels = (images: Uint8Array) => Array.from({ length: images.length / 784 }, (_, i) => images[i * 784]);
    const train = firstPixels(split.trainImages);
    const test = firstPixels(split.testImages);
    expect(test.filter((p) => train.includes(p))).toEqual([]);
    // Labels travel with their images: class c's pixels are c*20 … c*20+19.
    train.forEach((p, i) => expect(Math.floor((p ?? 0) / 20)).toBe(split.trainLabels[i]));
  });

  it('mixes the classes, since a run trains on the first N images', () => {
    const split = splitFashion(classes([6, 6]), { trainPerClass: 5, testPerClass: 1, seed: 4 });
    expect(new Set(split.trainLabels.slice(0, 5)).size).toBe(2);
  });

  it('skips empty images (the package has two in class 0) and refuses a class too small for its share', () => {
    const source = classes([6, 6]);
    source[0]!.push(new Uint8Array(0), new Uint8Array(0));
    expect(splitFashion(source, { trainPerClass: 5, testPerClass: 1 }).leftOut).toEqual([2, 0]);
    expect(() => splitFashion(classes([6, 5]), { trainPerClass: 5, testPerClass: 1 })).toThrow('class 1 has 5 images, 6 needed');
  });
});
