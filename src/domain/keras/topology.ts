/**
 * Room src/domain/keras/: Keras' own forms — summary texts, Python export, topology JSON in and out, model-file and weights checks.
 * The editor's models as Keras model topology JSON, written in the form tfjs' model.toJSON() gives. Reading: topologyImport.ts.
 */
import { nameLayers } from '../analysis.ts';
import { assertNever } from '../assertNever.ts';
import type { LayerSpec, Shape } from '../modelSpec.ts';
import { MAX_LAYERS, MNIST_INPUT_SHAPE } from '../modelSpec.ts';

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export interface LayerTopology {
  readonly class_name: string;
  readonly config: { readonly [key: string]: JsonValue };
}

export interface SequentialTopology {
  readonly class_name: 'Sequential';
  readonly config: { readonly name: string; readonly layers: readonly LayerTopology[] };
  readonly keras_version: string;
  readonly backend: string;
}


/** The tfjs-layers release whose toJSON() this output was checked against. */
export const KERAS_VERSION = 'tfjs-layers 4.22.0';
export const MAX_IMPORTED_LAYERS = MAX_LAYERS;
/** What BatchNormalizationSpec stands for: Keras' defaults. */
export const BATCH_NORM_MOMENTUM = 0.99;
export const BATCH_NORM_EPSILON = 0.001;


// Fresh objects per call, so a caller editing one layer's initializer cannot change another's.
const initializer = (className: string): JsonValue => ({ class_name: className, config: {} });
/** Keras' glorot_uniform as tfjs writes it; a null seed draws fresh weights, as Keras does. */
const glorotUniform = (): JsonValue => ({
  class_name: 'VarianceScaling',
  config: { scale: 1, mode: 'fan_avg', distribution: 'uniform', seed: null },
});
const noRegularizers = () => ({
  kernel_regularizer: null,
  bias_regularizer: null,
  activity_regularizer: null,
  kernel_constraint: null,
  bias_constraint: null,
});

function layerConfig(layer: LayerSpec): { [key: string]: JsonValue } {
  switch (layer.type) {
    case 'Conv2D':
      return {
        filters: layer.filters,
        kernel_initializer: glorotUniform(),
        kernel_size: [...layer.kernelSize],
        strides: [...layer.strides],
        padding: layer.padding,
        data_format: 'channels_last',
        dilation_rate: [1, 1],
        activation: layer.activation,
        use_bias: true,
        bias_initializer: initializer('Zeros'),
        ...noRegularizers(),
      };
    case 'MaxPooling2D':
    case 'AveragePooling2D':
      // Keras writes strides=None resolved to the pool size.
      return {
        pool_size: [...layer.poolSize],
        padding: layer.padding,
        strides: [...(layer.strides ?? layer.poolSize)],
        data_format: 'channels_last',
      };
    case 'BatchNormalization':
      return {
        axis: -1,
        momentum: BATCH_NORM_MOMENTUM,
        epsilon: BATCH_NORM_EPSILON,
        center: true,
        scale: true,
        beta_initializer: initializer('Zeros'),
        gamma_initializer: initializer('Ones'),
        moving_mean_initializer: initializer('Zeros'),
        moving_variance_initializer: initializer('Ones'),
        beta_regularizer: null,
        gamma_regularizer: null,
        beta_constraint: null,
        gamma_constraint: null,
      };
    case 'Flatten':
      return {};
    case 'Dense':
      return {
        units: layer.units,
        activation: layer.activation,
        use_bias: true,
        kernel_initializer: glorotUniform(),
        bias_initializer: initializer('Zeros'),
        ...noRegularizers(),
      };
    case 'Dropout':
      return { rate: layer.rate, noise_shape: null, seed: null };
    default:
      return assertNever(layer);
  }
}

/**
 * The Keras topology of the Sequential model buildModel() makes from these layers, with Keras 2 layer names, reading
 * images of inputShape (the chosen dataset's; MNIST's unless told).
 */
export function topologyFromSpec(layers: readonly LayerSpec[], inputShape: Shape = MNIST_INPUT_SHAPE): SequentialTopology {
  const names = nameLayers(layers);
  const firstLayerInput = { batch_input_shape: [null, ...inputShape], dtype: 'float32' };
  return {
    class_name: 'Sequential',
    config: {
      name: 'sequential_1',
      layers: layers.map((layer, i) => ({
        class_name: layer.type,
        config: { ...layerConfig(layer), name: names[i] ?? '', trainable: true, ...(i === 0 ? firstLayerInput : {}) },
      })),
    },
    keras_version: KERAS_VERSION,
    backend: 'tensor_flow.js',
  };
}

// Import reads only own data properties, so inherited keys, __proto__ and getters are never consulted.
