import { describe, expect, it } from 'vitest';
import { FASHION_MNIST_REF, MNIST_REF, refOfDataset, switchableDataset, whyModelDoesNotFit } from './datasetRef.ts';
import { FASHION_MNIST_INFO, MNIST_INFO, type DatasetInfo } from './datasets.ts';
import { CHAPTER5_LAYERS } from './defaults.ts';
import type { LayerSpec } from './modelSpec.ts';

const endingIn = (units: number): LayerSpec[] => [{ type: 'Flatten' }, { type: 'Dense', units, activation: 'softmax' }];
const shapes: DatasetInfo = { ...MNIST_INFO, id: 'your-images', title: 'Your images', inputShape: [64, 64, 3], classNames: ['circle', 'square', 'triangle'], drawable: false };

describe('whether a saved model fits the data in hand', () => {
  it('fits the data it was made for', () => {
    expect(whyModelDoesNotFit(MNIST_REF, CHAPTER5_LAYERS, MNIST_REF)).toBeNull();
    expect(whyModelDoesNotFit(refOfDataset(shapes), endingIn(3), refOfDataset(shapes))).toBeNull();
  });

  it('says what it was made for and what the data in hand is', () => {
    expect(whyModelDoesNotFit(FASHION_MNIST_REF, CHAPTER5_LAYERS, refOfDataset(shapes))).toBe('made for Fashion-MNIST, 28×28×1 — 10 classes; this dataset is 64×64×3');
    expect(whyModelDoesNotFit(refOfDataset(shapes), endingIn(3), { ...refOfDataset(shapes), classNames: ['a', 'b'] })).toBe(
      'made for Your images, 64×64×3 — 3 classes; this dataset has 2 classes',
    );
    // Same shape and count, other classes: a Fashion-MNIST model would answer "Trouser" for a 1.
    expect(whyModelDoesNotFit(FASHION_MNIST_REF, CHAPTER5_LAYERS, MNIST_REF)).toBe(
      "made for Fashion-MNIST, 28×28×1 — 10 classes (T-shirt/top, Trouser, Pullover, …); this dataset's classes are 0, 1, 2, …",
    );
  });

  it('refuses a model whose last layer does not answer with one unit a class, whatever its file says', () => {
    expect(whyModelDoesNotFit(MNIST_REF, endingIn(3), MNIST_REF)).toBe('its last layer answers with 3 units; this dataset has 10 classes');
    expect(whyModelDoesNotFit(MNIST_REF, [{ type: 'Flatten' }], MNIST_REF)).toBe('its last layer answers with no units; this dataset has 10 classes');
  });
});

describe('the dataset to switch to for a model', () => {
  it('is the shipped dataset of its id, or your images when those held are the same data', () => {
    expect(switchableDataset(FASHION_MNIST_REF, null)).toBe(FASHION_MNIST_INFO);
    expect(switchableDataset(refOfDataset(shapes), shapes)).toBe(shapes);
  });

  it('is none for images not held, other images, or a dataset this page does not know', () => {
    expect(switchableDataset(refOfDataset(shapes), null)).toBeNull();
    expect(switchableDataset(refOfDataset(shapes), { ...shapes, inputShape: [32, 32, 3] })).toBeNull();
    expect(switchableDataset({ ...FASHION_MNIST_REF, id: 'cifar-10' }, null)).toBeNull();
    expect(switchableDataset({ ...FASHION_MNIST_REF, classNames: ['a'] }, null)).toBeNull();
  });
});
