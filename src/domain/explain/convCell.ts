/** How one number of a Conv2D's output is computed: the window it reads, kernel × window, the sum, the bias, the activation. */
import type { Activation, Padding, Pair } from '../modelSpec.ts';
import { softmaxSteps, type SoftmaxSteps } from './softmaxSteps.ts';
import { activate, inputWindow, windowValues, type Activations, type CellPosition, type InputWindow } from './windows.ts';

/** A Conv2D's weights as tfjs keeps them: kernel height × width × input channels × filters, and one bias per filter. */
export interface ConvWeights {
  readonly kernelSize: Pair;
  readonly inputChannels: number;
  readonly filters: number;
  readonly kernel: Float32Array;
  readonly bias: Float32Array | null;
}

export interface ConvLayerConfig {
  readonly strides: Pair;
  readonly padding: Padding;
  readonly activation: Activation;
}

/** One input channel's part of the cell: the window's values (null on padding), the kernel's weights, their products and sum. */
export interface ChannelTerms {
  readonly inputs: readonly (number | null)[];
  readonly weights: readonly number[];
  readonly products: readonly number[];
  readonly sum: number;
}

export interface ConvCellExplanation {
  readonly kind: 'conv';
  readonly position: CellPosition;
  readonly window: InputWindow;
  /** One entry per input channel, in order. */
  readonly channels: readonly ChannelTerms[];
  /** Σ over channels of each channel's sum. */
  readonly productSum: number;
  readonly bias: number;
  /** productSum + bias. */
  readonly preActivation: number;
  readonly activation: Activation;
  readonly value: number;
  /** Softmax as a Conv2D's activation normalises over the filters at this row and column: every filter's sum is needed. */
  readonly softmax: SoftmaxSteps | null;
}

function channelTerms(input: Activations, weights: ConvWeights, window: InputWindow, channel: number, filter: number): ChannelTerms {
  const inputs = windowValues(input, window, channel);
  const [, kw] = weights.kernelSize;
  const weightsHere = inputs.map((_, i) => {
    const ky = Math.floor(i / kw);
    const kx = i % kw;
    return weights.kernel[((ky * kw + kx) * weights.inputChannels + channel) * weights.filters + filter] ?? 0;
  });
  const products = inputs.map((value, i) => (value ?? 0) * (weightsHere[i] ?? 0));
  return { inputs, weights: weightsHere, products, sum: products.reduce((a, b) => a + b, 0) };
}

function filterSum(input: Activations, weights: ConvWeights, window: InputWindow, filter: number): { channels: ChannelTerms[]; productSum: number; bias: number } {
  const channels = Array.from({ length: input.channels }, (_, c) => channelTerms(input, weights, window, c, filter));
  return { channels, productSum: channels.reduce((total, terms) => total + terms.sum, 0), bias: weights.bias?.[filter] ?? 0 };
}

export function explainConvCell(input: Activations, weights: ConvWeights, config: ConvLayerConfig, position: CellPosition): ConvCellExplanation {
  const window = inputWindow(input, position, weights.kernelSize, config.strides, config.padding);
  const { channels, productSum, bias } = filterSum(input, weights, window, position.channel);
  const preActivation = productSum + bias;
  let softmax: SoftmaxSteps | null = null;
  let value: number;
  if (config.activation === 'softmax') {
    const logits = Array.from({ length: weights.filters }, (_, f) => {
      const other = f === position.channel ? { productSum, bias } : filterSum(input, weights, window, f);
      return other.productSum + other.bias;
    });
    softmax = softmaxSteps(logits);
    value = softmax.probabilities[position.channel] ?? 0;
  } else {
    value = activate(config.activation, preActivation);
  }
  return { kind: 'conv', position, window, channels, productSum, bias, preActivation, activation: config.activation, value, softmax };
}
