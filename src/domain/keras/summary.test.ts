import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../analysis.ts';
import { CHAPTER5_LAYERS } from '../defaults.ts';
import { formatKerasSummary, formatPythonShape } from './summary.ts';
import { formatCount } from '../format.ts';

/** What Keras printed for model.summary() in the book's chapter-5 notebook. */
const BOOK_SUMMARY = `
_________________________________________________________________
Layer (type)                 Output Shape              Param #   
=================================================================
conv2d_1 (Conv2D)            (None, 26, 26, 32)        320       
_________________________________________________________________
max_pooling2d_1 (MaxPooling2 (None, 13, 13, 32)        0         
_________________________________________________________________
conv2d_2 (Conv2D)            (None, 11, 11, 64)        18496     
_________________________________________________________________
max_pooling2d_2 (MaxPooling2 (None, 5, 5, 64)          0         
_________________________________________________________________
conv2d_3 (Conv2D)            (None, 3, 3, 64)          36928     
_________________________________________________________________
flatten_1 (Flatten)          (None, 576)               0         
_________________________________________________________________
dense_1 (Dense)              (None, 64)                36928     
_________________________________________________________________
dense_2 (Dense)              (None, 10)                650       
=================================================================
Total params: 93,322
Trainable params: 93,322
Non-trainable params: 0
_________________________________________________________________
`.slice(1, -1);

const trimLines = (text: string) => text.split('\n').map((line) => line.trimEnd());

function summaryOf(layers: Parameters<typeof analyzeModel>[0]): string {
  const analysis = analyzeModel(layers);
  if (!analysis.ok) throw new Error(analysis.message);
  return formatKerasSummary(analysis.rows, analysis);
}

describe('formatKerasSummary', () => {
  it("prints the chapter-5 model exactly as the book's Keras did, line for line", () => {
    expect(trimLines(summaryOf(CHAPTER5_LAYERS))).toEqual(trimLines(BOOK_SUMMARY));
  });

  it('keeps every line 65 characters wide, as Keras pads them', () => {
    for (const line of summaryOf(CHAPTER5_LAYERS).split('\n').filter((l) => /^[_=]|^\S+ \(/.test(l))) {
      expect(line).toHaveLength(65);
    }
  });

  it('cuts long class names at the column edge, leaving a space', () => {
    const text = summaryOf([{ type: 'MaxPooling2D', poolSize: [2, 2], strides: null, padding: 'valid' }]);
    expect(text).toContain('max_pooling2d_1 (MaxPooling2 (None, 14, 14, 1)');
  });

  it('counts names per layer class from 1', () => {
    const text = summaryOf([
      { type: 'Flatten' },
      { type: 'Dense', units: 32, activation: 'relu' },
      { type: 'Dropout', rate: 0.5 },
      { type: 'Dense', units: 10, activation: 'softmax' },
    ]);
    expect(text).toMatch(/flatten_1 \(Flatten\)\s+\(None, 784\)\s+0/);
    expect(text).toMatch(/dense_1 \(Dense\)\s+\(None, 32\)\s+25120/);
    expect(text).toMatch(/dropout_1 \(Dropout\)\s+\(None, 32\)\s+0/);
    expect(text).toMatch(/dense_2 \(Dense\)\s+\(None, 10\)\s+330/);
    expect(text).toContain('Total params: 25,450');
  });
});

describe('number and shape formatting', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [93322, '93,322'],
    [1234567, '1,234,567'],
  ])('formatCount(%i) = %s', (n, text) => expect(formatCount(n)).toBe(text));

  it('writes shapes as Python tuples with the batch axis', () => {
    expect(formatPythonShape([576])).toBe('(None, 576)');
    expect(formatPythonShape([3, 3, 64])).toBe('(None, 3, 3, 64)');
  });
});
