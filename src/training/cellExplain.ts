/**
 * One number of a layer's output for the drawn digit, explained from the real model: the worker gathers the layer's
 * input and weights with tfjs, domain/explain does the arithmetic, and tfjs' own value comes along to check it.
 */
import * as tf from '@tensorflow/tfjs';
import { explainConvCell } from '../domain/explain/convCell.ts';
import { explainDenseUnit } from '../domain/explain/denseUnit.ts';
import type { CellExplanation, ExplanationSource } from '../domain/explain/explanations.ts';
import { explainPoolCell } from '../domain/explain/poolCell.ts';
import { isInside, type Activations, type CellPosition } from '../domain/explain/windows.ts';
import { ACTIVATIONS, type Activation, type Pair } from '../domain/modelSpec.ts';
import type { CellAnswer } from './protocol.ts';

/** Why the layers a Sequential model may hold have no sum to show, in the page's words. */
const NOT_A_SUM: Readonly<Record<string, string>> = {
  BatchNormalization: 'BatchNormalization rescales each channel by statistics learned over the training set; it has no window or kernel to show.',
  Dropout: 'Dropout passes its input through unchanged when the model reads a digit (it drops units only while training).',
  Flatten: 'Flatten only lays the image out as one long row of numbers; nothing is computed.',
};

