/**
 * What a run is called, decided once when it starts (and kept when it resumes): the Runs table, the saved model and
 * the draw pad all name it by this.
 */
import type { BackendName } from '../domain/backends.ts';
import type { DatasetInfo } from '../domain/datasets.ts';
import type { ModelSpec } from '../domain/modelSpec.ts';
import type { TestResult } from '../training/protocol.ts';
import type { RunState, RunStatus } from './engineState.ts';

/** A run, as the page names it, with the spec it trains and its seed (a resumed run replays its shuffles from it). */
export interface RunIdentity {
  readonly name: string;
  readonly spec: ModelSpec;
  readonly seed: number;
  /** The data it trains on; absent: MNIST. */
  readonly dataset?: DatasetInfo;
}

/** `number` is one more than the runs kept when it started, as the Runs table counts them. */
export const runName = (number: number): string => `Run ${number}`;

const accuracySuffix = (test: TestResult | null) => (test ? ` · ${(test.accuracy * 100).toFixed(1)}%` : '');

/** Runs on other data than MNIST say which in their names, so the Runs table and the shelf tell them apart. */
const otherData = (dataset: DatasetInfo | undefined): string => (dataset && dataset.id !== 'mnist' ? dataset.title : '');

/** The saved model's name: 'Run 3 · 98.9%', or 'Run 3 · Fashion-MNIST · 88.1%'. */
export const savedModelName = (name: string, run: RunState, dataset?: DatasetInfo): string =>
  `${name}${otherData(dataset) ? ` · ${otherData(dataset)}` : ''}${accuracySuffix(run.test)}`;

/** The Runs table's name: 'Run 3: 8 layers, 1,280 images · 98.9%', or '…, 1,280 Fashion-MNIST images · 88.1%'. */
export const runRecordName = ({ name, spec, dataset }: RunIdentity, run: RunState): string =>
  `${name}: ${spec.layers.length} layers, ${spec.training.trainSize.toLocaleString('en-US')} ${otherData(dataset) ? `${otherData(dataset)} ` : ''}images${accuracySuffix(run.test)}`;

const ENDED: readonly RunStatus[] = ['finished', 'stopped', 'failed'];
/** A run that ended, with what the page needs to keep it (see TrainingEngine.onRunEnded). */
export interface EndedRun {
  readonly run: RunState;
  readonly identity: RunIdentity;
  /** The backend it trained on (the engine may have none up any more after a restart). */
  readonly backend: BackendName | null;
}

export const hasRunEnded = (run: RunState | null): boolean => run !== null && ENDED.includes(run.status);
