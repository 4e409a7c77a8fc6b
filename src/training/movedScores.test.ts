/** The experiment's scoring on a toy model whose answers are known: it tells the left half of the image from the right. */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MnistDataset } from '../data/loadMnist.ts';
import { buildModel } from './buildModel.ts';
import { answerMovedScores } from './movedScores.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => tf.disposeVariables());

/** Flatten → Dense(10, softmax): class 0 for ink in the left 14 columns, class 1 for ink in the right 14. */
function halfReader(): tf.LayersModel {
  const model = buildModel([{ type: 'Flatten' }, { type: 'Dense', units: 10, activation: 'softmax' }], 4);
  const kernel = Float32Array.from({ length: 784 * 10 }, (_, i) => {
    const [pixel, unit] = [Math.floor(i / 10), i % 10];
    const left = pixel % 28 < 14;
    return (unit === 0 && left) || (unit === 1 && !left) ? 1 : 0;
  });
  model.layers[1]!.setWeights([tf.tensor2d(kernel, [784, 10]), tf.zeros([10])]);
  return model;
}

/** Four test images, each a dot on row 14: two at column 10 (label 0), two at column 17 (label 1). */
function dots(): MnistDataset {
  const testImages = new Uint8Array(4 * 784);
  [10, 10, 17, 17].forEach((column, i) => (testImages[i * 784 + 14 * 28 + column] = 255));
  return { trainImages: new Uint8Array(0), trainLabels: new Uint8Array(0), testImages, testLabels: Uint8Array.from([0, 0, 1, 1]) };
}

const command = (count: number) => ({ type: 'score-moved' as const, requestId: 7, slot: 'yours' as const, count, moves: [{ dx: 0, dy: 0, scale: 1 }, { dx: 8, dy: 0, scale: 1 }] });

describe('answerMovedScores', () => {
  it('scores each move: every dot read right as it is, half of them once moved 8 px right across the middle', async () => {
    const model = halfReader();
    const before = tf.memory().numTensors;
    const answer = await answerMovedScores(model, dots(), command(100));
    expect(answer).toEqual({ type: 'moved-scores', requestId: 7, slot: 'yours', count: 4, accuracies: [1, 0.5] });
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('scores only the first `count` images', async () => {
    const model = halfReader();
    const answer = await answerMovedScores(model, dots(), command(2));
    expect(answer).toMatchObject({ type: 'moved-scores', count: 2, accuracies: [1, 0] });
    model.dispose();
  });

  it('answers with a message when there are no MNIST test images', async () => {
    const model = halfReader();
    expect(await answerMovedScores(model, null, command(4))).toMatchObject({ type: 'model-error', requestId: 7, message: expect.stringContaining('MNIST test images') });
    model.dispose();
  });
});
