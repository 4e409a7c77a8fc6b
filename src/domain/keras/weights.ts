/** A model's weights as Keras and tfjs create them: which, in what order, of what shape, for the editor's layers. */
import { assertNever } from '../assertNever.ts';
import { inferShapes } from '../shapes.ts';
import type { LayerSpec, Shape } from '../modelSpec.ts';
import { MNIST_INPUT_SHAPE } from '../modelSpec.ts';

export type WeightRole = 'kernel' | 'bias' | 'gamma' | 'beta' | 'moving_mean' | 'moving_variance';

export interface LayerWeight {
  readonly role: WeightRole;
  readonly shape: readonly number[];
  readonly trainable: boolean;
}

export interface ExpectedWeight extends LayerWeight {
  /** Index into the layer list. */
  readonly layerIndex: number;
}

export type ExpectedWeights =
  | { readonly ok: true; readonly weights: readonly ExpectedWeight[] }
  | { readonly ok: false; readonly layerIndex: number; readonly message: string };

/** One layer's weights given its input shape, in the order Keras creates them; counts agree with countLayerParams. */
export function layerWeights(layer: LayerSpec, input: Shape): LayerWeight[] {
  // Dense, like Conv2D and BatchNormalization, works on the last axis of its input, whatever its rank.
  const channels = input[input.length - 1] ?? 0;
  const weight = (role: WeightRole, shape: readonly number[], trainable = true) => ({ role, shape, trainable });
  switch (layer.type) {
    case 'Conv2D':
      return [weight('kernel', [...layer.kernelSize, channels, layer.filters]), weight('bias', [layer.filters])];
    case 'Dense':
      return [weight('kernel', [channels, layer.units]), weight('bias', [layer.units])];
    case 'BatchNormalization':
      return [weight('gamma', [channels]), weight('beta', [channels]), weight('moving_mean', [channels], false), weight('moving_variance', [channels], false)];
    case 'MaxPooling2D':
    case 'AveragePooling2D':
    case 'Flatten':
    case 'Dropout':
      return [];
    default:
      return assertNever(layer);
  }
}

/**
 * A model's weights in the order tfjs' and Keras' model.weights list them: every trainable weight, layer by layer, then
 * the non-trainable ones (BatchNormalization's moving statistics). tfjs' model.save writes this order and
 * model.setWeights takes it. Fails where inferShapes does.
 */
export function expectedWeights(layers: readonly LayerSpec[], inputShape: Shape = MNIST_INPUT_SHAPE): ExpectedWeights {
  const inference = inferShapes(layers, inputShape);
  if (!inference.ok) return inference;
  const all = layers.flatMap((layer, layerIndex) =>
    layerWeights(layer, layerIndex === 0 ? inputShape : (inference.shapes[layerIndex - 1] ?? [])).map((w) => ({ layerIndex, ...w })),
  );
  return { ok: true, weights: [...all.filter((w) => w.trainable), ...all.filter((w) => !w.trainable)] };
}
