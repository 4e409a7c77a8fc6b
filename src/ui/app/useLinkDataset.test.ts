import { describe, expect, it } from 'vitest';
import { FASHION_MNIST_REF, MNIST_REF, refOfDataset } from '../../domain/datasetRef.ts';
import { FASHION_MNIST_INFO, MNIST_INFO, type DatasetInfo } from '../../domain/datasets.ts';
import { resolveLinkDataset } from './useLinkDataset.ts';

const shapes: DatasetInfo = { ...MNIST_INFO, id: 'your-images', title: 'Your images', inputShape: [32, 32, 3], classNames: ['circle', 'square', 'triangle'], drawable: false };

describe("a shared link's data", () => {
  it('switches to a shipped dataset, or to your images when the ones held are the same data', () => {
    expect(resolveLinkDataset(FASHION_MNIST_REF, null)).toEqual({ switchTo: FASHION_MNIST_INFO });
    expect(resolveLinkDataset(MNIST_REF, shapes)).toEqual({ switchTo: MNIST_INFO });
    expect(resolveLinkDataset(refOfDataset(shapes), shapes)).toEqual({ switchTo: shapes });
  });

  it('says which images are missing when they are not in this browser', () => {
    expect(resolveLinkDataset(refOfDataset(shapes), null)).toEqual({
      problem:
        'The shared link’s model was made for Your images, 32×32×3 — 3 classes (circle, square, triangle): those images are not in this browser. ' +
        'The model is open in the editor; the data chosen and your images are as they were. Import the same images under Your images to train it.',
    });
  });

  it('says the images held do not fit, naming both, when they are another shape or other classes', () => {
    const other = { ...shapes, inputShape: [16, 16, 1] as const, classNames: ['a', 'b'] };
    const resolved = resolveLinkDataset(refOfDataset(shapes), other);
    expect(resolved).toEqual({ problem: expect.stringContaining('the images in this browser are 16×16×1 (a, b), so the model does not fit them.') });
  });

  it('opens the model on the data in hand when the link names data it cannot read or a dataset it does not have', () => {
    expect(resolveLinkDataset(null, null)).toEqual({ problem: expect.stringMatching(/^The shared link names its data in a way this page cannot read\./) });
    expect(resolveLinkDataset({ ...FASHION_MNIST_REF, id: 'cifar-10', title: 'CIFAR-10' }, null)).toEqual({
      problem: expect.stringContaining('which this version of the playground does not have.'),
    });
  });
});
