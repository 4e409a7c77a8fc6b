import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { ModelSpec } from '../spec/types.ts';
import type { BackendPreference, TrainerCommand, TrainerEvent } from '../training/protocol.ts';
import { backendToRequest, deviceKey, loadBackendChoice, saveBackendChoice, withMeasurement, type BackendChoice } from './backendChoice.ts';
import { createEventPacer, type EventPacer } from './eventPacer.ts';
import { INITIAL_TRAINER_STATE, reduceTrainerState, type TrainerState } from './trainerState.ts';

const BACKEND_CHOICES: readonly BackendPreference[] = ['auto', 'wasm', 'webgl', 'cpu'];

/** `?backend=cpu` in the page's address picks a backend for this visit (not remembered); null when absent or unknown. */
export function backendFromQuery(search: string): BackendPreference | null {
  const value = new URLSearchParams(search).get('backend');
  return BACKEND_CHOICES.find((choice) => choice === value) ?? null;
}

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

type WithoutRequestId<T> = T extends { readonly requestId: number } ? Omit<T, 'requestId'> : never;
export type RequestCommand = WithoutRequestId<TrainerCommand>;

/**
 * How often training progress re-renders the page. Each re-render costs the worker CPU time on a small machine
 * (2 cores, software compositing: chapter-5 on wasm trained at ~585 samples/s with 10 updates a second, ~645 with
 * 2.5, ~735 with 1), so once a second: still live, and most of the CPU left to training.
 */
const RENDER_INTERVAL_MS = 1000;
/**
 * Silence after which the worker counts as hung. It sends a heartbeat every 2 s, but a long synchronous step blocks
 * it: SwiftShader's first WebGL shader compile takes 13–15 s here, so the margin is wide.
 */
const HUNG_AFTER_MS = 45_000;
const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;

export interface Trainer {
  readonly state: TrainerState;
  readonly train: (spec: ModelSpec) => void;
  readonly pause: () => void;
  readonly resume: () => void;
  readonly stop: () => void;
  readonly retryData: () => void;
  readonly backendChoice: BackendChoice;
  /** Sends a command that the worker answers with an event carrying the same requestId. */
  readonly request: (command: RequestCommand) => Promise<TrainerEvent>;
  /** Restarts the engine on another backend; 'auto' measures them all again. Ignored while a run is going. */
  readonly chooseBackend: (preference: BackendPreference) => void;
}

