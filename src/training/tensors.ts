import * as tf from '@tensorflow/tfjs';
import { gatherImages, gatherLabels, indexRange } from '../data/batching.ts';
import { MNIST_CLASSES } from '../domain/modelSpec.ts';

/** Input and one-hot target tensors for the chosen images. The caller disposes both. */
export function makeBatch(images: Uint8Array, labels: Uint8Array, indices: ArrayLike<number>): { xs: tf.Tensor4D; ys: tf.Tensor2D } {
  const xs = tf.tensor4d(gatherImages(images, indices), [indices.length, 28, 28, 1]);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(gatherLabels(labels, indices), 'int32'), MNIST_CLASSES) as tf.Tensor2D);
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
  /** When given (count × 10 floats), receives each image's predicted probabilities. */
  probabilitiesOut?: Float32Array,
): Promise<Evaluation> {
  let lossSum = 0;
  let correct = 0;
  for (let offset = 0; offset < count; offset += batchSize) {
    const size = Math.min(batchSize, count - offset);
    const indices = indexRange(start + offset, size);
    const { xs, ys } = makeBatch(images, labels, indices);
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
    if (probabilitiesOut && probabilities) probabilitiesOut.set(probabilities as Float32Array, offset * MNIST_CLASSES);
    lossSum += lossValue[0] ?? NaN;
    correct += correctValue[0] ?? 0;
    await afterBatch();
  }
  return { loss: lossSum / count, accuracy: correct / count, count };
}
