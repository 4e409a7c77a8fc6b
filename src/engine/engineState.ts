import { assertNever } from '../domain/assertNever.ts';
import type { BackendName, ModelSlot, BatchPoint, EpochMetrics, RunPlan, RunProgress, TestEvaluation, TestResult, WorkerEvent } from '../training/protocol.ts';

/** 'interrupted': the engine restarted or the page reloaded mid-run, and the run can resume from its checkpoint. */
export type RunStatus = 'starting' | 'training' | 'pausing' | 'paused' | 'evaluating' | 'finished' | 'stopped' | 'failed' | 'interrupted';

/** Where the run's latest checkpoint stands: a crash, a lost WebGL context or a reload resumes from here. */
export interface CheckpointMark {
  readonly epoch: number;
  readonly step: number;
  readonly elapsedMs: number;
}

export interface RunState {
  readonly id: number;
  readonly status: RunStatus;
  readonly plan: RunPlan | null;
  readonly batches: readonly BatchPoint[];
  readonly epochs: readonly EpochMetrics[];
  readonly progress: RunProgress | null;
  readonly test: TestResult | null;
  readonly evaluation: TestEvaluation | null;
  readonly message: string | null;
  /** Where the loss ran away, on the epoch axis. */
  readonly divergedAt: number | null;
  readonly elapsedMs: number | null;
  readonly checkpoint: CheckpointMark | null;
  readonly fineTune: boolean; // on the person's handwriting: no checkpoints, and it starts again from its own button
}

export type DataState =
  | { readonly status: 'loading'; readonly loadedBytes: number; readonly totalBytes: number }
  | { readonly status: 'ready'; readonly trainCount: number; readonly testCount: number; readonly loadMs: number }
  | { readonly status: 'error'; readonly message: string };
export type ModelFilters = Extract<WorkerEvent, { type: 'model-ready' }>['filters'];

/** Whether a model can read digits: none yet, ready (with its first layer's filters), or failed to load. */
export type ModelStatus =
  | { readonly status: 'none' }
  | { readonly status: 'ready'; readonly name: string; readonly filters: ModelFilters }
  | { readonly status: 'error'; readonly message: string };

export interface EngineState {
  readonly models: Readonly<Record<ModelSlot, ModelStatus>>;
  /** The backend the worker started, as its 'backend' event says (named, not under the event's own key). */
  readonly backend: (Omit<Extract<WorkerEvent, { type: 'backend' }>, 'type' | 'backend'> & { readonly name: BackendName }) | null;
  readonly backendError: string | null;
  readonly data: DataState;
  readonly run: RunState | null;
  /** Something the engine recovered from, for the person to know. */
  readonly engineNotice: string | null;
}

/** What the page itself does to the engine's state, beside the worker's events. */
export type PageAction =
  /** resume: the interrupted run carries on under this id, keeping its history up to its checkpoint. */
  | { readonly type: 'train-requested'; readonly runId: number; readonly resume?: boolean; readonly fineTune?: boolean }
  /** A run interrupted in an earlier visit of the page, read back from its stored checkpoint. */
  | {
      readonly type: 'run-restored';
      readonly runId: number;
      readonly plan: RunPlan;
      readonly epochs: number;
      readonly batchHistory: readonly BatchPoint[];
      readonly epochHistory: readonly EpochMetrics[];
      readonly checkpoint: CheckpointMark;
    }
  | { readonly type: 'pause-requested' }
  | { readonly type: 'worker-restarted'; readonly message: string }
  /** The person picked another backend: a fresh engine starts and loads the data again. */
  | { readonly type: 'engine-restarting' }
  | { readonly type: 'data-retry' };

export type EngineAction = WorkerEvent | PageAction;

const PAGE_ACTIONS: ReadonlySet<EngineAction['type']> = new Set<PageAction['type']>([
  'train-requested',
  'run-restored',
  'pause-requested',
  'worker-restarted',
  'engine-restarting',
  'data-retry',
]);
const isPageAction = (action: EngineAction): action is PageAction => PAGE_ACTIONS.has(action.type);

