/**
 * Keras layers as PyTorch modules with the same maths, channels first. Shapes are static, so TensorFlow's 'same'
 * padding becomes fixed numbers computed from each layer's known input size.
 */
import { assertNever } from '../assertNever.ts';
import type { Activation, AveragePooling2DSpec, Conv2DSpec, LayerSpec, MaxPooling2DSpec, Padding, Pair, Shape } from '../modelSpec.ts';
import { formatPythonFloat, formatPythonTuple } from '../pythonLiterals.ts';

/** Modules the script defines itself, for Keras behaviour torch.nn has no layer for. */
export const PYTORCH_HELPERS = ['FlattenChannelsLast', 'LinearOnChannels', 'AvgPool2dSame'] as const;
export type PytorchHelper = (typeof PYTORCH_HELPERS)[number];

export interface PytorchLayer {
  /** Python for one module: the layer's own, or an nn.Sequential of its padding, operation and activation. */
  readonly module: string;
  readonly helpers: readonly PytorchHelper[];
}

/** Padding before and after along one axis. */
type AxisPadding = readonly [before: number, after: number];

/**
 * TensorFlow's 'same' padding along one axis: total = max((ceil(in / stride) − 1) · stride + window − in, 0), the
 * odd pixel after (at the bottom or right), so that the output has ceil(in / stride) pixels.
 */
export function samePadding(input: number, window: number, stride: number): AxisPadding {
  const total = Math.max((Math.ceil(input / stride) - 1) * stride + window - input, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

interface WindowPadding {
  readonly rows: AxisPadding;
  readonly columns: AxisPadding;
}

function windowPadding(padding: Padding, input: Shape, window: Pair, strides: Pair): WindowPadding {
  if (padding === 'valid') return { rows: [0, 0], columns: [0, 0] };
  const [height = 0, width = 0] = input;
  return { rows: samePadding(height, window[0], strides[0]), columns: samePadding(width, window[1], strides[1]) };
}

const isSymmetric = ({ rows, columns }: WindowPadding) => rows[0] === rows[1] && columns[0] === columns[1];
const isNone = ({ rows, columns }: WindowPadding) => [...rows, ...columns].every((pixels) => pixels === 0);
/** A symmetric padding as the padding=(rows, columns) argument that torch's own layers take. */
const paddingArgument = (padding: WindowPadding) => (isNone(padding) ? [] : [`padding=(${padding.rows[0]}, ${padding.columns[0]})`]);
/** nn.ZeroPad2d and its kin take (left, right, top, bottom). */
const padTuple = ({ rows, columns }: WindowPadding) => formatPythonTuple([columns[0], columns[1], rows[0], rows[1]]);

const ACTIVATION_MODULES: Record<Activation, string | null> = {
  relu: 'nn.ReLU()',
  sigmoid: 'nn.Sigmoid()',
  tanh: 'nn.Tanh()',
  // Keras' softmax acts on the last axis, the channels; channels first, that is dim 1, for images and vectors alike.
  softmax: 'nn.Softmax(dim=1)',
  linear: null,
};

const activationModules = (activation: Activation) => {
  const module = ACTIVATION_MODULES[activation];
  return module === null ? [] : [module];
};

function convModules(layer: Conv2DSpec, input: Shape): string[] {
  const padding = windowPadding(layer.padding, input, layer.kernelSize, layer.strides);
  const unitStride = layer.strides[0] === 1 && layer.strides[1] === 1;
  const args = [
    String(input[2]),
    String(layer.filters),
    formatPythonTuple(layer.kernelSize),
    ...(unitStride ? [] : [`stride=${formatPythonTuple(layer.strides)}`]),
    ...(isSymmetric(padding) ? paddingArgument(padding) : []),
  ];
  return [...(isSymmetric(padding) ? [] : [`nn.ZeroPad2d(${padTuple(padding)})`]), `nn.Conv2d(${args.join(', ')})`, ...activationModules(layer.activation)];
}

function poolingModules(layer: MaxPooling2DSpec | AveragePooling2DSpec, input: Shape): PytorchLayer {
  const strides = layer.strides ?? layer.poolSize;
  const padding = windowPadding(layer.padding, input, layer.poolSize, strides);
  const poolSize = formatPythonTuple(layer.poolSize);
  // torch's pooling steps by its window by default, as Keras' strides=None does.
  const sameAsPool = strides[0] === layer.poolSize[0] && strides[1] === layer.poolSize[1];
  const strideArgument = sameAsPool ? [] : [`stride=${formatPythonTuple(strides)}`];
  if (layer.type === 'MaxPooling2D') {
    // TensorFlow pads max pooling with -inf, so padding never wins; torch's own padding argument does the same.
    if (isSymmetric(padding)) return { module: `nn.MaxPool2d(${[poolSize, ...strideArgument, ...paddingArgument(padding)].join(', ')})`, helpers: [] };
    return { module: `nn.Sequential(nn.ConstantPad2d(${padTuple(padding)}, float('-inf')), nn.MaxPool2d(${[poolSize, ...strideArgument].join(', ')}))`, helpers: [] };
  }
  if (isNone(padding)) return { module: `nn.AvgPool2d(${[poolSize, ...strideArgument].join(', ')})`, helpers: [] };
  // TensorFlow leaves the padding out of each average.
  if (isSymmetric(padding)) {
    return { module: `nn.AvgPool2d(${[poolSize, ...strideArgument, ...paddingArgument(padding), 'count_include_pad=False'].join(', ')})`, helpers: [] };
  }
  return { module: `AvgPool2dSame(${poolSize}, ${formatPythonTuple(strides)}, ${padTuple(padding)})`, helpers: ['AvgPool2dSame'] };
}

/** One module, or an nn.Sequential of several. */
const sequence = (modules: readonly string[]) => (modules.length === 1 ? (modules[0] ?? '') : `nn.Sequential(${modules.join(', ')})`);

/** Keras' BatchNormalization defaults: epsilon 1e-3, and momentum 0.99 on the old value, which is torch's 0.01 on the new. */
const BATCH_NORM_ARGUMENTS = `eps=${formatPythonFloat(1e-3)}, momentum=${formatPythonFloat(0.01)}`;

/** The PyTorch module for a Keras layer that takes `input` (channels last, without the batch axis, as analyzeModel gives it). */
export function pytorchLayer(layer: LayerSpec, input: Shape): PytorchLayer {
  const isImage = input.length === 3;
  const channels = input[input.length - 1] ?? 0;
  switch (layer.type) {
    case 'Conv2D':
      return { module: sequence(convModules(layer, input)), helpers: [] };
    case 'MaxPooling2D':
    case 'AveragePooling2D':
      return poolingModules(layer, input);
    case 'Flatten':
      return { module: 'FlattenChannelsLast()', helpers: ['FlattenChannelsLast'] };
    case 'Dense': {
      // Keras applies Dense to the last axis: on an image, to each pixel's channels.
      const linear = isImage ? `LinearOnChannels(${channels}, ${layer.units})` : `nn.Linear(${channels}, ${layer.units})`;
      return { module: sequence([linear, ...activationModules(layer.activation)]), helpers: isImage ? ['LinearOnChannels'] : [] };
    }
    case 'Dropout':
      return { module: `nn.Dropout(p=${formatPythonFloat(layer.rate)})`, helpers: [] };
    case 'BatchNormalization':
      return { module: `nn.BatchNorm${isImage ? '2d' : '1d'}(${channels}, ${BATCH_NORM_ARGUMENTS})`, helpers: [] };
    default:
      return assertNever(layer);
  }
}
