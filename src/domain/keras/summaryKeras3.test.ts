import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../analysis.ts';
import { CHAPTER5_LAYERS } from '../defaults.ts';
import { formatKerasSummary } from './summary.ts';
import {
  formatKeras3Summary,
  formatMemorySize,
  KERAS3_LINE_LENGTH,
  KERAS3_WIDE_LINE_LENGTH,
  keras3ColumnWidths,
  nameLayersKeras3,
} from './summaryKeras3.ts';
import type { LayerSpec } from '../modelSpec.ts';

/** Chapter 2 of the book: the densely connected MNIST network. */
const CHAPTER2_LAYERS: readonly LayerSpec[] = [
  { type: 'Flatten' },
  { type: 'Dense', units: 512, activation: 'relu' },
  { type: 'Dense', units: 10, activation: 'softmax' },
];

/** 'same' convolutions with batch normalization: moving means and variances make non-trainable parameters. */
const BATCH_NORM_LAYERS: readonly LayerSpec[] = [
  { type: 'Conv2D', filters: 32, kernelSize: [3, 3], strides: [1, 1], padding: 'same', activation: 'relu' },
  { type: 'BatchNormalization' },
  { type: 'MaxPooling2D', poolSize: [2, 2], strides: null, padding: 'valid' },
  { type: 'Conv2D', filters: 64, kernelSize: [3, 3], strides: [1, 1], padding: 'same', activation: 'relu' },
  { type: 'BatchNormalization' },
  { type: 'AveragePooling2D', poolSize: [2, 2], strides: null, padding: 'valid' },
  { type: 'Flatten' },
  { type: 'Dropout', rate: 0.5 },
  { type: 'Dense', units: 10, activation: 'softmax' },
];

function analysisOf(layers: readonly LayerSpec[]) {
  const analysis = analyzeModel(layers);
  if (!analysis.ok) throw new Error(analysis.message);
  return analysis;
}

const keras3SummaryOf = (layers: readonly LayerSpec[], lineLength?: number) => {
  const analysis = analysisOf(layers);
  return formatKeras3Summary(analysis.rows, analysis, lineLength);
};
const keras2SummaryOf = (layers: readonly LayerSpec[]) => {
  const analysis = analysisOf(layers);
  return formatKerasSummary(analysis.rows, analysis);
};

/** Drops the first and last newline of a template literal, so goldens can start on their own line. */
const golden = (text: string) => text.slice(1, -1);
const trimLines = (text: string) => text.split('\n').map((line) => line.trimEnd());

/* Goldens: Keras 3's print_summary table settings, rendered by rich in an 80-column terminal. */

const CHAPTER5_KERAS3 = golden(`
Model: "sequential"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ conv2d (Conv2D)                 │ (None, 26, 26, 32)     │           320 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ max_pooling2d (MaxPooling2D)    │ (None, 13, 13, 32)     │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ conv2d_1 (Conv2D)               │ (None, 11, 11, 64)     │        18,496 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ max_pooling2d_1 (MaxPooling2D)  │ (None, 5, 5, 64)       │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ conv2d_2 (Conv2D)               │ (None, 3, 3, 64)       │        36,928 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ flatten (Flatten)               │ (None, 576)            │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dense (Dense)                   │ (None, 64)             │        36,928 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dense_1 (Dense)                 │ (None, 10)             │           650 │
└─────────────────────────────────┴────────────────────────┴───────────────┘
 Total params: 93,322 (364.54 KB)
 Trainable params: 93,322 (364.54 KB)
 Non-trainable params: 0 (0.00 B)
`);

const CHAPTER5_KERAS3_WIDE = golden(`
Model: "sequential"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓
┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩
│ conv2d (Conv2D)                      │ (None, 26, 26, 32)          │             320 │
├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
│ max_pooling2d (MaxPooling2D)         │ (None, 13, 13, 32)          │               0 │
├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
│ conv2d_1 (Conv2D)                    │ (None, 11, 11, 64)          │          18,496 │
├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
│ max_pooling2d_1 (MaxPooling2D)       │ (None, 5, 5, 64)            │               0 │
├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
│ conv2d_2 (Conv2D)                    │ (None, 3, 3, 64)            │          36,928 │
├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
│ flatten (Flatten)                    │ (None, 576)                 │               0 │
├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
│ dense (Dense)                        │ (None, 64)                  │          36,928 │
├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
│ dense_1 (Dense)                      │ (None, 10)                  │             650 │
└──────────────────────────────────────┴─────────────────────────────┴─────────────────┘
 Total params: 93,322 (364.54 KB)
 Trainable params: 93,322 (364.54 KB)
 Non-trainable params: 0 (0.00 B)
`);

