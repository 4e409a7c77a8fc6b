/** The two runs the lesson compares (the convnet and the dense network on the same data), and what their matrices show. */
import { CHAPTER5_LAYERS } from '../defaults.ts';
import { PRESETS } from '../presets.ts';
import type { LayerSpec } from '../modelSpec.ts';
import { sameLayers, type LessonPageState, type LessonRun } from './lessonState.ts';

export const DENSE_LAYERS: readonly LayerSpec[] = PRESETS.find((preset) => preset.id === 'chapter2')?.layers ?? [];

const scored = (run: LessonRun, layers: readonly LayerSpec[]) => run.status === 'finished' && run.testAccuracy !== null && sameLayers(run.layers, layers);

export const findConvnetRun = (state: LessonPageState) => state.runs.find((run) => scored(run, CHAPTER5_LAYERS)) ?? null;

/** The newest dense run, and the newest convnet run trained and tested on as many images; null for one not there. */
export function findComparedRuns(state: LessonPageState): { readonly dense: LessonRun | null; readonly convnet: LessonRun | null } {
  const dense = state.runs.find((run) => scored(run, DENSE_LAYERS)) ?? null;
  if (!dense) return { dense, convnet: null };
  const convnet = state.runs.find((run) => scored(run, CHAPTER5_LAYERS) && run.trainSize === dense.trainSize && run.testSize === dense.testSize) ?? null;
  return { dense, convnet };
}

/** The largest off-diagonal cell of a confusion matrix (rows: the true digit, columns: what the model read). */
export function mostConfused(confusion: readonly (readonly number[])[]): { readonly actual: number; readonly read: number; readonly count: number } | null {
  let worst: { actual: number; read: number; count: number } | null = null;
  confusion.forEach((row, actual) =>
    row.forEach((count, read) => {
      if (read !== actual && count > 0 && (!worst || count > worst.count)) worst = { actual, read, count };
    }),
  );
  return worst;
}
