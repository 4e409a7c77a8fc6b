/**
 * Each PyTorch module the editor has an equivalent for, read from its printed arguments into an editor layer or an
 * activation, with PyTorch's defaults for what the printout leaves out. A setting Keras cannot express is a problem,
 * never dropped; the input shape (channels-last, from analysis.ts) checks in_channels, in_features and num_features.
 */
import { formatCount } from '../format.ts';
import { BATCH_NORM_EPSILON, BATCH_NORM_MOMENTUM } from '../keras/topology.ts';
import type { Activation, LayerSpec, Padding, Pair, Shape } from '../modelSpec.ts';
import { MNIST_INPUT_SHAPE } from '../modelSpec.ts';
import type { ArgumentReader, PrintedValue } from './printoutArguments.ts';
import { shown } from './printoutSyntax.ts';

export type ModuleReading =
  | { readonly kind: 'layer'; readonly layer: LayerSpec; readonly note: string | null }
  | { readonly kind: 'activation'; readonly activation: Activation };

/** What comes before a module: the shape it receives (null when the layers before it do not fit) and whether a Conv2d set its channels. */
export interface ModuleInput {
  readonly shape: Shape | null;
  readonly afterConv: boolean;
}

interface ModuleKind {
  /** PyTorch's constructor parameters in order, for positional arguments. */
  readonly parameters: readonly string[];
  readonly read: (read: ArgumentReader, input: ModuleInput) => ModuleReading;
}

const layer = (spec: LayerSpec, note: string | null = null): ModuleReading => ({ kind: 'layer', layer: spec, note });
const isOne = (v: PrintedValue) => v === 1 || (Array.isArray(v) && v.every((x) => x === 1));
const isNearly = (value: PrintedValue | undefined, expected: number) => typeof value === 'number' && Math.abs(value - expected) <= 1e-6 * expected;
const MNIST = MNIST_INPUT_SHAPE.join('×');
const describeImage = ([height, width, channels]: Shape) => `${channels} channels of ${height}×${width}`;

/**
 * PyTorch pads by a number of pixels on each side; Keras by a rule. 0 is 'valid'; the padding that keeps the size at
 * stride 1 (kernel_size // 2 for an odd kernel), or padding=same, is 'same'. Other paddings have no Keras equivalent.
 */
function readPadding(read: ArgumentReader, window: Pair, strides: Pair): Padding {
  const argument = read.get('padding');
  if (argument === undefined || argument.value === 'valid') return 'valid';
  if (argument.value === 'same') return 'same';
  const { value } = argument;
  const pads = typeof value === 'number' ? [value, value] : Array.isArray(value) && value.length === 2 ? value : [];
  const about = `${read.module.className} ${shown(argument.text, 40)}`;
  if (pads.length !== 2 || !pads.every((p) => Number.isSafeInteger(p) && p >= 0)) {
    return read.fail(`${about} must be 0, a pair such as (1, 1), valid or same`, 'valid');
  }
  const axes = [0, 1] as const;
  if (axes.every((i) => pads[i] === 0)) return 'valid';
  // An integer pad equals (k − 1) / 2 only for an odd kernel.
  if (axes.every((i) => strides[i] === 1 && pads[i] === (window[i] - 1) / 2)) return 'same';
  const same = window.every((k) => k % 2 === 1) ? `padding=(${(window[0] - 1) / 2}, ${(window[1] - 1) / 2}) at stride 1` : 'kernel_size // 2 for an odd kernel at stride 1';
  return read.fail(`${about} has no Keras equivalent: the editor pads 'valid' (padding=0) or 'same' (${same})`, 'valid');
}