const CHAPTER2_KERAS3 = golden(`
Model: "sequential"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ flatten (Flatten)               │ (None, 784)            │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dense (Dense)                   │ (None, 512)            │       401,920 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dense_1 (Dense)                 │ (None, 10)             │         5,130 │
└─────────────────────────────────┴────────────────────────┴───────────────┘
 Total params: 407,050 (1.55 MB)
 Trainable params: 407,050 (1.55 MB)
 Non-trainable params: 0 (0.00 B)
`);

const BATCH_NORM_KERAS3 = golden(`
Model: "sequential"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ conv2d (Conv2D)                 │ (None, 28, 28, 32)     │           320 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ batch_normalization             │ (None, 28, 28, 32)     │           128 │
│ (BatchNormalization)            │                        │               │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ max_pooling2d (MaxPooling2D)    │ (None, 14, 14, 32)     │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ conv2d_1 (Conv2D)               │ (None, 14, 14, 64)     │        18,496 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ batch_normalization_1           │ (None, 14, 14, 64)     │           256 │
│ (BatchNormalization)            │                        │               │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ average_pooling2d               │ (None, 7, 7, 64)       │             0 │
│ (AveragePooling2D)              │                        │               │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ flatten (Flatten)               │ (None, 3136)           │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dropout (Dropout)               │ (None, 3136)           │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dense (Dense)                   │ (None, 10)             │        31,370 │
└─────────────────────────────────┴────────────────────────┴───────────────┘
 Total params: 50,570 (197.54 KB)
 Trainable params: 50,378 (196.79 KB)
 Non-trainable params: 192 (768.00 B)
`);

describe('formatKeras3Summary (Keras 3 layout)', () => {
  it('prints the chapter-5 convnet as Keras 3 does in an 80-column terminal', () => {
    expect(keras3SummaryOf(CHAPTER5_LAYERS)).toBe(CHAPTER5_KERAS3);
  });

  it('prints the chapter-2 dense network, sizing 407,050 parameters in MB', () => {
    expect(keras3SummaryOf(CHAPTER2_LAYERS)).toBe(CHAPTER2_KERAS3);
  });

  it('wraps long names onto a second line and counts batch-norm statistics as non-trainable', () => {
    expect(keras3SummaryOf(BATCH_NORM_LAYERS)).toBe(BATCH_NORM_KERAS3);
  });

  it('widens to 88 characters for a terminal of 92 columns or more', () => {
    expect(keras3SummaryOf(CHAPTER5_LAYERS, KERAS3_WIDE_LINE_LENGTH)).toBe(CHAPTER5_KERAS3_WIDE);
  });

  it('keeps a long name on one line when the wide table has room for it', () => {
    expect(keras3SummaryOf(BATCH_NORM_LAYERS, KERAS3_WIDE_LINE_LENGTH)).toContain(
      '│ average_pooling2d (AveragePooling2D) │ (None, 7, 7, 64)            │               0 │',
    );
  });

  it('draws every table line exactly as wide as the line length', () => {
    for (const lineLength of [KERAS3_LINE_LENGTH, KERAS3_WIDE_LINE_LENGTH]) {
      const tableLines = keras3SummaryOf(BATCH_NORM_LAYERS, lineLength).split('\n').slice(1, -3);
      for (const line of tableLines) expect([...line]).toHaveLength(lineLength);
    }
  });

  it('draws only the header and the bottom rule for a model with no layers', () => {
    const text = formatKeras3Summary([], { totalParams: 0, trainableParams: 0, nonTrainableParams: 0 });
    expect(text.split('\n').slice(3, 5)).toEqual([
      '┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩',
      '└─────────────────────────────────┴────────────────────────┴───────────────┘',
    ]);
    expect(text).toContain(' Total params: 0 (0.00 B)');
  });

  it('puts the header at the bottom of its cells and cuts a word too wide for its cell with an ellipsis', () => {
    const lines = keras3SummaryOf(BATCH_NORM_LAYERS, 40).split('\n');
    expect(lines.slice(2, 4)).toEqual(['┃                 ┃ Output     ┃ Param ┃', '┃ Layer (type)    ┃ Shape      ┃     # ┃']);
    expect(lines.slice(8, 10)).toEqual(['│ batch_normaliz… │ (None, 28, │   128 │', '│ (BatchNormaliz… │ 28, 32)    │       │']);
  });
});

