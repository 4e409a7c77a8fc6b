/**
 * Room src/engine/: the page's side of the worker, no React — the engine, its typed client, supervision, pacing, recovery, run state, and the ledgers of runs, checkpoints and saved models.
 * The page's training engine: one supervised worker, the requests and replies to it, and the page's state of it,
 * folded from the worker's events (paced to the page's renders). No React: the UI subscribes to it.
 */
import { BACKEND_LABELS, type BackendName, type BackendPreference } from '../domain/backends.ts';
import type { ModelSpec } from '../domain/modelSpec.ts';
import type { StoredCheckpoint } from '../storage/checkpointStore.ts';
import type { FineTuneSetup, ReplyTo, RequestCommand, TrainingData, WorkerCommand, WorkerEvent } from '../training/protocol.ts';
import { backendAfterLoss, backendToRequest, loadBackendChoice, saveBackendChoice, withMeasurement, type BackendChoice } from './backendChoice.ts';
import { INITIAL_ENGINE_STATE, reduceEngineState, type EngineAction, type EngineState } from './engineState.ts';
import { createEventPacer, type EventPacer } from './eventPacer.ts';
import { LearningFilm } from './learningFilm.ts';
import { RunControl } from './runControl.ts';
import { hasRunEnded, type EndedRun, type RunIdentity } from './runIdentity.ts';
import { createWorkerClient, type WorkerClient } from './workerClient.ts';
import { superviseWorker, type SupervisedWorker, type WorkerSupervisor } from './workerSupervisor.ts';

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
const RESTARTED = 'The training engine restarted; try again.';

export interface EngineSnapshot {
  readonly state: EngineState;
  /** The run going or interrupted: its name, and the spec it started with (the editor may change meanwhile). */
  readonly run: RunIdentity | null;
  readonly backendChoice: BackendChoice;
}

export interface EngineOptions {
  readonly createWorker: () => SupervisedWorker;
  /** Where the MNIST files and the shipped model are served. */
  readonly dataUrl: string;
  readonly pretrainedUrl: string;
  /** A backend asked for in the page's address, for this visit only. */
  readonly backendForVisit: BackendPreference | null;
  /** Where the measured backend choice is remembered, for this device. */
  readonly storage: Storage | null;
  readonly deviceKey: string;
  /** The name a new run gets (see runIdentity.ts). */
  readonly nameNextRun: () => string;
}

/** Asks the worker something it answers: the reply's type follows from the command's. */
export type EngineRequest = TrainingEngine['request'];

/** Called after each event or page action is folded into the state, with the state before it. */
export type EngineListener = (action: EngineAction, state: EngineState, previous: EngineState) => void;

export class TrainingEngine {
  private snapshot: EngineSnapshot;
  private readonly renders = new Set<() => void>();
  private readonly listeners = new Set<EngineListener>();
  private readonly endings = new Set<(ended: EndedRun) => void>();
  /** The last backend up: a run cut short by a restart ends while none is. */
  private backend: BackendName | null = null;
  private supervisor: WorkerSupervisor | null = null;
  private pacer: EventPacer | null = null;
  private readonly client: WorkerClient;
  private readonly runs: RunControl;
  /** The latest run's frames for "watch it learn". */
  readonly film = new LearningFilm();

  constructor(private readonly options: EngineOptions) {
    this.snapshot = { state: INITIAL_ENGINE_STATE, run: null, backendChoice: loadBackendChoice(options.storage, options.deviceKey) };
    const send = (command: WorkerCommand) => this.supervisor?.post(command) ?? false;
    this.client = createWorkerClient(send);
    this.runs = new RunControl({
      send,
      dispatch: (action) => this.dispatch(action),
      setIdentity: (run) => this.publish({ run }),
      nameNextRun: options.nameNextRun,
    });
  }

  /** Starts the worker; after dispose, starts a fresh one. */
  start(): void {
    if (this.supervisor) return;
    const pacer = createEventPacer((event) => this.dispatch(event), RENDER_INTERVAL_MS);
    this.pacer = pacer;
    this.supervisor = superviseWorker({
      createWorker: this.options.createWorker,
      init: () => this.initCommand(),
      onEvent: (event) => this.receive(event),
      onReplaced: ({ reason, gaveUp }) => this.recover(reason, gaveUp),
      hungAfterMs: HUNG_AFTER_MS,
      maxRestarts: MAX_RESTARTS,
      restartWindowMs: RESTART_WINDOW_MS,
    });
  }

  dispose(): void {
    this.pacer?.dispose();
    this.supervisor?.dispose();
    this.supervisor = null;
  }

  readonly subscribe = (render: () => void): (() => void) => {
    this.renders.add(render);
    return () => this.renders.delete(render);
  };

  readonly getSnapshot = (): EngineSnapshot => this.snapshot;