function readConv(read: ArgumentReader, input: ModuleInput): ModuleReading {
  const inChannels = read.positiveInteger('in_channels');
  const filters = read.positiveInteger('out_channels');
  const kernelSize = read.pair('kernel_size');
  const strides = read.pair('stride', [1, 1]);
  const padding = readPadding(read, kernelSize, strides);
  read.require('dilation', isOne, 'is not supported: the editor has no dilated convolutions');
  read.require('groups', (v) => v === 1, 'is not supported: the editor has no grouped convolutions');
  read.require('bias', (v) => v === true, "is not supported: the editor's Conv2D layers always have a bias");
  read.require('padding_mode', (v) => v === 'zeros', 'is not supported: the editor pads with zeros');
  const channels = input.shape?.length === 3 ? input.shape[2] : undefined;
  if (channels !== undefined && channels !== inChannels) {
    const takes = `${read.module.shownText} takes ${formatCount(inChannels)} input channels`;
    read.fail(input.afterConv ? `${takes}, but the layers before it give ${formatCount(channels)}` : `${takes}, but MNIST digits are ${MNIST}: the first Conv2d needs in_channels=1`, null);
  }
  return layer({ type: 'Conv2D', filters, kernelSize, strides, padding, activation: 'linear' });
}

/** PyTorch's pooling stride defaults to the window; the editor writes that as null, as Keras' strides=None. */
function readPooling(type: 'MaxPooling2D' | 'AveragePooling2D') {
  return (read: ArgumentReader): ModuleReading => {
    const poolSize = read.pair('kernel_size');
    const strides = read.get('stride')?.value === null ? poolSize : read.pair('stride', poolSize);
    const padding = readPadding(read, poolSize, strides);
    read.require('ceil_mode', (v) => v === false, 'is not supported: Keras rounds pooled sizes down');
    read.require('dilation', isOne, 'is not supported: the editor has no dilated pooling');
    read.require('return_indices', (v) => v === false, 'is not supported: the editor returns the pooled values only');
    read.require('divisor_override', (v) => v === null, 'is not supported: the editor divides by the pixels averaged');
    // AvgPool2d's printout leaves count_include_pad out, so it is PyTorch's default, True, unless written.
    if (type === 'AveragePooling2D' && padding === 'same' && read.get('count_include_pad')?.value !== false) {
      read.fail(`${read.module.shownText} averages in its zero padding (count_include_pad=True), which Keras' 'same' leaves out`, null);
    }
    const isPoolStride = strides[0] === poolSize[0] && strides[1] === poolSize[1];
    return layer({ type, poolSize, strides: isPoolStride ? null : strides, padding });
  };
}

function readLinear(read: ArgumentReader, input: ModuleInput): ModuleReading {
  const inFeatures = read.positiveInteger('in_features');
  const units = read.positiveInteger('out_features');
  read.require('bias', (v) => v === true, "is not supported: the editor's Dense layers always have a bias");
  const shape = input.shape;
  if (shape !== null && shape.length !== 1) {
    // On an image PyTorch's Linear acts on the width (tensors are channels-first), Keras' Dense on the channels.
    read.fail(`${read.module.shownText} receives ${describeImage(shape)}, not flat features: add Flatten() before it`, null);
  } else if (shape !== null && shape[0] !== inFeatures) {
    read.fail(`${read.module.shownText} takes ${formatCount(inFeatures)} features, but the layers before it give ${formatCount(shape[0] ?? 0)} features`, null);
  }
  return layer({ type: 'Dense', units, activation: 'linear' });
}

