import { assertNever } from './assertNever.ts';
import type { LayerSpec, Padding, Pair, Shape } from './modelSpec.ts';
import { MNIST_INPUT_SHAPE } from './modelSpec.ts';

export type ShapeInference =
  | { readonly ok: true; readonly shapes: readonly Shape[] }
  | { readonly ok: false; readonly layerIndex: number; readonly message: string };

/**
 * One spatial axis of a window op, as Keras computes it:
 * 'valid': out = floor((in − k) / stride) + 1;  'same': out = ceil(in / stride).
 */
export function windowOutputSize(input: number, window: number, stride: number, padding: Padding): number {
  return padding === 'same' ? Math.ceil(input / stride) : Math.floor((input - window) / stride) + 1;
}

function describe(shape: Shape): string {
  return `(${shape.join(', ')})`;
}

function inferWindowed(
  input: Shape,
  window: Pair,
  strides: Pair,
  padding: Padding,
  channels: number,
  what: string,
): { shape: Shape } | { error: string } {
  if (input.length !== 3) {
    return { error: `needs an image input (height, width, channels) but gets ${describe(input)}; remove the Flatten or Dense layer before it` };
  }
  const [height, width] = input as [number, number, number];
  if (padding === 'valid' && (window[0] > height || window[1] > width)) {
    return {
      error: `${what} ${window[0]}×${window[1]} is larger than its ${height}×${width} input; use a smaller ${what}, padding 'same', or remove a pooling layer before it`,
    };
  }
  return {
    shape: [
      windowOutputSize(height, window[0], strides[0], padding),
      windowOutputSize(width, window[1], strides[1], padding),
      channels,
    ],
  };
}

/** The output shape of one layer given its input shape, or why the layer cannot take that input. */
export function inferLayerShape(layer: LayerSpec, input: Shape): { shape: Shape } | { error: string } {
  switch (layer.type) {
    case 'Conv2D':
      return inferWindowed(input, layer.kernelSize, layer.strides, layer.padding, layer.filters, 'kernel');
    case 'MaxPooling2D':
    case 'AveragePooling2D':
      return inferWindowed(input, layer.poolSize, layer.strides ?? layer.poolSize, layer.padding, input[2] ?? 0, 'pool');
    case 'Flatten':
      // tfjs refuses to flatten what is already flat (Keras would pass it through).
      if (input.length < 2) return { error: `its input ${describe(input)} is already flat; remove this Flatten layer` };
      return { shape: [input.reduce((a, b) => a * b, 1)] };
    case 'Dense':
      // Keras applies Dense to the last axis of a higher-rank input.
      return { shape: [...input.slice(0, -1), layer.units] };
    case 'Dropout':
    case 'BatchNormalization':
      return { shape: input };
    default:
      return assertNever(layer);
  }
}

/** Output shapes of every layer in order, starting from a 28×28×1 MNIST image. */
export function inferShapes(layers: readonly LayerSpec[], inputShape: Shape = MNIST_INPUT_SHAPE): ShapeInference {
  const shapes: Shape[] = [];
  let current = inputShape;
  for (const [layerIndex, layer] of layers.entries()) {
    const result = inferLayerShape(layer, current);
    if ('error' in result) return { ok: false, layerIndex, message: result.error };
    if (result.shape.some((size) => size < 1)) {
      return { ok: false, layerIndex, message: `would output ${describe(result.shape)}, which has an empty axis` };
    }
    shapes.push(result.shape);
    current = result.shape;
  }
  return { ok: true, shapes };
}