export const INITIAL_ENGINE_STATE: EngineState = {
  models: { pretrained: { status: 'none' }, yours: { status: 'none' } },
  backend: null,
  backendError: null,
  data: { status: 'loading', loadedBytes: 0, totalBytes: 0 },
  run: null,
  engineNotice: null,
};

export function isRunActive(run: RunState | null): boolean {
  return run !== null && (run.status === 'starting' || run.status === 'training' || run.status === 'pausing' || run.status === 'paused' || run.status === 'evaluating');
}

const NEW_RUN: Omit<RunState, 'id'> = {
  status: 'starting', plan: null, batches: [], epochs: [], progress: null, test: null, evaluation: null, message: null, divergedAt: null, elapsedMs: null, checkpoint: null, fineTune: false,
};

/** The run as it stood at its checkpoint: what was trained after it is trained again when the run resumes. */
function interruptedAtCheckpoint(run: RunState, checkpoint: CheckpointMark): RunState {
  const epochs = run.progress?.epochs ?? run.epochs.length;
  return {
    ...run,
    status: 'interrupted',
    batches: run.batches.filter((point) => point.step <= checkpoint.step),
    epochs: run.epochs.filter((metrics) => metrics.epoch <= checkpoint.epoch),
    progress: run.progress && { ...run.progress, step: checkpoint.step, epoch: checkpoint.epoch, elapsedMs: checkpoint.elapsedMs, etaMs: null },
    message: `Interrupted after epoch ${checkpoint.epoch} of ${epochs}: Resume carries on from there with that epoch's weights.`,
  };
}

function updateRun(state: EngineState, runId: number, update: (run: RunState) => Partial<RunState>): EngineState {
  if (!state.run || state.run.id !== runId) return state;
  return { ...state, run: { ...state.run, ...update(state.run) } };
}

/** The page's view of the worker: every event the worker sends, and every page action, folds into this state. */
export function reduceEngineState(state: EngineState, action: EngineAction): EngineState {
  if (isPageAction(action)) return reducePageAction(state, action);
  if ('runId' in action) return reduceRunEvent(state, action);
  return reduceEngineEvent(state, action);
}

function reducePageAction(state: EngineState, action: PageAction): EngineState {
  switch (action.type) {
    case 'train-requested':
      if (action.resume && state.run?.status === 'interrupted') {
        return { ...state, run: { ...state.run, id: action.runId, status: 'starting', message: null } };
      }
      return { ...state, engineNotice: null, run: { id: action.runId, ...NEW_RUN, fineTune: action.fineTune ?? false } };
    case 'run-restored':
      return isRunActive(state.run) ? state : { ...state, run: restoredRun(action) };
    case 'pause-requested':
      return state.run?.status === 'training' ? updateRun(state, state.run.id, () => ({ status: 'pausing' })) : state;
    case 'engine-restarting':
      return { ...INITIAL_ENGINE_STATE, run: state.run };
    case 'worker-restarted':
      return { ...INITIAL_ENGINE_STATE, run: interruptedByRestart(state.run), engineNotice: action.message };
    case 'data-retry':
      return { ...state, data: { status: 'loading', loadedBytes: 0, totalBytes: 0 } };
    default:
      return assertNever(action);
  }
}

/** A run interrupted in an earlier visit, as it stood at its checkpoint. */
function restoredRun(action: Extract<PageAction, { type: 'run-restored' }>): RunState {
  const last = action.epochHistory[action.epochHistory.length - 1];
  const progress = {
    step: action.checkpoint.step,
    totalSteps: action.plan.totalSteps,
    epoch: action.checkpoint.epoch,
    epochs: action.epochs,
    samplesPerSecond: last?.samplesPerSecond ?? 0,
    elapsedMs: action.checkpoint.elapsedMs,
    etaMs: null,
    numTensors: last?.numTensors ?? 0,
  };
  const run: RunState = { id: action.runId, ...NEW_RUN, plan: action.plan, batches: action.batchHistory, epochs: action.epochHistory, progress, checkpoint: action.checkpoint };
  return interruptedAtCheckpoint(run, action.checkpoint);
}

