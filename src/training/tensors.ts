import * as tf from '@tensorflow/tfjs';
import { gatherImages, gatherLabels, indexRange, layoutPixels, MNIST_LAYOUT, type ImageLayout } from '../data/batching.ts';

/** Input and one-hot target tensors for the chosen images. The caller disposes both. */
export function makeBatch(
  images: Uint8Array,
  labels: Uint8Array,
  indices: ArrayLike<number>,
  layout: ImageLayout = MNIST_LAYOUT,
): { xs: tf.Tensor4D; ys: tf.Tensor2D } {
  const xs = tf.tensor4d(gatherImages(images, indices, layoutPixels(layout)), [indices.length, ...layout.shape]);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(gatherLabels(labels, indices), 'int32'), layout.classCount) as tf.Tensor2D);
  return { xs, ys };
}

export interface Evaluation {
  readonly loss: number;
  readonly accuracy: number;
  readonly count: number;
}

/** Mean categorical cross-entropy and accuracy over `count` images from `start`, in batches, reading results asynchronously. */
export async function evaluateModel(
  model: tf.LayersModel,
  images: Uint8Array,
  labels: Uint8Array,
  start: number,
  count: number,
  batchSize = 500,
  afterBatch: () => Promise<void> = async () => {},
  /** When given (count × classes floats), receives each image's predicted probabilities. */
  probabilitiesOut?: Float32Array,
  layout: ImageLayout = MNIST_LAYOUT,
): Promise<Evaluation> {
  let lossSum = 0;
  let correct = 0;
  for (let offset = 0; offset < count; offset += batchSize) {
    const size = Math.min(batchSize, count - offset);
    const indices = indexRange(start + offset, size);
    const { xs, ys } = makeBatch(images, labels, indices, layout);
    const sums = tf.tidy(() => {
      const predictions = model.predict(xs) as tf.Tensor2D;
      return {
        predictions,
        loss: tf.metrics.categoricalCrossentropy(ys, predictions).sum(),
        correct: tf.equal(predictions.argMax(-1), ys.argMax(-1)).sum(),
      };
    });
    xs.dispose();
    ys.dispose();
    const [lossValue, correctValue, probabilities] = await Promise.all([
      sums.loss.data(),
      sums.correct.data(),
      probabilitiesOut ? sums.predictions.data() : Promise.resolve(null),
    ]);
    tf.dispose(sums);
    if (probabilitiesOut && probabilities) probabilitiesOut.set(probabilities as Float32Array, offset * layout.classCount);
    lossSum += lossValue[0] ?? NaN;
    correct += correctValue[0] ?? 0;
    await afterBatch();
  }
  return { loss: lossSum / count, accuracy: correct / count, count };
}
