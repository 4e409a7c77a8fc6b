import * as tf from '@tensorflow/tfjs';
import { assertNever } from '../domain/assertNever.ts';
import { BATCH_NORM_EPSILON, BATCH_NORM_MOMENTUM } from '../domain/keras/topology.ts';
import type { LayerSpec, Shape, TrainingSettings } from '../domain/modelSpec.ts';
import { MNIST_INPUT_SHAPE } from '../domain/modelSpec.ts';
import { Conv2DWithFusedTraining } from './kernels/fusedConv2DLayer.ts';
import { FusedRmsProp } from './kernels/rmsPropStep.ts';

/** Keras' epsilon. tfjs would otherwise take the backend's (1e-4 on WebGL without float32 targets) and learn differently. */
export const KERAS_EPSILON = 1e-7;

function toTfLayer(layer: LayerSpec, seed: number, inputShape: Shape | undefined): tf.layers.Layer {
  const input = inputShape ? { inputShape: [...inputShape] } : {};
  // Keras initialises kernels glorot-uniform and biases to zero; a seed makes runs repeatable.
  const kernelInitializer = tf.initializers.glorotUniform({ seed });
  switch (layer.type) {
    case 'Conv2D':
      // tfjs' Conv2D, with its training pass fused on wasm (same numbers).
      return new Conv2DWithFusedTraining({
        ...input,
        filters: layer.filters,
        kernelSize: [...layer.kernelSize],
        strides: [...layer.strides],
        padding: layer.padding,
        activation: layer.activation,
        kernelInitializer,
      });
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      const args: Parameters<typeof tf.layers.maxPooling2d>[0] = {
        ...input,
        poolSize: [layer.poolSize[0], layer.poolSize[1]],
        strides: layer.strides ? [layer.strides[0], layer.strides[1]] : undefined,
        padding: layer.padding,
      };
      return layer.type === 'MaxPooling2D' ? tf.layers.maxPooling2d(args) : tf.layers.averagePooling2d(args);
    }
    case 'BatchNormalization':
      return tf.layers.batchNormalization({ ...input, momentum: BATCH_NORM_MOMENTUM, epsilon: BATCH_NORM_EPSILON });
    case 'Flatten':
      return tf.layers.flatten(input);
    case 'Dense':
      return tf.layers.dense({ ...input, units: layer.units, activation: layer.activation, kernelInitializer });
    case 'Dropout':
      // No seed: a seeded tfjs Dropout draws the same mask at every step, which is not dropout.
      return tf.layers.dropout({ ...input, rate: layer.rate });
    default:
      return assertNever(layer);
  }
}

/** A tfjs Sequential model built layer for layer from the spec. The caller owns it and must dispose it. */
export function buildModel(layers: readonly LayerSpec[], seed = 1, inputShape: Shape = MNIST_INPUT_SHAPE): tf.Sequential {
  const model = tf.sequential();
  layers.forEach((layer, i) => model.add(toTfLayer(layer, seed + i, i === 0 ? inputShape : undefined)));
  return model;
}

/** The optimizer with Keras' defaults for everything the settings do not name (RMSprop's step fused on wasm, same numbers). */
export function createOptimizer(settings: Pick<TrainingSettings, 'optimizer' | 'learningRate'>): tf.Optimizer {
  switch (settings.optimizer) {
    case 'rmsprop':
      return new FusedRmsProp(settings.learningRate, 0.9, 0, KERAS_EPSILON);
    case 'adam':
      return tf.train.adam(settings.learningRate, 0.9, 0.999, KERAS_EPSILON);
    case 'sgd':
      return tf.train.sgd(settings.learningRate);
    default:
      return assertNever(settings.optimizer);
  }
}
