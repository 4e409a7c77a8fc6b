/** The editor's ready-made models, and how each fits the chosen data: the dataset's input shape and classes. */
import { analyzeModel } from './analysis.ts';
import { formatInputShape, type DatasetInfo } from './datasets.ts';
import { CHAPTER5_LAYERS } from './defaults.ts';
import { findModelIssues } from './modelIssues.ts';
import type { LayerSpec } from './modelSpec.ts';

export interface Preset {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly layers: readonly LayerSpec[];
}

const pool = (size: number, type: 'MaxPooling2D' | 'AveragePooling2D' = 'MaxPooling2D'): LayerSpec => ({
  type,
  poolSize: [size, size],
  strides: null,
  padding: 'valid',
});

export const PRESETS: readonly Preset[] = [
  { id: 'chapter5', name: 'Chapter 5 convnet', description: 'The book’s MNIST convnet: 93,322 parameters, above 99% test accuracy.', layers: CHAPTER5_LAYERS },
  {
    id: 'chapter2',
    name: 'Chapter 2 dense network',
    description: 'The book’s first network: no convolutions, 407,050 parameters, about 97.8%.',
    layers: [{ type: 'Flatten' }, { type: 'Dense', units: 512, activation: 'relu' }, { type: 'Dense', units: 10, activation: 'softmax' }],
  },
  {
    id: 'lenet5',
    name: 'LeNet-5 style',
    description: 'LeCun’s 1998 layout: tanh convolutions with average pooling.',
    layers: [
      { type: 'Conv2D', filters: 6, kernelSize: [5, 5], strides: [1, 1], padding: 'same', activation: 'tanh' },
      pool(2, 'AveragePooling2D'),
      { type: 'Conv2D', filters: 16, kernelSize: [5, 5], strides: [1, 1], padding: 'valid', activation: 'tanh' },
      pool(2, 'AveragePooling2D'),
      { type: 'Flatten' },
      { type: 'Dense', units: 120, activation: 'tanh' },
      { type: 'Dense', units: 84, activation: 'tanh' },
      { type: 'Dense', units: 10, activation: 'softmax' },
    ],
  },
  {
    id: 'tiny',
    name: 'Tiny fast convnet',
    description: 'Eight filters with stride 2: trains in seconds, about 95%.',
    layers: [
      { type: 'Conv2D', filters: 8, kernelSize: [3, 3], strides: [2, 2], padding: 'valid', activation: 'relu' },
      pool(2),
      { type: 'Flatten' },
      { type: 'Dense', units: 10, activation: 'softmax' },
    ],
  },
  {
    id: 'dropout',
    name: 'Convnet with Dropout',
    description: 'Keras’ simple MNIST convnet: Dropout(0.5) against overfitting.',
    layers: [
      { type: 'Conv2D', filters: 32, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', activation: 'relu' },
      pool(2),
      { type: 'Conv2D', filters: 64, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', activation: 'relu' },
      pool(2),
      { type: 'Flatten' },
      { type: 'Dropout', rate: 0.5 },
      { type: 'Dense', units: 10, activation: 'softmax' },
    ],
  },
];

/** What a preset's fit needs of the data: the editor's view of a dataset. */
export type PresetData = Pick<DatasetInfo, 'id' | 'inputShape' | 'classNames'>;

export type PresetFit = { readonly ok: true; readonly layers: readonly LayerSpec[] } | { readonly ok: false; readonly message: string };

/**
 * The preset for the chosen data: its layers on the dataset's input shape, its last Dense with one unit per class; or
 * why it cannot be (images too small for its convolutions and pools, as the shape inference finds).
 */
export function fitPreset(preset: Preset, data: PresetData): PresetFit {
  const lastIndex = preset.layers.length - 1;
  const classes = data.classNames.length;
  const layers = preset.layers.map((layer, i) => (i === lastIndex && layer.type === 'Dense' && layer.units !== classes ? { ...layer, units: classes } : layer));
  const analysis = analyzeModel(layers, data.inputShape);
  if (!analysis.ok) {
    const type = layers[analysis.layerIndex]?.type ?? 'layer';
    // The shape's own words, without the advice on editing layers that follows them in the editor.
    const why = analysis.message.split(';')[0];
    return { ok: false, message: `Needs larger images than ${formatInputShape(data.inputShape)}: at its layer ${analysis.layerIndex + 1} (${type}), ${why}.` };
  }
  const error = findModelIssues(layers, data).issues.find((issue) => issue.severity === 'error');
  return error ? { ok: false, message: `Does not fit ${formatInputShape(data.inputShape)} images: ${error.message}` } : { ok: true, layers };
}
