import { describe, expect, it } from 'vitest';
import { analyzeModel } from './analysis.ts';
import { CHAPTER5_LAYERS } from './defaults.ts';
import { inferShapes, windowOutputSize } from './shapes.ts';

describe('windowOutputSize', () => {
  it.each([
    [28, 3, 1, 'valid', 26],
    [13, 2, 2, 'valid', 6],
    [26, 2, 2, 'valid', 13],
    [28, 5, 2, 'valid', 12],
    [28, 3, 1, 'same', 28],
    [28, 3, 2, 'same', 14],
    [5, 2, 2, 'same', 3],
  ] as const)('in %i, window %i, stride %i, %s → %i', (input, window, stride, padding, out) => {
    expect(windowOutputSize(input, window, stride, padding)).toBe(out);
  });
});

describe('inferShapes', () => {
  it('gives the chapter-5 shapes and 93,322 parameters', () => {
    const analysis = analyzeModel(CHAPTER5_LAYERS);
    expect(analysis.ok && analysis.rows.map((r) => r.outputShape)).toEqual([
      [26, 26, 32],
      [13, 13, 32],
      [11, 11, 64],
      [5, 5, 64],
      [3, 3, 64],
      [576],
      [64],
      [10],
    ]);
    expect(analysis.ok && analysis.totalParams).toBe(93_322);
  });

  it('names the layer whose kernel is larger than its input, and what it needs', () => {
    const result = inferShapes([
      { type: 'Conv2D', filters: 8, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', activation: 'relu' },
      { type: 'MaxPooling2D', poolSize: [2, 2], strides: null, padding: 'valid' },
      { type: 'MaxPooling2D', poolSize: [2, 2], strides: null, padding: 'valid' },
      { type: 'MaxPooling2D', poolSize: [2, 2], strides: null, padding: 'valid' },
      { type: 'Conv2D', filters: 8, kernelSize: [5, 5], strides: [1, 1], padding: 'valid', activation: 'relu' },
    ]);
    expect(result).toEqual({ ok: false, layerIndex: 4, message: expect.stringContaining('kernel 5×5 is larger than its 3×3 input') });
  });

  it('refuses a window layer after Flatten', () => {
    const result = inferShapes([{ type: 'Flatten' }, { type: 'MaxPooling2D', poolSize: [2, 2], strides: null, padding: 'valid' }]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.layerIndex).toBe(1);
  });

  it('refuses a Flatten after the input is flat, as tfjs does', () => {
    const result = inferShapes([{ type: 'Flatten' }, { type: 'Flatten' }]);
    expect(result).toEqual({ ok: false, layerIndex: 1, message: 'its input (784) is already flat; remove this Flatten layer' });
  });

  it('applies Dense to the last axis of an image, as Keras does', () => {
    const analysis = analyzeModel([{ type: 'Dense', units: 16, activation: 'relu' }]);
    expect(analysis.ok && analysis.rows[0]).toMatchObject({ outputShape: [28, 28, 16], params: 32 });
  });
});