/** Owns the training worker for the page's lifetime and folds its events into state. */
export function useTrainer(): Trainer {
  const [state, dispatch] = useReducer(reduceTrainerState, INITIAL_TRAINER_STATE);
  const workerRef = useRef<Worker | null>(null);
  const nextRunId = useRef(1);

  const restarts = useRef<number[]>([]);
  /** Set from Train until the run ends: a second click before React re-renders must not start a second run. */
  const runActive = useRef(false);
  const [backendChoice, setBackendChoice] = useState(() => loadBackendChoice(localStorageOrNull(), deviceKey(navigator)));
  const choiceRef = useRef(backendChoice);
  const startRef = useRef<() => void>(() => {});
  const pacerRef = useRef<EventPacer | null>(null);
  const lastHeard = useRef(0);
  const hungCheck = useRef<() => void>(() => {});
  const nextRequestId = useRef(1);
  const pending = useRef(new Map<number, (event: TrainerEvent) => void>());
  /** Answers every outstanding request when the worker it was sent to is gone. */
  const abandonRequests = (message: string) => {
    const waiting = [...pending.current.entries()];
    pending.current.clear();
    waiting.forEach(([requestId, answer]) => answer({ type: 'model-error', slot: 'yours', requestId, message }));
  };

  useEffect(() => {
    const start = () => {
      const worker = new Worker(new URL('../training/trainer.worker.ts', import.meta.url), { type: 'module', name: 'trainer' });
      const pacer = createEventPacer(dispatch, RENDER_INTERVAL_MS);
      pacerRef.current?.dispose();
      pacerRef.current = pacer;
      worker.onmessage = (message: MessageEvent<TrainerEvent>) => {
        lastHeard.current = performance.now();
        if (message.data.type === 'heartbeat') return;
        const { type } = message.data;
        if (type === 'run-finished' || type === 'run-stopped' || type === 'run-failed') runActive.current = false;
        if ('requestId' in message.data && message.data.requestId !== null) {
          const answer = pending.current.get(message.data.requestId);
          pending.current.delete(message.data.requestId);
          answer?.(message.data);
        }
        if (message.data.type === 'backend' && message.data.measurements.length > 0) {
          choiceRef.current = withMeasurement(choiceRef.current, message.data.backend, message.data.measurements, Date.now());
          saveBackendChoice(localStorageOrNull(), choiceRef.current);
          setBackendChoice(choiceRef.current);
        }
        pacer.push(message.data);
      };
      /** Replaces a worker that failed or stopped answering with a fresh one, unless it keeps happening. */
      const replace = (reason: string) => {
        worker.terminate();
        abandonRequests('The training engine restarted; try again.');
        const now = Date.now();
        restarts.current = [...restarts.current.filter((t) => now - t < RESTART_WINDOW_MS), now];
        if (restarts.current.length > MAX_RESTARTS) {
          workerRef.current = null;
          dispatch({ type: 'backend-error', message: `The training engine keeps failing (${reason}). Reload the page to try again.` });
          return;
        }
        runActive.current = false;
        dispatch({ type: 'worker-restarted', message: `The training engine ${reason} and was restarted. Your model and settings are unchanged.` });
        start();
      };
      // An uncaught error leaves the worker's state unknown: replace it with a fresh one.
      worker.onerror = (error) => {
        error.preventDefault();
        replace(`stopped unexpectedly (${error.message || 'unknown error'})`);
      };
      // A worker that sends nothing, not even its heartbeat, is stuck: replace it too.
      lastHeard.current = performance.now();
      hungCheck.current = () => {
        const silentMs = performance.now() - lastHeard.current;
        if (workerRef.current === worker && silentMs > HUNG_AFTER_MS) replace(`stopped responding for ${Math.round(silentMs / 1000)} s`);
      };
      const dataUrl = new URL(`${import.meta.env.BASE_URL}mnist/`, window.location.href).href;
      const backend = backendFromQuery(window.location.search) ?? backendToRequest(choiceRef.current);
      const pretrainedUrl = new URL(`${import.meta.env.BASE_URL}pretrained/model.json`, window.location.href).href;
      const init: TrainerCommand = { type: 'init', dataUrl, backend, pretrainedUrl };
      worker.postMessage(init);
      workerRef.current = worker;
    };
    startRef.current = () => {
      workerRef.current?.terminate();
      abandonRequests('The training engine restarted; try again.');
      start();
    };
    start();
    const watchdog = setInterval(() => hungCheck.current(), 5000);
    return () => {
      clearInterval(watchdog);
      pacerRef.current?.dispose();
      workerRef.current?.terminate();
      workerRef.current = null;
    };
  }, []);

  const send = useCallback((command: TrainerCommand) => workerRef.current?.postMessage(command), []);

  const train = useCallback(
    (spec: ModelSpec) => {
      if (runActive.current) return;
      runActive.current = true;
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

  const request = useCallback((command: RequestCommand) => {
    const requestId = nextRequestId.current++;
    return new Promise<TrainerEvent>((resolve) => {
      const worker = workerRef.current;
      if (!worker) {
        resolve({ type: 'model-error', slot: 'yours', requestId, message: 'The training engine is not running. Reload the page.' });
        return;
      }
      pending.current.set(requestId, resolve);
      // Copied, not transferred: the caller may keep what it sent (a saved model's weights).
      worker.postMessage({ ...command, requestId });
    });
  }, []);

  const chooseBackend = useCallback((preference: BackendPreference) => {
    if (runActive.current) return;
    const measured = preference === 'auto' ? null : choiceRef.current.measured;
    choiceRef.current = { ...choiceRef.current, preference, measured };
    saveBackendChoice(localStorageOrNull(), choiceRef.current);
    setBackendChoice(choiceRef.current);
    dispatch({ type: 'engine-restarting' });
    startRef.current();
  }, []);

  return {
    state,
    train,
    retryData,
    backendChoice,
    chooseBackend,
    request,
    pause: useCallback(() => {
      dispatch({ type: 'pause-requested' });
      send({ type: 'pause' });
    }, [send]),
    resume: useCallback(() => send({ type: 'resume' }), [send]),
    stop: useCallback(() => send({ type: 'stop' }), [send]),
  };
}