/** BatchNorm2d normalises each channel of an image, BatchNorm1d each of flat features: the editor's one BatchNormalization does both. */
function readBatchNorm(dimensions: 1 | 2) {
  return (read: ArgumentReader, input: ModuleInput): ModuleReading => {
    const features = read.positiveInteger('num_features');
    read.require('eps', (v) => typeof v === 'number' && v > 0, 'must be a positive number');
    read.require('momentum', (v) => v === null || (typeof v === 'number' && v >= 0 && v <= 1), 'must be a number from 0 to 1, or None');
    read.require('affine', (v) => v === true, 'is not supported: the editor learns a scale and an offset');
    read.require('track_running_stats', (v) => v === true, 'is not supported: the editor keeps running statistics for inference');
    const { shape } = input;
    const wanted = dimensions === 2 ? 3 : 1;
    const call = read.module.shownText;
    if (shape !== null && shape.length !== wanted) {
      const given = shape.length === 3 ? describeImage(shape) : `${formatCount(shape[0] ?? 0)} flat features`;
      read.fail(`${call} receives ${given}: use BatchNorm${dimensions === 2 ? '1d' : '2d'}`, null);
    } else if (shape !== null && shape.at(-1) !== features) {
      const what = dimensions === 2 ? 'channels' : 'features';
      read.fail(`${call} takes ${formatCount(features)} ${what}, but the layers before it give ${formatCount(shape.at(-1) ?? 0)}`, null);
    }
    // PyTorch's momentum weighs the new batch, Keras' the running average: Keras' 0.99 is PyTorch's 0.01.
    const isKeras = isNearly(read.get('eps')?.value ?? 1e-5, BATCH_NORM_EPSILON) && isNearly(read.get('momentum')?.value ?? 0.1, 1 - BATCH_NORM_MOMENTUM);
    const note = `Line ${read.module.line}: ${call} becomes BatchNormalization with Keras' epsilon ${BATCH_NORM_EPSILON} and momentum ${BATCH_NORM_MOMENTUM} (PyTorch's eps=${BATCH_NORM_EPSILON}, momentum=${+(1 - BATCH_NORM_MOMENTUM).toFixed(6)}), as the editor has no field for them.`;
    return layer({ type: 'BatchNormalization' }, isKeras ? null : note);
  };
}

const activation = (name: Activation, parameters: readonly string[] = []): ModuleKind => ({
  parameters,
  read: (read, input) => {
    read.require('inplace', (v) => typeof v === 'boolean', 'must be True or False');
    // dim=1 is the channels of an image and the classes of flat features: the axis Keras' softmax takes (its last).
    const isFlat = input.shape?.length === 1;
    read.require('dim', (v) => v === null || v === 1 || (v === -1 && isFlat), "is not supported: the editor's softmax runs over dim=1");
    return { kind: 'activation', activation: name };
  },
});

/** Every module the editor reads, by PyTorch's class name. */
export const MODULE_KINDS = new Map<string, ModuleKind>([
  ['Conv2d', { parameters: ['in_channels', 'out_channels', 'kernel_size', 'stride', 'padding', 'dilation', 'groups', 'bias', 'padding_mode'], read: readConv }],
  ['MaxPool2d', { parameters: ['kernel_size', 'stride', 'padding', 'dilation', 'return_indices', 'ceil_mode'], read: readPooling('MaxPooling2D') }],
  ['AvgPool2d', { parameters: ['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad', 'divisor_override'], read: readPooling('AveragePooling2D') }],
  ['Flatten', {
    parameters: ['start_dim', 'end_dim'],
    read: (read) => {
      const keepsBatch = "is not supported: the editor's Flatten keeps the batch axis and flattens the rest (start_dim=1, end_dim=-1)";
      read.require('start_dim', (v) => v === 1, keepsBatch);
      read.require('end_dim', (v) => v === -1, keepsBatch);
      return layer({ type: 'Flatten' });
    },
  }],
  ['Linear', { parameters: ['in_features', 'out_features', 'bias'], read: readLinear }],
  ['ReLU', activation('relu', ['inplace'])],
  ['Sigmoid', activation('sigmoid')],
  ['Tanh', activation('tanh')],
  ['Softmax', activation('softmax', ['dim'])],
  ['Dropout', {
    parameters: ['p', 'inplace'],
    read: (read) => {
      const p = read.get('p')?.value ?? 0.5;
      read.require('p', (v) => typeof v === 'number' && v >= 0 && v < 1, 'must be a fraction from 0 up to (not including) 1');
      read.require('inplace', (v) => typeof v === 'boolean', 'must be True or False');
      return layer({ type: 'Dropout', rate: typeof p === 'number' ? p : 0 });
    },
  }],
  ['BatchNorm2d', { parameters: ['num_features', 'eps', 'momentum', 'affine', 'track_running_stats'], read: readBatchNorm(2) }],
  ['BatchNorm1d', { parameters: ['num_features', 'eps', 'momentum', 'affine', 'track_running_stats'], read: readBatchNorm(1) }],
]);
