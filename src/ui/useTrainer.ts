import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { ModelSpec } from '../spec/types.ts';
import type { BackendName, BackendPreference, TrainerCommand, TrainerEvent, TrainingCheckpoint } from '../training/protocol.ts';
import { BACKEND_LABELS, backendAfterLoss, backendToRequest, deviceKey, loadBackendChoice, saveBackendChoice, withMeasurement, type BackendChoice } from './backendChoice.ts';
import type { StoredCheckpoint } from './checkpointStore.ts';
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

/** The run that is going or interrupted, with what it takes to resume it. */
export interface ResumePoint {
  readonly spec: ModelSpec;
  readonly seed: number;
  readonly checkpoint: TrainingCheckpoint | null;
  /** The checkpoint epoch last resumed from without asking: a second failure before the next epoch waits for the person. */
  readonly autoResumedFrom: number | null;
}

export interface Trainer {
  readonly state: TrainerState;
  /** The spec the current run was started with: the editor may change meanwhile. */
  readonly runSpec: ModelSpec | null;
  readonly train: (spec: ModelSpec) => void;
  /** Carries on the interrupted run from its checkpoint. */
  readonly resumeInterrupted: () => void;
  /** Shows a run interrupted in an earlier visit, ready to resume. Ignored while a run is going. */
  readonly restoreInterrupted: (stored: StoredCheckpoint) => void;
  /** The current run's latest checkpoint, to keep across reloads. */
  readonly latestCheckpoint: () => ResumePoint | null;
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
  const [runSpec, setRunSpec] = useState<ModelSpec | null>(null);
  const currentRunId = useRef(0);
  const resumePoint = useRef<ResumePoint | null>(null);
  /** After WebGL's context is lost, the rest of the visit uses the next backend. */
  const backendOverride = useRef<BackendName | null>(null);

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

  /** Sends the checkpointed run back to the worker; the run keeps its history up to the checkpoint. */
  const sendResume = (point: ResumePoint, checkpoint: TrainingCheckpoint) => {
    runActive.current = true;
    const runId = nextRunId.current++;
    currentRunId.current = runId;
    dispatch({ type: 'train-requested', runId, resume: true });
    // Copied, not transferred: the same checkpoint may be needed again if this attempt fails too.
    workerRef.current?.postMessage({ type: 'train', runId, spec: point.spec, seed: point.seed, resumeFrom: checkpoint } satisfies TrainerCommand);
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
        if ((type === 'run-finished' || type === 'run-stopped' || type === 'run-failed') && message.data.runId === currentRunId.current) {
          runActive.current = false;
          resumePoint.current = null;
        }
        if (type === 'checkpoint' && message.data.runId === currentRunId.current && resumePoint.current) {
          resumePoint.current = { ...resumePoint.current, checkpoint: message.data.checkpoint };
        }
        if (type === 'backend-lost') {
          backendOverride.current = backendAfterLoss(message.data.backend);
          replace(`lost its ${BACKEND_LABELS[message.data.backend]} context (${message.data.message})`, BACKEND_LABELS[backendOverride.current]);
          return;
        }
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
      /**
       * Replaces a worker that failed or stopped answering with a fresh one, unless it keeps happening, and resumes the
       * run from its checkpoint — by itself once per checkpoint, so a failure that repeats waits for the person.
       */
      const replace = (reason: string, nextBackendLabel?: string) => {
        if (workerRef.current !== worker) return;
        worker.terminate();
        abandonRequests('The training engine restarted; try again.');
        const now = Date.now();
        restarts.current = [...restarts.current.filter((t) => now - t < RESTART_WINDOW_MS), now];
        const point = runActive.current ? resumePoint.current : null;
        runActive.current = false;
        const checkpoint = point?.checkpoint ?? null;
        if (restarts.current.length > MAX_RESTARTS) {
          workerRef.current = null;
          const resumable = checkpoint ? ` The run can be resumed from epoch ${checkpoint.epoch} after the reload.` : '';
          const message = `The training engine keeps failing (${reason}). Reload the page to try again.${resumable}`;
          // The run shows as interrupted at its checkpoint, which stays in the browser for the reload to offer.
          dispatch({ type: 'worker-restarted', message });
          dispatch({ type: 'backend-error', message });
          return;
        }
        const resumeNow = point !== null && checkpoint !== null && point.autoResumedFrom !== checkpoint.epoch;
        const where = nextBackendLabel ? ` on ${nextBackendLabel}` : '';
        const outcome = !checkpoint
          ? ''
          : resumeNow
            ? ` Training resumes from the end of epoch ${checkpoint.epoch}.`
            : ` It failed again before another epoch ended, so the run waits for you: Resume from epoch ${checkpoint.epoch}, or change something and Train.`;
        dispatch({ type: 'worker-restarted', message: `The training engine ${reason} and was restarted${where}.${outcome} Your model and settings are unchanged.` });
        start();
        if (point && checkpoint && resumeNow) {
          resumePoint.current = { ...point, autoResumedFrom: checkpoint.epoch };
          sendResume(resumePoint.current, checkpoint);
        }
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
      const backend = backendOverride.current ?? backendFromQuery(window.location.search) ?? backendToRequest(choiceRef.current);
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
      currentRunId.current = runId;
      // Run n of a visit always starts from the same weights and shuffles; a checkpoint carries its run's seed.
      const seed = runId;
      resumePoint.current = { spec, seed, checkpoint: null, autoResumedFrom: null };
      setRunSpec(spec);
      dispatch({ type: 'train-requested', runId });
      send({ type: 'train', runId, spec, seed });
    },
    [send],
  );
  const resumeInterrupted = useCallback(() => {
    const point = resumePoint.current;
    if (runActive.current || !point?.checkpoint) return;
    setRunSpec(point.spec);
    sendResume(point, point.checkpoint);
  }, []);
  const restoreInterrupted = useCallback((stored: StoredCheckpoint) => {
    if (runActive.current) return;
    const { epoch, step, elapsedMs } = stored.checkpoint;
    resumePoint.current = { spec: stored.spec, seed: stored.seed, checkpoint: stored.checkpoint, autoResumedFrom: null };
    setRunSpec(stored.spec);
    const runId = nextRunId.current++;
    currentRunId.current = runId;
    dispatch({
      type: 'run-restored',
      runId,
      plan: stored.plan,
      epochs: stored.spec.training.epochs,
      batchHistory: stored.batches,
      epochHistory: stored.epochs,
      checkpoint: { epoch, step, elapsedMs },
    });
  }, []);
  const latestCheckpoint = useCallback(() => resumePoint.current, []);
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
    backendOverride.current = null;
    const measured = preference === 'auto' ? null : choiceRef.current.measured;
    choiceRef.current = { ...choiceRef.current, preference, measured };
    saveBackendChoice(localStorageOrNull(), choiceRef.current);
    setBackendChoice(choiceRef.current);
    dispatch({ type: 'engine-restarting' });
    startRef.current();
  }, []);

  return {
    state,
    runSpec,
    train,
    resumeInterrupted,
    restoreInterrupted,
    latestCheckpoint,
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