/** Keras' per-class names, counting from 1 (conv2d_1, max_pooling2d_2), as the summary and the feature maps name them. */
export function layerNames(model: tf.LayersModel): string[] {
  const counts = new Map<string, number>();
  return model.layers.map((layer) => {
    const type = layer.getClassName();
    const n = (counts.get(type) ?? 0) + 1;
    counts.set(type, n);
    const snake = type.replace(/(.)([A-Z][a-z]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
    return `${snake}_${n}`;
  });
}

const refused = (message: string): CellAnswer => ({ ok: false, message });

function activationOf(layer: tf.layers.Layer): Activation | null {
  const name = (layer.getConfig() as { activation?: unknown }).activation;
  return (ACTIVATIONS as readonly unknown[]).includes(name) ? (name as Activation) : null;
}

function pairOf(value: unknown, fallback: Pair): Pair {
  if (typeof value === 'number') return [value, value];
  return Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number' ? [value[0], value[1]] : fallback;
}

function positionOf(shape: readonly number[], position: readonly number[]): CellPosition | null {
  if (shape.length === 4 && position.length === 3) {
    const [row = -1, col = -1, channel = -1] = position;
    return isInside({ height: shape[1] ?? 0, width: shape[2] ?? 0, channels: shape[3] ?? 0 }, { row, col, channel }) ? { row, col, channel } : null;
  }
  const [unit = -1] = position;
  return shape.length === 2 && position.length === 1 && Number.isInteger(unit) && unit >= 0 && unit < (shape[1] ?? 0) ? { row: 0, col: 0, channel: unit } : null;
}

/** The layer's input and output for this digit, read back from the backend; every tensor made here is disposed. */
async function layerInputAndOutput(model: tf.LayersModel, pixels: Float32Array, layerIndex: number) {
  const [input, output] = tf.tidy(() => {
    let x: tf.Tensor = tf.tensor4d(pixels, [1, 28, 28, 1]);
    for (let i = 0; i < layerIndex; i++) x = model.layers[i]!.apply(x, { training: false }) as tf.Tensor;
    return [x, model.layers[layerIndex]!.apply(x, { training: false }) as tf.Tensor];
  });
  try {
    return { inputShape: input.shape, input: Float32Array.from(await input.data()), outputShape: output.shape, output: Float32Array.from(await output.data()) };
  } finally {
    input.dispose();
    output.dispose();
  }
}

/** The explanation of one cell (rank-4 outputs: [row, col, channel]) or unit (rank-2: [unit]), or why there is none. */
export async function explainCell(model: tf.LayersModel, pixels: Float32Array, askedIndex: number, position: readonly number[]): Promise<CellAnswer> {
  // A negative index counts from the end, as in Python: −1 is the output layer, whatever the model's depth.
  const layerIndex = askedIndex < 0 ? model.layers.length + askedIndex : askedIndex;
  const layer = model.layers[layerIndex];
  if (!layer || !Number.isInteger(layerIndex)) return refused(`This model has no layer ${askedIndex + 1}: it has ${model.layers.length}. It may have changed since the map was drawn.`);
  const type = layer.getClassName();
  const names = layerNames(model);
  if (NOT_A_SUM[type]) return refused(`${names[layerIndex]}: ${NOT_A_SUM[type]}`);
  const { inputShape, input, outputShape, output } = await layerInputAndOutput(model, pixels, layerIndex);
  const at = positionOf(outputShape, position);
  if (!at) return refused(`${names[layerIndex]} has no cell at (${position.join(', ')}); the model may have changed since the map was drawn.`);
  const explanation = await explainWith(layer, type, inputShape, input, at);
  if (typeof explanation === 'string') return refused(`${names[layerIndex]}: ${explanation}`);
  const modelValue = outputShape.length === 4 ? (output[(at.row * (outputShape[2] ?? 0) + at.col) * (outputShape[3] ?? 0) + at.channel] ?? NaN) : (output[at.channel] ?? NaN);
  const [, h = 1, w = 1, c = 1] = inputShape.length === 4 ? inputShape : [1, 1, 1, inputShape[1] ?? 1];
  const source: ExplanationSource = {
    layerIndex: layerIndex - 1,
    layerName: layerIndex === 0 ? 'input' : (names[layerIndex - 1] ?? ''),
    layerType: layerIndex === 0 ? 'Input' : (model.layers[layerIndex - 1]?.getClassName() ?? ''),
    height: h,
    width: w,
    channels: c,
  };
  return { ok: true, layerIndex, layerName: names[layerIndex] ?? '', layerType: type, explanation, modelValue, source };
}

async function explainWith(layer: tf.layers.Layer, type: string, inputShape: readonly number[], input: Float32Array, at: CellPosition): Promise<CellExplanation | string> {
  const config = layer.getConfig() as Record<string, unknown>;
  const image: Activations = { height: inputShape[1] ?? 0, width: inputShape[2] ?? 0, channels: inputShape[3] ?? 0, values: input };
  const padding = config.padding === 'same' ? 'same' : 'valid';
  switch (type) {
    case 'Conv2D': {
      const activation = activationOf(layer);
      if (!activation) return `its activation ${String(config.activation)} is not one this page can show step by step.`;
      if (pairOf(config.dilationRate, [1, 1]).some((d) => d !== 1)) return 'a dilated convolution reads a spread-out window, which this page does not draw.';
      const [kernel, bias] = layer.getWeights();
      if (!kernel || kernel.rank !== 4) return 'its kernel could not be read.';
      const [kh = 1, kw = 1, inputChannels = 1, filters = 1] = kernel.shape;
      const weights = { kernelSize: [kh, kw] as const, inputChannels, filters, kernel: (await kernel.data()) as Float32Array, bias: bias ? ((await bias.data()) as Float32Array) : null };
      return explainConvCell(image, weights, { strides: pairOf(config.strides, [1, 1]), padding, activation }, at);
    }
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      const poolSize = pairOf(config.poolSize, [2, 2]);
      const pooling = type === 'MaxPooling2D' ? 'max' : 'average';
      return explainPoolCell(image, { pooling, poolSize, strides: pairOf(config.strides, poolSize), padding }, at);
    }
    case 'Dense': {
      const activation = activationOf(layer);
      if (!activation) return `its activation ${String(config.activation)} is not one this page can show step by step.`;
      if (inputShape.length !== 2) return 'this Dense layer reads an image pixel by pixel, which this page explains only for a flat input.';
      const [kernel, bias] = layer.getWeights();
      if (!kernel || kernel.rank !== 2) return 'its kernel could not be read.';
      const [inputs = 0, units = 0] = kernel.shape;
      const weights = { inputs, units, kernel: (await kernel.data()) as Float32Array, bias: bias ? ((await bias.data()) as Float32Array) : null };
      return explainDenseUnit(input, weights, activation, at.channel);
    }
    default:
      return `a ${type} layer is not one this page can explain.`;
  }
}
