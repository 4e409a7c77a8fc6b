import { useCallback, useState } from 'react';
import { EXPERIMENT_MOVES, type ExperimentScores } from '../../domain/lesson/lessonState.ts';
import type { ModelStatus } from '../../engine/engineState.ts';
import type { EngineRequest } from '../../engine/trainingEngine.ts';
import type { ModelSlot } from '../../training/protocol.ts';
import { COMPARED_SLOTS, useBothModelsTask } from './useBothModelsTask.ts';

/** Test images per model and move: 1,000 keeps the whole experiment to a few seconds on WASM. */
const EXPERIMENT_IMAGES = 1000;

export interface MovedScores {
  readonly scores: ExperimentScores | null;
  readonly running: boolean;
  /** Why the experiment could not run; null when it did or has not. */
  readonly problem: string | null;
  /** Null while a model is missing: what to do first. */
  readonly missing: string | null;
  readonly run: () => void;
}

/** The lesson's experiment: both models (the book's convnet, and yours in use) scored by the worker on moved test images. */
export function useMovedScores(request: EngineRequest, models: Readonly<Record<ModelSlot, ModelStatus>>): MovedScores {
  const [scores, setScores] = useState<ExperimentScores | null>(null);
  const { names, running, problem, start } = useBothModelsTask(models);
  const missing = names[1] === null ? 'Train a model first: the experiment scores the book’s convnet against your model in use.' : names[0] === null ? 'The book’s convnet is not loaded yet.' : null;
  const run = useCallback(() => {
    const moves = EXPERIMENT_MOVES.map(({ dx, dy, scale }) => ({ dx, dy, scale }));
    const score = async (): Promise<ExperimentScores> => {
      const answers = await Promise.all(COMPARED_SLOTS.map((slot) => request({ type: 'score-moved', slot, count: EXPERIMENT_IMAGES, moves })));
      const failed = answers.find((answer) => answer.type === 'model-error');
      if (failed?.type === 'model-error') throw new Error(failed.message);
      const scored = answers.flatMap((answer, i) => (answer.type === 'moved-scores' ? [{ name: names[i] ?? answer.slot, accuracies: answer.accuracies, count: answer.count }] : []));
      return { count: Math.min(...scored.map((s) => s.count)), models: scored.map(({ name, accuracies }) => ({ name, accuracies })) };
    };
    start(score, setScores, 'The experiment could not run');
  }, [request, names, start]);
  return { scores, running, problem, missing, run };
}
