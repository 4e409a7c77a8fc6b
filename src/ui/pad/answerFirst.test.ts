import { describe, expect, it } from 'vitest';
import type { FeatureMapLayer } from '../../training/protocol.ts';
import { readAnswerFirst, type AnswerFirstSteps, type PredictReply } from './answerFirst.ts';

const pixels = new Float32Array(784);
const maps: FeatureMapLayer[] = [{ layerIndex: 0, layerName: 'conv2d_1', layerType: 'Conv2D', height: 1, width: 1, channels: 1, pixels: new Uint8ClampedArray(1) }];

/** A worker that answers in order, recording what it was asked and what the pad was told. */
function harness(options: { newerWaiting?: boolean; clearedAfterAnswer?: boolean; error?: string } = {}) {
  const asked: boolean[] = [];
  const told: string[] = [];
  let cleared = false;
  const steps: AnswerFirstSteps = {
    ask: async (command): Promise<PredictReply> => {
      asked.push(command.featureMaps);
      if (options.error) return { type: 'model-error', slot: command.slot, requestId: asked.length, message: options.error };
      return { type: 'prediction', requestId: asked.length, slot: command.slot, probabilities: new Float32Array(10), featureMaps: command.featureMaps ? maps : null, inferenceMs: 1 };
    },
    stillShown: () => !cleared,
    newerWaiting: () => options.newerWaiting === true,
    answered: (answer) => {
      told.push(`answer${answer.featureMaps ? ' with maps' : ''}`);
      if (options.clearedAfterAnswer) cleared = true;
    },
    mapped: (featureMaps) => told.push(`maps ${featureMaps?.length}`),
    failed: (message) => told.push(`error: ${message}`),
  };
  return { asked, told, steps };
}

describe('reading a drawing answer-first', () => {
  it('asks for the probabilities alone, shows them, then asks for the maps and shows those', async () => {
    const { asked, told, steps } = harness();
    await readAnswerFirst('pretrained', pixels, steps);
    expect(asked).toEqual([false, true]);
    expect(told).toEqual(['answer', 'maps 1']);
  });

  it('leaves out the maps while a newer drawing waits: its answer comes first', async () => {
    const { asked, told, steps } = harness({ newerWaiting: true });
    await readAnswerFirst('pretrained', pixels, steps);
    expect(asked).toEqual([false]);
    expect(told).toEqual(['answer']);
  });

  it('shows nothing more of a drawing the pad no longer shows', async () => {
    const { told, steps } = harness({ clearedAfterAnswer: true });
    await readAnswerFirst('pretrained', pixels, steps);
    expect(told).toEqual(['answer']);
  });

  it('says why the model could not read it, and asks for no maps', async () => {
    const { asked, told, steps } = harness({ error: 'The model could not read the digit: boom.' });
    await readAnswerFirst('yours', pixels, steps);
    expect(asked).toEqual([false]);
    expect(told).toEqual(['error: The model could not read the digit: boom.']);
  });
});