  /** Follows what happens to the state, action by action (the checkpoint keeper). */
  onAction(listener: EngineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Told once per run, when it ends (finished, stopped or failed): the run ledger and the model shelf keep it. */
  onRunEnded(listener: (ended: EndedRun) => void): () => void {
    this.endings.add(listener);
    return () => this.endings.delete(listener);
  }

  /** Asks the worker; the reply's type follows from the command's (protocol.ts, RequestReplies). */
  readonly request = <C extends RequestCommand>(command: C): Promise<ReplyTo<C>> => this.client.request(command);

  /** Trains on `data`, or on what the dataset picker chose (useData); ignored while a run is going. */
  readonly train = (spec: ModelSpec, data: TrainingData | undefined = this.chosenData): void => this.runs.train(spec, data);
  /** The data Train uses from now on (undefined: MNIST); a run going keeps its own. */
  readonly useData = (data: TrainingData | undefined): void => {
    this.chosenData = data;
  };
  private chosenData: TrainingData | undefined;
  /** Fine-tunes a copy of a model the pad reads on the person's examples, as a run named `name`. Ignored while a run is going. */
  readonly fineTune = (name: string, spec: ModelSpec, setup: FineTuneSetup): void => this.runs.fineTune(name, spec, setup);
  readonly resumeInterrupted = (): void => this.runs.resumeInterrupted();
  /** Shows a run interrupted in an earlier visit, ready to resume. Ignored while a run is going. */
  readonly restoreInterrupted = (stored: StoredCheckpoint): void => this.runs.restore(stored, this.chosenData);
  readonly pause = (): void => this.runs.pause();
  readonly resume = (): void => this.runs.resume();
  readonly stop = (): void => this.runs.stop();

  /** Whether runs send a frame of their filters and one test digit's maps before training and after each epoch. */
  readonly watchLearning = (on: boolean): void => {
    this.film.setWatching(on);
    this.supervisor?.post({ type: 'watch-learning', on });
  };

  readonly retryData = (): void => {
    this.dispatch({ type: 'data-retry' });
    this.supervisor?.post({ type: 'load-data' });
  };

  /** Restarts the engine on another backend; 'auto' measures them all again. Ignored while a run is going. */
  readonly chooseBackend = (preference: BackendPreference): void => {
    if (this.runs.active()) return;
    this.runs.backendOverride = null;
    const current = this.snapshot.backendChoice;
    this.rememberChoice({ ...current, preference, measured: preference === 'auto' ? null : current.measured });
    this.dispatch({ type: 'engine-restarting' });
    this.pacer?.dispose();
    this.client.abandon(RESTARTED);
    this.supervisor?.restart();
  };

  private initCommand(): WorkerCommand {
    const { dataUrl, pretrainedUrl, backendForVisit } = this.options;
    const backend = this.runs.backendOverride ?? backendForVisit ?? backendToRequest(this.snapshot.backendChoice);
    return { type: 'init', dataUrl, pretrainedUrl, backend, watchLearning: this.film.getSnapshot().watching };
  }

  /** Keeps the books on the worker's events at once, then hands them to the state (paced). */
  private receive(event: WorkerEvent): void {
    if (event.type === 'backend-lost') {
      this.runs.backendOverride = backendAfterLoss(event.backend);
      this.supervisor?.fail(`lost its ${BACKEND_LABELS[event.backend]} context (${event.message})`);
      return;
    }
    this.runs.receive(event);
    this.client.receive(event);
    if (event.type === 'learning-frame') this.film.add(event.runId, event.frame);
    if (event.type === 'backend' && event.measurements.length > 0) {
      this.rememberChoice(withMeasurement(this.snapshot.backendChoice, event.backend, event.measurements, Date.now()));
    }
    this.pacer?.push(event);
  }

  /** After a worker was replaced: the run resumes, waits, or is marked interrupted (see runRecovery.ts). */
  private recover(reason: string, gaveUp: boolean): void {
    this.pacer?.dispose();
    this.client.abandon(RESTARTED);
    this.runs.recover(reason, gaveUp);
  }

  private rememberChoice(choice: BackendChoice): void {
    saveBackendChoice(this.options.storage, choice);
    this.publish({ backendChoice: choice });
  }

  private dispatch(action: EngineAction): void {
    const previous = this.snapshot.state;
    const state = reduceEngineState(previous, action);
    if (state !== previous) this.publish({ state });
    this.backend = state.backend?.name ?? this.backend;
    this.listeners.forEach((listener) => listener(action, state, previous));
    const { run } = state;
    const identity = this.snapshot.run;
    const endedNow = hasRunEnded(run) && !(previous.run?.id === run?.id && hasRunEnded(previous.run));
    if (run && identity && endedNow) this.endings.forEach((listener) => listener({ run, identity, backend: this.backend }));
  }

  private publish(change: Partial<EngineSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    this.renders.forEach((render) => render());
  }
}
