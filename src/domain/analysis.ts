import { countLayerParams, countParams } from './params.ts';
import { inferLayerShape, inferShapes } from './shapes.ts';
import type { LayerSpec, LayerType, Shape } from './modelSpec.ts';
import { MNIST_INPUT_SHAPE } from './modelSpec.ts';

export interface LayerRow {
  /** Keras' automatic name, e.g. conv2d_1. */
  readonly name: string;
  readonly type: LayerType;
  readonly outputShape: Shape;
  /** Trainable plus non-trainable, as Keras' Param # column shows. */
  readonly params: number;
  readonly trainableParams: number;
}

export type ModelAnalysis =
  | {
      readonly ok: true;
      readonly rows: readonly LayerRow[];
      readonly totalParams: number;
      readonly trainableParams: number;
      readonly nonTrainableParams: number;
    }
  | { readonly ok: false; readonly layerIndex: number; readonly message: string };

const SNAKE_NAMES: Record<LayerType, string> = {
  Conv2D: 'conv2d',
  MaxPooling2D: 'max_pooling2d',
  Flatten: 'flatten',
  Dense: 'dense',
  Dropout: 'dropout',
  AveragePooling2D: 'average_pooling2d',
  BatchNormalization: 'batch_normalization',
};

/** Keras 2 names layers per class, counting from 1: conv2d_1, conv2d_2, max_pooling2d_1, … */
export function nameLayers(layers: readonly LayerSpec[]): string[] {
  const counters = new Map<LayerType, number>();
  return layers.map(({ type }) => {
    const next = (counters.get(type) ?? 0) + 1;
    counters.set(type, next);
    return `${SNAKE_NAMES[type]}_${next}`;
  });
}

/** Shapes, names and parameter counts of a model, or the first layer that makes it impossible. */
export function analyzeModel(layers: readonly LayerSpec[], inputShape: Shape = MNIST_INPUT_SHAPE): ModelAnalysis {
  const inference = inferShapes(layers, inputShape);
  if (!inference.ok) return inference;
  const params = countParams(layers, inputShape, inference.shapes);
  const names = nameLayers(layers);
  const rows = layers.map((layer, i) => ({
    name: names[i] ?? '',
    type: layer.type,
    outputShape: inference.shapes[i] ?? [],
    params: (params[i]?.trainable ?? 0) + (params[i]?.nonTrainable ?? 0),
    trainableParams: params[i]?.trainable ?? 0,
  }));
  const trainableParams = params.reduce((sum, p) => sum + p.trainable, 0);
  const nonTrainableParams = params.reduce((sum, p) => sum + p.nonTrainable, 0);
  return { ok: true, rows, totalParams: trainableParams + nonTrainableParams, trainableParams, nonTrainableParams };
}

/** Rows for the layers before the first one that cannot be built, so the editor can still show their shapes. */
export function analyzePrefix(layers: readonly LayerSpec[], inputShape: Shape = MNIST_INPUT_SHAPE): LayerRow[] {
  const names = nameLayers(layers);
  const rows: LayerRow[] = [];
  let input = inputShape;
  for (const [i, layer] of layers.entries()) {
    const result = inferLayerShape(layer, input);
    if ('error' in result || result.shape.some((size) => !Number.isFinite(size) || size < 1)) break;
    const params = countLayerParams(layer, input);
    if (!Number.isFinite(params.trainable + params.nonTrainable)) break;
    rows.push({ name: names[i] ?? '', type: layer.type, outputShape: result.shape, params: params.trainable + params.nonTrainable, trainableParams: params.trainable });
    input = result.shape;
  }
  return rows;
}
