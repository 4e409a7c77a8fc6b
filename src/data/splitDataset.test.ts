import { describe, expect, it } from 'vitest';
import { splitByClass } from './splitDataset.ts';

const labelsOf = (...counts: number[]) => Uint8Array.from(counts.flatMap((n, label) => Array<number>(n).fill(label)));

describe('splitByClass', () => {
  it('holds out the fraction of each class, the same for the same seed and different for another', () => {
    const labels = labelsOf(50, 30, 20);
    const mask = splitByClass(labels, 3, 0.2, 7);
    const heldPerClass = [0, 1, 2].map((c) => [...labels].filter((l, i) => l === c && mask[i] === 1).length);
    expect(heldPerClass).toEqual([10, 6, 4]);
    expect(splitByClass(labels, 3, 0.2, 7)).toEqual(mask);
    expect(splitByClass(labels, 3, 0.2, 8)).not.toEqual(mask);
  });

  it('keeps a class of two on both sides, and a class of one for training', () => {
    const labels = labelsOf(2, 1, 3);
    const mask = splitByClass(labels, 3, 0.9, 1);
    expect([...mask.slice(0, 2)].sort()).toEqual([0, 1]);
    expect(mask[2]).toBe(0);
    expect([...mask.slice(3)].filter(Boolean).length).toBe(2);
  });
});
