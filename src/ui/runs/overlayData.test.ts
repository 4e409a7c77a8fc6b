import { describe, expect, it } from 'vitest';
import { FASHION_MNIST_REF, MNIST_REF, type DatasetRef } from '../../domain/datasetRef.ts';
import type { RunRecord } from '../../storage/runStore.ts';
import { describeMixedData } from './overlayData.ts';

const runOn = (dataset: DatasetRef) => ({ dataset }) as RunRecord;

describe('curves from different data', () => {
  it('says nothing when every curve drawn trained on the same data', () => {
    expect(describeMixedData([runOn(MNIST_REF), runOn(MNIST_REF)], MNIST_REF)).toBeNull();
    expect(describeMixedData([runOn(FASHION_MNIST_REF)], null)).toBeNull();
    expect(describeMixedData([], FASHION_MNIST_REF)).toBeNull();
  });

  it('names each dataset with its curves when they differ', () => {
    expect(describeMixedData([runOn(MNIST_REF), runOn(FASHION_MNIST_REF), runOn(MNIST_REF)], FASHION_MNIST_REF)).toBe(
      "These curves come from different data: Fashion-MNIST (the run on the charts and 1 overlaid run); MNIST (2 overlaid runs). An accuracy on one dataset says nothing about another's.",
    );
  });

  it('tells your images of two sizes apart', () => {
    const small = { id: 'your-images', title: 'Your images', inputShape: [16, 16, 1] as const, classNames: ['a', 'b'] };
    expect(describeMixedData([runOn(small)], { ...small, inputShape: [32, 32, 3] })).toMatch(/^These curves come from different data: Your images, 32×32×3 \(the run on the charts\); Your images, 16×16×1 \(1 overlaid run\)/);
  });
});
