import { describe, expect, it } from 'vitest';
import { CHAPTER5_LAYERS } from './defaults.ts';
import { findModelIssues } from './modelIssues.ts';
import type { LayerSpec } from './modelSpec.ts';

const conv = (filters: number, k = 3, extra: Partial<Extract<LayerSpec, { type: 'Conv2D' }>> = {}): LayerSpec => ({
  type: 'Conv2D',
  filters,
  kernelSize: [k, k],
  strides: [1, 1],
  padding: 'valid',
  activation: 'relu',
  ...extra,
});
const pool: LayerSpec = { type: 'MaxPooling2D', poolSize: [2, 2], strides: null, padding: 'valid' };
const head: LayerSpec[] = [{ type: 'Flatten' }, { type: 'Dense', units: 10, activation: 'softmax' }];

const errorsOf = (layers: LayerSpec[]) => findModelIssues(layers).issues.filter((i) => i.severity === 'error');
const warningsOf = (layers: LayerSpec[]) => findModelIssues(layers).issues.filter((i) => i.severity === 'warning');

describe('findModelIssues', () => {
  it('finds nothing wrong with the chapter-5 model', () => {
    expect(findModelIssues(CHAPTER5_LAYERS).issues).toEqual([]);
  });

  it('asks for layers when there are none', () => {
    expect(errorsOf([])[0]?.message).toMatch(/no layers/);
  });

  it('explains a kernel larger than its input at that layer, instead of "Negative dimension size"', () => {
    const [issue] = errorsOf([conv(8), pool, pool, pool, conv(8, 5), ...head]);
    expect(issue).toMatchObject({ layerIndex: 4, message: 'Conv2D: kernel 5×5 is larger than its 3×3 input; use a smaller kernel, padding \'same\', or remove a pooling layer before it.' });
  });

  it('explains a pool larger than its input', () => {
    const [issue] = errorsOf([{ type: 'MaxPooling2D', poolSize: [29, 29], strides: null, padding: 'valid' }, ...head]);
    expect(issue?.layerIndex).toBe(0);
  });

  it.each<[string, LayerSpec, string, RegExp]>([
    ['zero filters', conv(0), 'filters', /At least 1 filters/],
    ['fractional filters', conv(2.5), 'filters', /whole number, not 2.5/],
    ['absurd filters', conv(100_000), 'filters', /At most 1,024 filters/],
    ['a missing number', conv(NaN), 'filters', /Enter a whole number of filters/],
    ['a negative kernel', conv(8, -3), 'kernelSize', /At least 1/],
    ['zero stride', conv(8, 3, { strides: [0, 1] }), 'strides', /At least 1/],
    ['zero units', { type: 'Dense', units: 0, activation: 'relu' }, 'units', /At least 1 units/],
    ['dropout rate 1', { type: 'Dropout', rate: 1 }, 'rate', /fraction/],
    ['negative dropout rate', { type: 'Dropout', rate: -0.5 }, 'rate', /fraction/],
  ])('names %s at its field', (_name, layer, field, message) => {
    const [issue] = errorsOf([layer, ...head]);
    expect(issue).toMatchObject({ layerIndex: 0, field });
    expect(issue?.message).toMatch(message);
  });

  it('requires 10 outputs at the end', () => {
    const [issue] = errorsOf([{ type: 'Flatten' }, { type: 'Dense', units: 12, activation: 'softmax' }]);
    expect(issue).toMatchObject({ layerIndex: 1, field: 'units', message: expect.stringMatching(/outputs 12 values; MNIST has 10 classes/) });
  });

  it('models Dense on an image as Keras does, and explains the missing Flatten', () => {
    const [issue] = errorsOf([{ type: 'Dense', units: 10, activation: 'softmax' }]);
    expect(issue?.message).toBe(
      'The model outputs (None, 28, 28, 10), but needs one score per digit, (None, 10): add Flatten before the last Dense layer.',
    );
  });

  it('warns, without refusing, when the last activation is not softmax', () => {
    const layers: LayerSpec[] = [{ type: 'Flatten' }, { type: 'Dense', units: 10, activation: 'relu' }];
    expect(errorsOf(layers)).toEqual([]);
    expect(warningsOf(layers)[0]).toMatchObject({ layerIndex: 1, field: 'activation', message: expect.stringMatching(/softmax/) });
  });

  it('warns above the parameter budget and refuses far above it', () => {
    const big: LayerSpec[] = [{ type: 'Flatten' }, { type: 'Dense', units: 4096, activation: 'relu' }, { type: 'Dense', units: 10, activation: 'softmax' }];
    expect(warningsOf(big).map((i) => i.message)).toEqual([expect.stringMatching(/3,256,330 parameters: this will train slowly/)]);
    const huge: LayerSpec[] = [conv(512, 3, { padding: 'same' }), { type: 'Flatten' }, { type: 'Dense', units: 64, activation: 'relu' }, head[1]!];
    expect(errorsOf(huge)[0]?.message).toMatch(/^25,695,946 parameters is too large to train in a browser \(the limit is 25,000,000\)/);
  });
});
