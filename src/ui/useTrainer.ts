import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { ModelSpec } from '../spec/types.ts';
import type { BackendPreference, TrainerCommand, TrainerEvent } from '../training/protocol.ts';
import { INITIAL_TRAINER_STATE, reduceTrainerState, type TrainerState } from './trainerState.ts';

// wasm is left out until it can train convnets (it lacks Conv2DBackpropFilter).
const BACKEND_CHOICES: readonly BackendPreference[] = ['auto', 'webgl', 'cpu'];

/** `?backend=cpu` in the page's address picks a backend; anything unknown means auto. */
export function backendFromQuery(search: string): BackendPreference {
  const value = new URLSearchParams(search).get('backend');
  return BACKEND_CHOICES.find((choice) => choice === value) ?? 'auto';
}

export interface Trainer {
  readonly state: TrainerState;
  readonly train: (spec: ModelSpec) => void;
  readonly pause: () => void;
  readonly resume: () => void;
  readonly stop: () => void;
  readonly retryData: () => void;
}

/** Owns the training worker for the page's lifetime and folds its events into state. */
export function useTrainer(): Trainer {
  const [state, dispatch] = useReducer(reduceTrainerState, INITIAL_TRAINER_STATE);
  const workerRef = useRef<Worker | null>(null);
  const nextRunId = useRef(1);

  useEffect(() => {
    const worker = new Worker(new URL('../training/trainer.worker.ts', import.meta.url), { type: 'module', name: 'trainer' });
    worker.onmessage = (message: MessageEvent<TrainerEvent>) => dispatch(message.data);
    worker.onerror = (error) => {
      dispatch({ type: 'backend-error', message: `The training worker failed: ${error.message || 'it could not start'}. Reload the page to try again.` });
    };
    const dataUrl = new URL(`${import.meta.env.BASE_URL}mnist/`, window.location.href).href;
    const init: TrainerCommand = { type: 'init', dataUrl, backend: backendFromQuery(window.location.search) };
    worker.postMessage(init);
    workerRef.current = worker;
    return () => {
      worker.terminate();
      workerRef.current = null;
    };
  }, []);

  const send = useCallback((command: TrainerCommand) => workerRef.current?.postMessage(command), []);

  const train = useCallback(
    (spec: ModelSpec) => {
      const runId = nextRunId.current++;
      dispatch({ type: 'train-requested', runId });
      send({ type: 'train', runId, spec, seed: runId });
    },
    [send],
  );
  const retryData = useCallback(() => {
    dispatch({ type: 'data-retry' });
    send({ type: 'load-data' });
  }, [send]);

  return {
    state,
    train,
    retryData,
    pause: useCallback(() => {
      dispatch({ type: 'pause-requested' });
      send({ type: 'pause' });
    }, [send]),
    resume: useCallback(() => send({ type: 'resume' }), [send]),
    stop: useCallback(() => send({ type: 'stop' }), [send]),
  };
}
