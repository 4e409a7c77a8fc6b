/**
 * "Watch it learn": before the first batch and after each epoch, the model's first filters and what its layers make of
 * one fixed test digit, sent to the page to scrub through. One forward pass of one image: next to an epoch, nothing.
 */
import { IMAGE_PIXELS } from '../data/batching.ts';
import type { ActiveRun } from './batchLoop.ts';
import { firstLayerFilters, predictDigit } from './inference.ts';

/** Sends the frame for `epoch` completed epochs if the page is watching; the run's own tensors are untouched. */
export async function sendLearningFrame(run: ActiveRun, epoch: number): Promise<void> {
  const { runId, emit, dataset, watchLearning } = run.request;
  // The frames show a 28×28 digit through the pad's reader: other images are not watched (yet).
  if (!(watchLearning?.() ?? false) || dataset.testLabels.length === 0 || dataset.layout) return;
  const started = performance.now();
  const digitPixels = dataset.testImages.slice(0, IMAGE_PIXELS);
  const { probabilities, featureMaps } = await predictDigit(run.model, Float32Array.from(digitPixels, (v) => v / 255), true);
  const filters = await firstLayerFilters(run.model);
  const maps = featureMaps ?? [];
  const digit = { pixels: digitPixels, label: dataset.testLabels[0] ?? 0 };
  const frame = { epoch, step: run.reporter.step, filters, featureMaps: maps, digit, probabilities, computeMs: performance.now() - started };
  emit({ type: 'learning-frame', runId, frame }, [
    digitPixels.buffer,
    probabilities.buffer,
    ...maps.map((map) => map.pixels.buffer),
    ...(filters ? [filters.pixels.buffer] : []),
  ]);
}
