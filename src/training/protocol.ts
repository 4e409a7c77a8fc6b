/** The one contract between the page and the training worker. Both sides import these types and nothing else. */
import type { ModelSpec } from '../spec/types.ts';

export type BackendName = 'webgl' | 'wasm' | 'cpu';
export type BackendPreference = 'auto' | BackendName;

/** One backend's result in the automatic choice: training samples/s of the chapter-5 model, or why it was not used. */
export interface BackendMeasurement {
  readonly backend: BackendName;
  readonly samplesPerSecond: number | null;
  readonly note: string;
}

export type TrainerCommand =
  | { readonly type: 'init'; readonly dataUrl: string; readonly backend: BackendPreference }
  /** Retry after a data error. */
  | { readonly type: 'load-data' }
  | { readonly type: 'train'; readonly runId: number; readonly spec: ModelSpec; readonly seed: number }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'stop' };

export interface BatchPoint {
  /** Training progress in epochs: 0.5 is halfway through the first epoch. */
  readonly epochProgress: number;
  /** 1-based count of batches trained so far in this run. */
  readonly step: number;
  readonly loss: number;
  readonly accuracy: number;
}

export interface RunProgress {
  readonly step: number;
  readonly totalSteps: number;
  readonly epoch: number;
  readonly epochs: number;
  readonly samplesPerSecond: number;
  readonly elapsedMs: number;
  /** null until enough batches have been timed to estimate it. */
  readonly etaMs: number | null;
  readonly numTensors: number;
}

export interface EpochMetrics {
  /** 1-based. */
  readonly epoch: number;
  /** Mean over the epoch's batches, as Keras reports it. */
  readonly loss: number;
  readonly accuracy: number;
  readonly valLoss: number | null;
  readonly valAccuracy: number | null;
  readonly samplesPerSecond: number;
  readonly elapsedMs: number;
  readonly etaMs: number;
  readonly numTensors: number;
}

export interface TestResult {
  readonly loss: number;
  readonly accuracy: number;
  readonly count: number;
}

/** What the page needs to show what the model gets right and wrong: the evaluated test images and its answers. */
export interface TestEvaluation {
  /** count × 784 pixels, 0–255. */
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  /** count × 10 predicted probabilities. */
  readonly probabilities: Float32Array;
}

export interface RunPlan {
  readonly fitSize: number;
  readonly validationSize: number;
  readonly batchesPerEpoch: number;
  readonly totalSteps: number;
}

export type TrainerEvent =
  | {
      readonly type: 'backend';
      readonly backend: BackendName;
      readonly renderer: string | null;
      readonly notice: string | null;
      readonly threads: number | null;
      readonly measurements: readonly BackendMeasurement[];
    }
  | { readonly type: 'backend-error'; readonly message: string }
  | { readonly type: 'data-progress'; readonly loadedBytes: number; readonly totalBytes: number }
  | { readonly type: 'data-ready'; readonly trainCount: number; readonly testCount: number; readonly loadMs: number }
  | { readonly type: 'data-error'; readonly message: string }
  | { readonly type: 'run-started'; readonly runId: number; readonly plan: RunPlan }
  /** Batch metrics are sent in groups, at most about ten messages a second. */
  | { readonly type: 'batches'; readonly runId: number; readonly points: readonly BatchPoint[]; readonly progress: RunProgress }
  | { readonly type: 'epoch'; readonly runId: number; readonly metrics: EpochMetrics }
  | { readonly type: 'paused'; readonly runId: number }
  | { readonly type: 'resumed'; readonly runId: number }
  | { readonly type: 'evaluating'; readonly runId: number; readonly count: number }
  | {
      readonly type: 'run-finished';
      readonly runId: number;
      readonly test: TestResult;
      readonly evaluation: TestEvaluation;
      readonly elapsedMs: number;
    }
  | { readonly type: 'run-stopped'; readonly runId: number; readonly elapsedMs: number }
  /** divergedAt: where on the epoch axis the loss ran away, for the chart to mark. */
  | { readonly type: 'run-failed'; readonly runId: number; readonly message: string; readonly divergedAt?: number };
