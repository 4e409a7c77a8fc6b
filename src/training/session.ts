import { loadMnist, type MnistDataset } from '../data/loadMnist.ts';
import { assertNever } from '../spec/assertNever.ts';
import { startBackend } from './backend.ts';
import { measureBackends } from './backendProbe.ts';
import type { BackendPreference, TrainerCommand, TrainerEvent } from './protocol.ts';
import { runTraining } from './trainer.ts';

/** The worker's state: one backend, the dataset once loaded, and at most one run at a time. */
export class TrainerSession {
  private dataUrl = '';
  private backendReady: Promise<boolean> | null = null;
  private dataset: Promise<MnistDataset | null> | null = null;
  private running = false;
  private paused = false;
  private stopRequested = false;
  private resumeWaiters: (() => void)[] = [];

  constructor(private readonly emit: (event: TrainerEvent, transfer?: Transferable[]) => void) {}

  handle(command: TrainerCommand): void {
    switch (command.type) {
      case 'init':
        this.dataUrl = command.dataUrl;
        this.backendReady = this.startBackend(command.backend);
        this.dataset = this.loadData();
        return;
      case 'load-data':
        this.dataset = this.loadData({ reload: true });
        return;
      case 'train':
        void this.train(command.runId, command);
        return;
      case 'pause':
        if (this.running) this.paused = true;
        return;
      case 'resume':
        this.paused = false;
        this.wakeWaiters();
        return;
      case 'stop':
        if (this.running) {
          this.stopRequested = true;
          this.paused = false;
          this.wakeWaiters();
        }
        return;
      default:
        assertNever(command);
    }
  }

  private wakeWaiters(): void {
    const waiters = this.resumeWaiters;
    this.resumeWaiters = [];
    waiters.forEach((wake) => wake());
  }

  private async startBackend(preference: BackendPreference): Promise<boolean> {
    try {
      this.emit({ type: 'backend', ...(await startBackend(preference, measureBackends)) });
      return true;
    } catch (error) {
      this.emit({ type: 'backend-error', message: error instanceof Error ? error.message : String(error) });
      return false;
    }
  }

  private async loadData(options: { reload?: boolean } = {}): Promise<MnistDataset | null> {
    const started = performance.now();
    const result = await loadMnist(this.dataUrl, (progress) => this.emit({ type: 'data-progress', ...progress }), options);
    if (!result.ok) {
      this.emit({ type: 'data-error', message: result.message });
      return null;
    }
    const { dataset } = result;
    this.emit({
      type: 'data-ready',
      trainCount: dataset.trainLabels.length,
      testCount: dataset.testLabels.length,
      loadMs: performance.now() - started,
    });
    return dataset;
  }

  private async train(runId: number, command: Extract<TrainerCommand, { type: 'train' }>): Promise<void> {
    // A second Train while a run is going is ignored: exactly one run at a time.
    if (this.running) return;
    this.running = true;
    this.paused = false;
    this.stopRequested = false;
    try {
      const [backendOk, dataset] = await Promise.all([this.backendReady, this.dataset]);
      if (!backendOk || !dataset) {
        this.emit({ type: 'run-failed', runId, message: 'Training cannot start: the data or the backend is not ready.' });
        return;
      }
      await runTraining({
        runId,
        spec: command.spec,
        seed: command.seed,
        dataset,
        emit: this.emit,
        control: {
          stopRequested: () => this.stopRequested,
          pauseRequested: () => this.paused,
          waitForResume: () => new Promise<void>((wake) => this.resumeWaiters.push(wake)),
        },
      });
    } finally {
      this.running = false;
      this.paused = false;
    }
  }
}
