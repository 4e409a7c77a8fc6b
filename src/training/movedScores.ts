/** The lesson's experiment in the worker: a model's test accuracy on test images moved (shifted, scaled) on their canvas. */
import type * as tf from '@tensorflow/tfjs';
import type { MnistDataset } from '../data/loadMnist.ts';
import { moveImages } from '../data/moveImages.ts';
import { describeError, withoutFullStop } from '../domain/describeError.ts';
import type { WorkerCommand, WorkerEvent } from './protocol.ts';
import { evaluateModel } from './tensors.ts';

const MNIST_SIDE = 28;

/** The event answering a score-moved command; never throws. */
export async function answerMovedScores(
  model: tf.LayersModel,
  dataset: MnistDataset | null,
  { requestId, slot, moves, count }: Extract<WorkerCommand, { type: 'score-moved' }>,
): Promise<WorkerEvent> {
  if (!dataset || dataset.layout) return { type: 'model-error', slot, requestId, message: 'The experiment needs the MNIST test images: wait until they are loaded.' };
  const scored = Math.min(count, dataset.testLabels.length);
  try {
    const accuracies: number[] = [];
    for (const move of moves) {
      const images = moveImages(dataset.testImages, MNIST_SIDE, scored, move);
      accuracies.push((await evaluateModel(model, images, dataset.testLabels, 0, scored)).accuracy);
    }
    return { type: 'moved-scores', requestId, slot, count: scored, accuracies };
  } catch (error) {
    return { type: 'model-error', slot, requestId, message: `The model could not score the moved images: ${withoutFullStop(describeError(error))}.` };
  }
}
