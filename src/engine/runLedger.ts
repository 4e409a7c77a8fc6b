/**
 * The runs kept in this browser, and the one place that numbers and names runs: each run is named when it starts
 * (one more than the runs kept), and its record is saved once, when it ends.
 */
import { confusionMatrix, perClassAccuracy, predictClasses } from '../domain/evaluation.ts';
import type { BackendName } from '../domain/backends.ts';
import { MNIST_REF, refOfDataset } from '../domain/datasetRef.ts';
import type { RunRecord, RunStore, RunStoreResult } from '../storage/runStore.ts';
import { describeLeftAlone } from '../storage/recordVersions.ts';
import { downsampleBatches } from './downsampleBatches.ts';
import type { RunState } from './engineState.ts';
import { runName, runRecordName, type RunIdentity } from './runIdentity.ts';
import type { TrainingEngine } from './trainingEngine.ts';

export interface RunList {
  readonly runs: readonly RunRecord[];
  /** Why runs cannot be kept, or why the last change failed. */
  readonly problem: string | null;
  /** Runs kept in this browser that are not listed (a newer version's, or unreadable), left as they are. */
  readonly leftAlone: string | null;
}

/** The record of a run that has ended, with what is needed to compare it later; null for one that never trained. */
export function recordOfRun(run: RunState, identity: RunIdentity, backend: BackendName, now = Date.now()): RunRecord | null {
  if (run.status !== 'finished' && run.status !== 'stopped' && run.status !== 'failed') return null;
  if (run.batches.length === 0) return null;
  const classes = identity.dataset?.classNames.length ?? 10;
  const matrix = run.evaluation ? confusionMatrix(run.evaluation.labels, predictClasses(run.evaluation.probabilities, classes), classes) : null;
  return {
    id: `run-${now}-${run.id}`,
    name: runRecordName(identity, run),
    createdAt: now,
    spec: identity.spec,
    dataset: identity.dataset ? refOfDataset(identity.dataset) : MNIST_REF,
    backend,
    durationMs: run.elapsedMs ?? run.progress?.elapsedMs ?? 0,
    batches: downsampleBatches(run.batches),
    epochs: run.epochs,
    test: run.test,
    perClassAccuracy: matrix ? perClassAccuracy(matrix).map((a) => a ?? NaN) : null,
    confusion: matrix,
    status: run.status,
  };
}

export class RunLedger {
  private store: RunStore | null = null;
  private list: RunList = { runs: [], problem: null, leftAlone: null };
  private readonly renders = new Set<() => void>();

  constructor(private readonly openStore: () => Promise<RunStoreResult>) {}

  private opening: Promise<void> | null = null;

  /** Opens the store (once) and lists what it keeps. */
  open(): Promise<void> {
    this.opening ??= this.openOnce();
    return this.opening;
  }

  private async openOnce(): Promise<void> {
    const opened = await this.openStore();
    if (!opened.ok) return this.publish({ problem: opened.message });
    this.store = opened.store;
    await this.refresh();
  }

  /** The name of a run starting now. */
  readonly nameNextRun = (): string => runName(this.list.runs.length + 1);

  /** Saves each run of this engine once, when it ends. */
  follow(engine: TrainingEngine): () => void {
    return engine.onRunEnded(({ run, identity, backend }) => {
      const record = backend && recordOfRun(run, identity, backend);
      if (record) void this.write((store) => store.save(record));
    });
  }

  readonly remove = (id: string): void => void this.write((store) => store.remove(id));

  readonly subscribe = (render: () => void): (() => void) => {
    this.renders.add(render);
    return () => this.renders.delete(render);
  };

  readonly getSnapshot = (): RunList => this.list;

  private async write(change: (store: RunStore) => ReturnType<RunStore['save']>): Promise<void> {
    if (!this.store) return;
    const written = await change(this.store);
    if (!written.ok) return this.publish({ problem: written.message });
    await this.refresh();
  }

  private async refresh(): Promise<void> {
    try {
      const listing = await this.store?.list();
      if (listing) this.publish({ runs: listing.runs, leftAlone: describeLeftAlone(listing.leftAlone, 'saved run', 'saved runs') });
    } catch (error) {
      this.publish({ problem: error instanceof Error ? error.message : String(error) });
    }
  }

  private publish(change: Partial<RunList>): void {
    this.list = { ...this.list, ...change };
    this.renders.forEach((render) => render());
  }
}
