/** Reading one drawn digit: probabilities, what each conv and pooling layer sees, and models in and out as artifacts. */
import * as tf from '@tensorflow/tfjs';
import { scaleChannelImages } from './featureMapImages.ts';
import type { FeatureMapLayer, ModelArtifacts } from './protocol.ts';

/** Keras' names for the layers that get feature maps, numbered per type as the summary numbers them (conv2d_2). */
const MAPPED_LAYERS = new Map([
  ['Conv2D', 'conv2d'],
  ['MaxPooling2D', 'max_pooling2d'],
  ['AveragePooling2D', 'average_pooling2d'],
]);

/** The H, W, C one image must have for the model (a drawn digit's 28×28×1 where the model leaves a size open). */
function inputShapeOf(model: tf.LayersModel): [number, number, number] {
  const [, height, width, channels] = model.inputs[0]?.shape ?? [];
  return [height ?? 28, width ?? 28, channels ?? 1];
}

/**
 * Probabilities for one image (a drawn digit, or a test image of the model's own input shape) and, when asked, every
 * conv and pooling layer's activations, computed in one pass by applying the Sequential model's layers in turn. Each
 * output is read once and the maps are scaled in plain TypeScript (featureMapImages.ts): the pad waits for this call.
 */
export async function predictDigit(
  model: tf.LayersModel,
  pixels: Float32Array,
  withFeatureMaps: boolean,
): Promise<{ probabilities: Float32Array; featureMaps: FeatureMapLayer[] | null }> {
  const mapped: { name: string; type: string; index: number }[] = [];
  const counts = new Map<string, number>();
  const [height, width, channels] = inputShapeOf(model);
  if (pixels.length !== height * width * channels) throw new Error(`it reads ${height}×${width}×${channels} images, and this one has ${pixels.length} values`);
  const [output, ...activations] = tf.tidy(() => {
    let x: tf.Tensor = tf.tensor4d(pixels, [1, height, width, channels]);
    const collected: tf.Tensor[] = [];
    for (const [index, layer] of model.layers.entries()) {
      x = layer.apply(x, { training: false }) as tf.Tensor;
      const type = layer.getClassName();
      const prefix = MAPPED_LAYERS.get(type);
      if (withFeatureMaps && prefix && x.rank === 4) {
        const number = (counts.get(type) ?? 0) + 1;
        counts.set(type, number);
        mapped.push({ name: `${prefix}_${number}`, type, index });
        collected.push(x);
      }
    }
    return [x, ...collected];
  }) as [tf.Tensor, ...tf.Tensor[]];
  try {
    const [probabilities = new Float32Array(), ...values] = await Promise.all([output, ...activations].map((tensor) => tensor.data<'float32'>()));
    // One probability per class: the page names them after the dataset (2 or more; MNIST's 10 for the shipped model).
    if (probabilities.length < 2) throw new Error(`the model gives ${probabilities.length} output, not a probability per class`);
    const featureMaps = withFeatureMaps
      ? activations.map(({ shape: [, height = 0, width = 0, channels = 0] }, i) => ({
          layerIndex: mapped[i]!.index,
          layerName: mapped[i]!.name,
          layerType: mapped[i]!.type,
          height,
          width,
          channels,
          pixels: scaleChannelImages(values[i]!, height, width, channels),
        }))
      : null;
    // A copy: the cpu backend's data() is the tensor's own array, and the worker transfers this one's buffer.
    return { probabilities: Float32Array.from(probabilities), featureMaps };
  } finally {
    tf.dispose([output, ...activations]);
  }
}

/** The first layer's kernels as images when it is a Conv2D on the one-channel input; null otherwise. */
export async function firstLayerFilters(
  model: tf.LayersModel,
): Promise<{ count: number; height: number; width: number; pixels: Uint8ClampedArray } | null> {
  const first = model.layers[0];
  const kernel = first?.getClassName() === 'Conv2D' ? first.getWeights()[0] : undefined;
  if (!kernel || kernel.rank !== 4 || kernel.shape[2] !== 1) return null;
  // [height, width, 1, count]: with the one input channel left out, the kernels lie as an activation's channels do.
  const [height = 0, width = 0, , count = 0] = kernel.shape;
  return { count, height, width, pixels: scaleChannelImages(await kernel.data<'float32'>(), height, width, count) };
}

/** A model from artifacts already validated on the page (see domain/keras/modelFiles.ts). */
export async function modelFromArtifacts(artifacts: ModelArtifacts): Promise<tf.LayersModel> {
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: artifacts.modelTopology,
      weightSpecs: artifacts.weightSpecs.map((spec) => ({ ...spec, shape: [...spec.shape] })),
      weightData: artifacts.weightData,
    }),
  );
}

/** The model's topology and weights as tfjs would save them, without the optimizer. */
export async function artifactsOf(model: tf.LayersModel): Promise<ModelArtifacts> {
  let saved: ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const { modelTopology, weightSpecs = [], weightData } = artifacts;
      if (!modelTopology || !weightData || modelTopology instanceof ArrayBuffer) throw new Error('tfjs saved no topology or weights');
      saved = {
        modelTopology,
        weightSpecs: weightSpecs.map(({ name, shape }) => ({ name, shape, dtype: 'float32' as const })),
        weightData: tf.io.CompositeArrayBuffer.join(weightData),
      };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
    { includeOptimizer: false },
  );
  if (!saved) throw new Error('tfjs did not save the model');
  return saved;
}
