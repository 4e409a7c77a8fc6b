import { useCallback, useMemo, useState } from 'react';
import type { ModelStatus } from '../../engine/engineState.ts';
import type { ModelSlot } from '../../training/protocol.ts';

/** The two models the lesson compares: the book's convnet (the shipped one) and the learner's model in use. */
export const COMPARED_SLOTS: readonly ModelSlot[] = ['pretrained', 'yours'];

export interface BothModelsTask {
  /** Each compared model's name, or null while it is not ready, in the order of COMPARED_SLOTS. */
  readonly names: readonly (string | null)[];
  readonly running: boolean;
  /** Why the last task failed; null when it did not. */
  readonly problem: string | null;
  /** Runs one task of the worker's for both models; its result goes to `done`, a failure to `problem` after `failure`. */
  readonly start: <T>(task: () => Promise<T>, done: (result: T) => void, failure: string) => void;
}

/** What the lesson's experiments share: which models are ready, and one task at a time with its failure shown. */
export function useBothModelsTask(models: Readonly<Record<ModelSlot, ModelStatus>>): BothModelsTask {
  const [running, setRunning] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const names = useMemo(
    () =>
      COMPARED_SLOTS.map((slot) => {
        const model = models[slot];
        return model.status === 'ready' ? model.name : null;
      }),
    [models],
  );
  const start = useCallback(<T,>(task: () => Promise<T>, done: (result: T) => void, failure: string) => {
    setRunning(true);
    setProblem(null);
    task()
      .then(done)
      .catch((error: unknown) => setProblem(`${failure}: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => setRunning(false));
  }, []);
  return { names, running, problem, start };
}