const RUN_RESTARTED = 'This run was interrupted before its first epoch ended, when the training engine restarted. Press Train to start again.';
const FINE_TUNE_RESTARTED = 'This fine-tune was interrupted when the training engine restarted (fine-tunes keep no checkpoints). Your examples are kept: press Fine-tune to start it again.';
/** The run going when the worker was replaced: interrupted at its checkpoint, or failed when it had none yet. */
function interruptedByRestart(run: RunState | null): RunState | null {
  if (!run || !isRunActive(run)) return run;
  if (run.checkpoint) return interruptedAtCheckpoint(run, run.checkpoint);
  return { ...run, status: 'failed', message: run.fineTune ? FINE_TUNE_RESTARTED : RUN_RESTARTED };
}

type RunEvent = Extract<WorkerEvent, { readonly runId: number }>;

function reduceRunEvent(state: EngineState, action: RunEvent): EngineState {
  switch (action.type) {
    case 'checkpoint': {
      const { epoch, step, elapsedMs } = action.checkpoint;
      return updateRun(state, action.runId, () => ({ checkpoint: { epoch, step, elapsedMs } }));
    }
    case 'run-started':
      return updateRun(state, action.runId, () => ({ status: 'training', plan: action.plan }));
    case 'batches':
      return updateRun(state, action.runId, (run) => ({ batches: [...run.batches, ...action.points], progress: action.progress }));
    case 'epoch':
      return updateRun(state, action.runId, (run) => ({ epochs: [...run.epochs, action.metrics] }));
    case 'paused':
      return updateRun(state, action.runId, () => ({ status: 'paused' }));
    case 'resumed':
      return updateRun(state, action.runId, () => ({ status: 'training' }));
    case 'evaluating':
      return updateRun(state, action.runId, () => ({ status: 'evaluating' }));
    case 'run-finished':
      return updateRun(state, action.runId, () => ({ status: 'finished', test: action.test, evaluation: action.evaluation, elapsedMs: action.elapsedMs }));
    case 'run-stopped':
      return updateRun(state, action.runId, () => ({ status: 'stopped', elapsedMs: action.elapsedMs }));
    case 'run-failed':
      return updateRun(state, action.runId, () => ({ status: 'failed', message: action.message, divergedAt: action.divergedAt ?? null }));
    // Kept by the engine's LearningFilm, outside this state: frames would make every render copy the run.
    case 'learning-frame':
      return state;
    default:
      return assertNever(action);
  }
}

function reduceEngineEvent(state: EngineState, action: Exclude<WorkerEvent, RunEvent>): EngineState {
  switch (action.type) {
    case 'model-ready':
      return { ...state, models: { ...state.models, [action.slot]: { status: 'ready', name: action.name, filters: action.filters } } };
    case 'model-error':
      // A failed request (a prediction, a load, an export) leaves the model that is there; only a failed start shows.
      if (action.requestId !== null) return state;
      return { ...state, models: { ...state.models, [action.slot]: { status: 'error', message: action.message } } };
    case 'backend':
      return {
        ...state,
        backend: { name: action.backend, renderer: action.renderer, notice: action.notice, threads: action.threads, measurements: action.measurements, engine: action.engine },
        backendError: null,
      };
    case 'backend-error':
      return { ...state, backendError: action.message };
    case 'data-progress':
      // Progress of a load that already failed or finished must not bring back "Loading".
      if (state.data.status !== 'loading') return state;
      return { ...state, data: { status: 'loading', loadedBytes: action.loadedBytes, totalBytes: action.totalBytes } };
    case 'data-ready':
      return { ...state, data: { status: 'ready', trainCount: action.trainCount, testCount: action.testCount, loadMs: action.loadMs } };
    case 'data-error':
      return { ...state, data: { status: 'error', message: action.message } };
    case 'backend-lost':
    case 'heartbeat':
    case 'prediction':
    case 'model-exported':
    case 'moved-scores':
    case 'attribution':
    case 'cell-explained':
      return state;
    default:
      return assertNever(action);
  }
}