describe('nameLayersKeras3', () => {
  it('names the chapter-5 layers as Keras 3 does: no suffix for the first of a class, then _1, _2', () => {
    expect(nameLayersKeras3(CHAPTER5_LAYERS.map((layer) => layer.type))).toEqual([
      'conv2d',
      'max_pooling2d',
      'conv2d_1',
      'max_pooling2d_1',
      'conv2d_2',
      'flatten',
      'dense',
      'dense_1',
    ]);
  });

  it('turns every class name into snake case', () => {
    expect(nameLayersKeras3(['AveragePooling2D', 'BatchNormalization', 'Dropout', 'BatchNormalization'])).toEqual([
      'average_pooling2d',
      'batch_normalization',
      'dropout',
      'batch_normalization_1',
    ]);
  });
});

describe('formatMemorySize', () => {
  it.each([
    [0, '0.00 B'],
    [768, '768.00 B'],
    [1020, '1020.00 B'],
    [1024, '1.00 KB'],
    [373_288, '364.54 KB'],
    [1_628_200, '1.55 MB'],
    [1024 ** 3, '1.00 GB'],
    // Exact ties round to even, as Python's format does: 1.125 and 1.375 KB.
    [1152, '1.12 KB'],
    [1408, '1.38 KB'],
  ])('formatMemorySize(%i) = %s', (bytes, text) => expect(formatMemorySize(bytes)).toBe(text));
});

describe('keras3ColumnWidths', () => {
  it('gives the text widths of the three columns', () => {
    expect(keras3ColumnWidths(KERAS3_LINE_LENGTH)).toEqual([31, 22, 13]);
    expect(keras3ColumnWidths(KERAS3_WIDE_LINE_LENGTH)).toEqual([36, 27, 15]);
  });
});

/* Keras 2 goldens by its print_summary rules: fields cut at columns 29, 55 and 65, the last character of a cut
 * field giving way to a space. Lines are compared without the trailing spaces Keras pads them with. */

const CHAPTER2_KERAS2 = golden(`
_________________________________________________________________
Layer (type)                 Output Shape              Param #
=================================================================
flatten_1 (Flatten)          (None, 784)               0
_________________________________________________________________
dense_1 (Dense)              (None, 512)               401920
_________________________________________________________________
dense_2 (Dense)              (None, 10)                5130
=================================================================
Total params: 407,050
Trainable params: 407,050
Non-trainable params: 0
_________________________________________________________________
`);

const BATCH_NORM_KERAS2 = golden(`
_________________________________________________________________
Layer (type)                 Output Shape              Param #
=================================================================
conv2d_1 (Conv2D)            (None, 28, 28, 32)        320
_________________________________________________________________
batch_normalization_1 (Batch (None, 28, 28, 32)        128
_________________________________________________________________
max_pooling2d_1 (MaxPooling2 (None, 14, 14, 32)        0
_________________________________________________________________
conv2d_2 (Conv2D)            (None, 14, 14, 64)        18496
_________________________________________________________________
batch_normalization_2 (Batch (None, 14, 14, 64)        256
_________________________________________________________________
average_pooling2d_1 (Average (None, 7, 7, 64)          0
_________________________________________________________________
flatten_1 (Flatten)          (None, 3136)              0
_________________________________________________________________
dropout_1 (Dropout)          (None, 3136)              0
_________________________________________________________________
dense_1 (Dense)              (None, 10)                31370
=================================================================
Total params: 50,570
Trainable params: 50,378
Non-trainable params: 192
_________________________________________________________________
`);

describe('formatKerasSummary (Keras 2 layout)', () => {
  it('prints the chapter-2 dense network', () => {
    expect(trimLines(keras2SummaryOf(CHAPTER2_LAYERS))).toEqual(trimLines(CHAPTER2_KERAS2));
  });

  it('prints the batch-normalization model, cutting long class names at column 29', () => {
    expect(trimLines(keras2SummaryOf(BATCH_NORM_LAYERS))).toEqual(trimLines(BATCH_NORM_KERAS2));
  });

  it('pads every rule and layer row to 65 characters', () => {
    const text = keras2SummaryOf(BATCH_NORM_LAYERS);
    for (const line of text.split('\n').filter((l) => /^[_=]|^\S+ \(/.test(l))) expect(line).toHaveLength(65);
  });
});
