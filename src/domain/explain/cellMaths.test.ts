import { describe, expect, it } from 'vitest';
import { regionTotals, shareNearInk } from './attributionSummary.ts';
import { explainConvCell } from './convCell.ts';
import { explainDenseUnit } from './denseUnit.ts';
import { explainPoolCell } from './poolCell.ts';
import { softmaxSteps } from './softmaxSteps.ts';
import { windowStart, type Activations } from './windows.ts';

/** A 3×3 single-channel image 1..9, row by row. */
const image: Activations = { height: 3, width: 3, channels: 1, values: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]) };

describe('windows', () => {
  it("start where Keras' valid and same padding put them", () => {
    expect(windowStart(2, 28, 3, 1, 'valid')).toBe(2);
    // 28 in, stride 1, window 3, same: one pixel of padding before.
    expect(windowStart(0, 28, 3, 1, 'same')).toBe(-1);
    // 5 in, stride 2, window 2, same: out 3, total padding (3−1)·2 + 2 − 5 = 1, all of it after.
    expect(windowStart(0, 5, 2, 2, 'same')).toBe(0);
    expect(windowStart(2, 5, 2, 2, 'same')).toBe(4);
  });
});

describe('a conv cell', () => {
  it('is the window times the kernel, summed, plus the bias, through the activation', () => {
    // A 2×2 kernel on one channel, one filter: weights 1, 0, 0, −1 (top-left minus bottom-right).
    const weights = { kernelSize: [2, 2] as const, inputChannels: 1, filters: 1, kernel: Float32Array.from([1, 0, 0, -1]), bias: Float32Array.from([0.5]) };
    const cell = explainConvCell(image, weights, { strides: [1, 1], padding: 'valid', activation: 'relu' }, { row: 1, col: 0, channel: 0 });
    expect(cell.window).toEqual({ top: 1, left: 0, height: 2, width: 2 });
    expect(cell.channels[0]?.inputs).toEqual([4, 5, 7, 8]);
    expect(cell.channels[0]?.products).toEqual([4, 0, 0, -8]);
    expect(cell.productSum).toBe(-4);
    expect(cell.preActivation).toBe(-3.5);
    expect(cell.value).toBe(0);
    const linear = explainConvCell(image, weights, { strides: [1, 1], padding: 'valid', activation: 'linear' }, { row: 1, col: 0, channel: 0 });
    expect(linear.value).toBe(-3.5);
  });

  it('reads zeros on the padding and says where it lies', () => {
    const weights = { kernelSize: [3, 3] as const, inputChannels: 1, filters: 1, kernel: new Float32Array(9).fill(1), bias: null };
    const cell = explainConvCell(image, weights, { strides: [1, 1], padding: 'same', activation: 'linear' }, { row: 0, col: 0, channel: 0 });
    expect(cell.channels[0]?.inputs).toEqual([null, null, null, null, 1, 2, null, 4, 5]);
    expect(cell.value).toBe(12);
  });

  it('normalises over the filters when its activation is softmax', () => {
    const weights = { kernelSize: [1, 1] as const, inputChannels: 1, filters: 2, kernel: Float32Array.from([1, -1]), bias: null };
    const cell = explainConvCell(image, weights, { strides: [1, 1], padding: 'valid', activation: 'softmax' }, { row: 0, col: 0, channel: 0 });
    expect(cell.softmax?.logits).toEqual([1, -1]);
    expect(cell.value).toBeCloseTo(Math.exp(1) / (Math.exp(1) + Math.exp(-1)), 12);
  });
});

describe('a pooling cell', () => {
  it('names the input that won the max, and averages only the cells on the input', () => {
    const max = explainPoolCell(image, { pooling: 'max', poolSize: [2, 2], strides: [2, 2], padding: 'same' }, { row: 1, col: 1, channel: 0 });
    // Same padding, 3 in, window 2, stride 2: out 2, one padding cell after; the window at (1, 1) holds 9 and padding.
    expect(max.inputs).toEqual([9, null, null, null]);
    expect(max.winner).toBe(0);
    expect(max.value).toBe(9);
    const average = explainPoolCell(image, { pooling: 'average', poolSize: [2, 2], strides: [1, 1], padding: 'valid' }, { row: 0, col: 1, channel: 0 });
    expect(average.inputs).toEqual([2, 3, 5, 6]);
    expect([average.winner, average.counted, average.value]).toEqual([null, 4, 4]);
  });
});

describe('a dense unit and softmax', () => {
  it('lists the largest products and sums them all', () => {
    const weights = { inputs: 3, units: 2, kernel: Float32Array.from([1, 0, -2, 1, 0.5, 0]), bias: Float32Array.from([0.25, 0]) };
    const unit = explainDenseUnit(Float32Array.from([1, 2, 4]), weights, 'softmax', 0, 2);
    expect(unit.largestTerms.map((t) => [t.index, t.product])).toEqual([[1, -4], [2, 2]]);
    expect(unit.productSum).toBe(-1);
    expect(unit.preActivation).toBe(-0.75);
    expect(unit.softmax?.logits).toEqual([-0.75, 2]);
    expect(unit.value).toBeCloseTo(1 / (1 + Math.exp(2.75)), 12);
  });

  it('subtracts the largest logit before exponentiating, so large logits do not overflow', () => {
    const steps = softmaxSteps([1000, 1001]);
    expect(steps.exponentials).toEqual([Math.exp(-1), 1]);
    expect(steps.probabilities.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
  });
});

describe('attribution summaries', () => {
  it('total a map by region and measure its share near the ink', () => {
    const map = Float32Array.from({ length: 16 }, (_, i) => (i % 4 < 2 ? 1 : -1));
    expect(regionTotals(map, 4, 2)).toEqual({ blocks: 2, totals: [4, -4, 4, -4] });
    const ink = Float32Array.from({ length: 16 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    expect(shareNearInk(map, ink, 4, 0)).toBe(0.25);
    expect(shareNearInk(map, ink, 4, 1)).toBe(0.5);
  });
});
