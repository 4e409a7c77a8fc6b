/**
 * The run's side of the engine: starts, pauses, stops and resumes runs, keeps the latest checkpoint of the run going,
 * and carries a run over a replaced worker (runRecovery.ts decides how).
 */
import { BACKEND_LABELS, type BackendName } from '../domain/backends.ts';
import type { ModelSpec } from '../domain/modelSpec.ts';
import type { StoredCheckpoint } from '../storage/checkpointStore.ts';
import type { FineTuneSetup, TrainingCheckpoint, TrainingData, WorkerCommand, WorkerEvent } from '../training/protocol.ts';
import type { EngineAction } from './engineState.ts';
import type { RunIdentity } from './runIdentity.ts';
import { planRecovery, type ResumePoint } from './runRecovery.ts';

interface RunControlOptions {
  readonly send: (command: WorkerCommand) => boolean;
  readonly dispatch: (action: EngineAction) => void;
  readonly setIdentity: (run: RunIdentity) => void;
  readonly nameNextRun: () => string;
}

export class RunControl {
  /** After WebGL's context is lost, the rest of the visit uses the next backend. */
  backendOverride: BackendName | null = null;
  private nextRunId = 1;
  private currentRunId = 0;
  private name = '';
  private resumePoint: ResumePoint | null = null;
  /** Set from Train until the run ends: a second click before the page re-renders must not start a second run. */
  private running = false;
  /** The person paused the run: a run resumed after an engine failure stays paused. */
  private pauseWanted = false;
  /** The data the run going trains on (absent: MNIST); a resumed run trains on the same. */
  private data: TrainingData | undefined;

  constructor(private readonly options: RunControlOptions) {}

  active(): boolean {
    return this.running;
  }

  train(spec: ModelSpec, data?: TrainingData): void {
    if (this.running) return;
    this.data = data;
    this.start(this.options.nameNextRun(), spec);
  }

  /** A run that fine-tunes a model the pad reads (see FineTuneSetup), under its own name; it has no checkpoints. */
  fineTune(name: string, spec: ModelSpec, setup: FineTuneSetup): void {
    if (this.running) return;
    this.data = undefined;
    this.start(name, spec, setup);
  }

  private start(name: string, spec: ModelSpec, fineTune?: FineTuneSetup): void {
    this.pauseWanted = false;
    // Run n of a visit always starts from the same weights and shuffles; a checkpoint carries its run's seed.
    const seed = this.nextRunId;
    const runId = this.begin(name, spec, seed);
    this.resumePoint = { spec, seed, checkpoint: null, autoResumedFrom: null };
    this.options.dispatch({ type: 'train-requested', runId, ...(fineTune ? { fineTune: true } : {}) });
    this.options.send({ type: 'train', runId, runName: this.name, spec, seed, ...(fineTune ? { fineTune } : {}), ...this.dataField() });
  }

  resumeInterrupted(): void {
    const point = this.resumePoint;
    if (this.running || !point?.checkpoint) return;
    this.pauseWanted = false;
    this.sendResume(point, point.checkpoint);
  }

  /**
   * data: what the page has chosen as it opens. Checkpoints do not record their data, and the choice is kept between
   * visits (and cannot change while a run goes), so it is the run's unless changed meanwhile in another tab.
   */
  restore(stored: StoredCheckpoint, data?: TrainingData): void {
    if (this.running) return;
    this.data = data;
    const { epoch, step, elapsedMs } = stored.checkpoint;
    this.resumePoint = { spec: stored.spec, seed: stored.seed, checkpoint: stored.checkpoint, autoResumedFrom: null };
    const runId = this.begin(stored.runName ?? this.options.nameNextRun(), stored.spec, stored.seed);
    this.running = false;
    this.options.dispatch({
      type: 'run-restored',
      runId,
      plan: stored.plan,
      epochs: stored.spec.training.epochs,
      batchHistory: stored.batches,
      epochHistory: stored.epochs,
      checkpoint: { epoch, step, elapsedMs },
    });
  }

  pause(): void {
    this.pauseWanted = true;
    this.options.dispatch({ type: 'pause-requested' });
    this.options.send({ type: 'pause' });
  }

  resume(): void {
    this.pauseWanted = false;
    this.options.send({ type: 'resume' });
  }

  stop(): void {
    this.options.send({ type: 'stop' });
  }

  /** The worker's events, as they arrive (before pacing): a run's end and its checkpoints. */
  receive(event: WorkerEvent): void {
    if (!('runId' in event) || event.runId !== this.currentRunId) return;
    if (event.type === 'run-finished' || event.type === 'run-stopped' || event.type === 'run-failed') {
      this.running = false;
      this.resumePoint = null;
    }
    if (event.type === 'checkpoint' && this.resumePoint) this.resumePoint = { ...this.resumePoint, checkpoint: event.checkpoint };
  }

  /** After the worker was replaced: resume the run going, or leave it interrupted at its checkpoint. */
  recover(reason: string, gaveUp: boolean): void {
    const running = this.running ? this.resumePoint : null;
    this.running = false;
    const movedTo = this.backendOverride && reason.startsWith('lost') ? BACKEND_LABELS[this.backendOverride] : null;
    const { message, resume } = planRecovery({ reason, gaveUp, movedTo }, running);
    // A run that does not resume now shows as interrupted at its checkpoint, still in the browser for a reload.
    this.options.dispatch({ type: 'worker-restarted', message });
    if (gaveUp) this.options.dispatch({ type: 'backend-error', message });
    if (!resume) return;
    this.resumePoint = resume;
    this.sendResume(resume, resume.checkpoint);
    if (this.pauseWanted) this.pause();
  }

  /** A new run id under this name; the run counts as going until its end arrives. */
  private begin(name: string, spec: ModelSpec, seed: number): number {
    this.running = true;
    this.name = name;
    const dataset = this.data?.kind === 'shipped' ? this.data.info : this.data?.data.info;
    this.options.setIdentity({ name, spec, seed, ...(dataset ? { dataset } : {}) });
    const runId = this.nextRunId++;
    this.currentRunId = runId;
    return runId;
  }

  private dataField(): { data?: TrainingData } {
    return this.data ? { data: this.data } : {};
  }

  /** Sends the checkpointed run back to the worker; the run keeps its name and its history up to the checkpoint. */
  private sendResume(point: ResumePoint, checkpoint: TrainingCheckpoint): void {
    const runId = this.begin(this.name, point.spec, point.seed);
    this.options.dispatch({ type: 'train-requested', runId, resume: true });
    // Copied, not transferred: the same checkpoint may be needed again if this attempt fails too.
    this.options.send({ type: 'train', runId, runName: this.name, spec: point.spec, seed: point.seed, resumeFrom: checkpoint, ...this.dataField() });
  }
}
