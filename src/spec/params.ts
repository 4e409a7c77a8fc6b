import type { LayerSpec, Shape } from './types.ts';

/** Trainable weights of one layer given its input shape: kernel plus bias, as Keras counts them. */
export function countLayerParams(layer: LayerSpec, input: Shape): number {
  const inputChannels = input[input.length - 1] ?? 0;
  switch (layer.type) {
    case 'Conv2D':
      return layer.kernelSize[0] * layer.kernelSize[1] * inputChannels * layer.filters + layer.filters;
    case 'Dense':
      return inputChannels * layer.units + layer.units;
    case 'MaxPooling2D':
    case 'Flatten':
    case 'Dropout':
      return 0;
  }
}

/** Per-layer parameter counts for layers whose shapes were inferred from `inputShape`. */
export function countParams(layers: readonly LayerSpec[], inputShape: Shape, shapes: readonly Shape[]): number[] {
  return layers.map((layer, i) => countLayerParams(layer, i === 0 ? inputShape : (shapes[i - 1] ?? [])));
}
