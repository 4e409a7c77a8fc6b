import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { ModelSpec } from '../spec/types.ts';
import type { BackendName, BackendPreference, TrainerCommand, TrainerEvent, TrainingCheckpoint } from '../training/protocol.ts';
import {
  BACKEND_LABELS,
  backendAfterLoss,
  backendFromQuery,
  backendToRequest,
  deviceKey,
  loadBackendChoice,
  localStorageOrNull,
  saveBackendChoice,
  withMeasurement,
  type BackendChoice,
} from './backendChoice.ts';
import type { StoredCheckpoint } from './checkpointStore.ts';
import { createEventPacer, type EventPacer } from './eventPacer.ts';
import { INITIAL_TRAINER_STATE, reduceTrainerState, type TrainerState } from './trainerState.ts';
import { planRecovery, type ResumePoint } from './runRecovery.ts';
import { superviseWorker, type WorkerSupervisor } from './workerSupervisor.ts';

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
  const nextRunId = useRef(1);
  const [runSpec, setRunSpec] = useState<ModelSpec | null>(null);
  const currentRunId = useRef(0);
  const resumePoint = useRef<ResumePoint | null>(null);
  /** After WebGL's context is lost, the rest of the visit uses the next backend. */
  const backendOverride = useRef<BackendName | null>(null);

  /** Set from Train until the run ends: a second click before React re-renders must not start a second run. */
  const runActive = useRef(false);
  /** The person paused the run: a run resumed after an engine failure stays paused. */
  const pauseWanted = useRef(false);
  const [backendChoice, setBackendChoice] = useState(() => loadBackendChoice(localStorageOrNull(), deviceKey(navigator)));
  const choiceRef = useRef(backendChoice);
  const supervisor = useRef<WorkerSupervisor | null>(null);
  const pacer = useRef<EventPacer | null>(null);
  const nextRequestId = useRef(1);
  const pending = useRef(new Map<number, (event: TrainerEvent) => void>());
  /** Answers every outstanding request when the worker it was sent to is gone. */
  const abandonRequests = (message: string) => {
    const waiting = [...pending.current.entries()];
    pending.current.clear();
    waiting.forEach(([requestId, answer]) => answer({ type: 'model-error', slot: 'yours', requestId, message }));
  };
  const send = useCallback((command: TrainerCommand) => supervisor.current?.post(command) ?? false, []);

  /** Sends the checkpointed run back to the worker; the run keeps its history up to the checkpoint. */
  const sendResume = useCallback(
    (point: ResumePoint, checkpoint: TrainingCheckpoint) => {
      runActive.current = true;
      const runId = nextRunId.current++;
      currentRunId.current = runId;
      dispatch({ type: 'train-requested', runId, resume: true });
      // Copied, not transferred: the same checkpoint may be needed again if this attempt fails too.
      send({ type: 'train', runId, spec: point.spec, seed: point.seed, resumeFrom: checkpoint });
    },
    [send],
  );

  /** Keeps the page's books on the worker's events, then hands them to the reducer (paced). */
  const receive = (event: TrainerEvent) => {
    const { type } = event;
    if ((type === 'run-finished' || type === 'run-stopped' || type === 'run-failed') && event.runId === currentRunId.current) {
      runActive.current = false;
      resumePoint.current = null;
    }
    if (type === 'checkpoint' && event.runId === currentRunId.current && resumePoint.current) {
      resumePoint.current = { ...resumePoint.current, checkpoint: event.checkpoint };
    }
    if (type === 'backend-lost') {
      backendOverride.current = backendAfterLoss(event.backend);
      supervisor.current?.fail(`lost its ${BACKEND_LABELS[event.backend]} context (${event.message})`);
      return;
    }
    if ('requestId' in event && event.requestId !== null) {
      const answer = pending.current.get(event.requestId);
      pending.current.delete(event.requestId);
      answer?.(event);
    }
    if (type === 'backend' && event.measurements.length > 0) {
      choiceRef.current = withMeasurement(choiceRef.current, event.backend, event.measurements, Date.now());
      saveBackendChoice(localStorageOrNull(), choiceRef.current);
      setBackendChoice(choiceRef.current);
    }
    pacer.current?.push(event);
  };

  /** After a worker was replaced: the run resumes, waits, or is marked interrupted (see runRecovery.ts). */
  const recover = (reason: string, gaveUp: boolean) => {
    pacer.current?.dispose();
    abandonRequests('The training engine restarted; try again.');
    const running = runActive.current ? resumePoint.current : null;
    runActive.current = false;
    const movedTo = backendOverride.current && reason.startsWith('lost') ? BACKEND_LABELS[backendOverride.current] : null;
    const { message, resume } = planRecovery({ reason, gaveUp, movedTo }, running);
    // A run that does not resume now shows as interrupted at its checkpoint, still in the browser for a reload.
    dispatch({ type: 'worker-restarted', message });
    if (gaveUp) dispatch({ type: 'backend-error', message });
    if (resume) {
      resumePoint.current = resume;
      sendResume(resume, resume.checkpoint);
      if (pauseWanted.current) {
        dispatch({ type: 'pause-requested' });
        send({ type: 'pause' });
      }
    }
  };

  useEffect(() => {
    pacer.current = createEventPacer(dispatch, RENDER_INTERVAL_MS);
    const init = (): TrainerCommand => ({
      type: 'init',
      dataUrl: new URL(`${import.meta.env.BASE_URL}mnist/`, window.location.href).href,
      backend: backendOverride.current ?? backendFromQuery(window.location.search) ?? backendToRequest(choiceRef.current),
      pretrainedUrl: new URL(`${import.meta.env.BASE_URL}pretrained/model.json`, window.location.href).href,
    });
    supervisor.current = superviseWorker({
      createWorker: () => new Worker(new URL('../training/trainer.worker.ts', import.meta.url), { type: 'module', name: 'trainer' }),
      init,
      onEvent: (event) => receive(event),
      onReplaced: ({ reason, gaveUp }) => recover(reason, gaveUp),
      hungAfterMs: HUNG_AFTER_MS,
      maxRestarts: MAX_RESTARTS,
      restartWindowMs: RESTART_WINDOW_MS,
    });
    return () => {
      pacer.current?.dispose();
      supervisor.current?.dispose();
      supervisor.current = null;
    };
    // receive and recover read only refs and stable setters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);


  const train = useCallback(
    (spec: ModelSpec) => {
      if (runActive.current) return;
      runActive.current = true;
      pauseWanted.current = false;
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
    pauseWanted.current = false;
    setRunSpec(point.spec);
    sendResume(point, point.checkpoint);
  }, [sendResume]);
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

  const request = useCallback(
    (command: RequestCommand) => {
      const requestId = nextRequestId.current++;
      return new Promise<TrainerEvent>((resolve) => {
        pending.current.set(requestId, resolve);
        // Copied, not transferred: the caller may keep what it sent (a saved model's weights).
        if (send({ ...command, requestId } as TrainerCommand)) return;
        pending.current.delete(requestId);
        resolve({ type: 'model-error', slot: 'yours', requestId, message: 'The training engine is not running. Reload the page.' });
      });
    },
    [send],
  );

  const chooseBackend = useCallback((preference: BackendPreference) => {
    if (runActive.current) return;
    backendOverride.current = null;
    const measured = preference === 'auto' ? null : choiceRef.current.measured;
    choiceRef.current = { ...choiceRef.current, preference, measured };
    saveBackendChoice(localStorageOrNull(), choiceRef.current);
    setBackendChoice(choiceRef.current);
    dispatch({ type: 'engine-restarting' });
    pacer.current?.dispose();
    abandonRequests('The training engine restarted; try again.');
    supervisor.current?.restart();
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
      pauseWanted.current = true;
      dispatch({ type: 'pause-requested' });
      send({ type: 'pause' });
    }, [send]),
    resume: useCallback(() => {
      pauseWanted.current = false;
      send({ type: 'resume' });
    }, [send]),
    stop: useCallback(() => send({ type: 'stop' }), [send]),
  };
}
