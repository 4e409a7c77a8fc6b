import type { LayerSpec, Shape } from './modelSpec.ts';

export interface ParamCount {
  readonly trainable: number;
  readonly nonTrainable: number;
}

/** Weights of one layer given its input shape, as Keras counts them. */
export function countLayerParams(layer: LayerSpec, input: Shape): ParamCount {
  const inputChannels = input[input.length - 1] ?? 0;
  switch (layer.type) {
    case 'Conv2D':
      return { trainable: layer.kernelSize[0] * layer.kernelSize[1] * inputChannels * layer.filters + layer.filters, nonTrainable: 0 };
    case 'Dense':
      return { trainable: inputChannels * layer.units + layer.units, nonTrainable: 0 };
    case 'BatchNormalization':
      // gamma and beta are learned; the moving mean and variance are not.
      return { trainable: 2 * inputChannels, nonTrainable: 2 * inputChannels };
    case 'MaxPooling2D':
    case 'AveragePooling2D':
    case 'Flatten':
    case 'Dropout':
      return { trainable: 0, nonTrainable: 0 };
  }
}

/** Per-layer parameter counts for layers whose shapes were inferred from `inputShape`. */
export function countParams(layers: readonly LayerSpec[], inputShape: Shape, shapes: readonly Shape[]): ParamCount[] {
  return layers.map((layer, i) => countLayerParams(layer, i === 0 ? inputShape : (shapes[i - 1] ?? [])));
}
