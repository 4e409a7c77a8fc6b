/** The one contract between the page and the training worker. Both sides import these types and nothing else. */
import type { BackendName, BackendPreference, TrainingEngineName } from '../domain/backends.ts';
import type { AttributionMethod, CellAnswer } from '../domain/explain/explanations.ts';
import type { ModelSpec } from '../domain/modelSpec.ts';
import type { DatasetInfo, HeldDataset } from '../domain/datasets.ts';
import type { FeatureMapLayer, FilterImages, LearningFrame } from './protocolPictures.ts';
import type { ImageMove } from '../data/moveImages.ts';
export type { BackendName, BackendPreference, TrainingEngineName, CellAnswer, FeatureMapLayer, FilterImages, LearningFrame };

/** One backend's result in the automatic choice: training samples/s of the chapter-5 model, or why it was not used. */
export interface BackendMeasurement {
  readonly backend: BackendName;
  readonly samplesPerSecond: number | null;
  readonly note: string;
}

/** Which model answers the draw pad: the one shipped with the app, or the person's own (last trained or loaded). */
export type ModelSlot = 'pretrained' | 'yours';

/** A model as tfjs saves it: the Keras topology, the weights' names and shapes, and their float32 bytes. */
export interface ModelArtifacts {
  readonly modelTopology: object;
  readonly weightSpecs: readonly { readonly name: string; readonly shape: readonly number[]; readonly dtype: 'float32' }[];
  readonly weightData: ArrayBuffer;
}

/**
 * An optimizer's state as tf.io.encodeWeights gives it: the step count ('iter', int32) first, then its slots in the
 * model's trainable-weight order (RMSprop's running mean squares, Adam's moments; SGD has none).
 */
export interface OptimizerState {
  readonly weightSpecs: readonly { readonly name: string; readonly shape: readonly number[]; readonly dtype: 'float32' | 'int32' }[];
  readonly weightData: ArrayBuffer;
}

/** Everything a run needs to carry on after `epoch` completed epochs as if it had never stopped. */
export interface TrainingCheckpoint {
  /** Completed epochs, 1-based: the run picks up at epoch + 1. */
  readonly epoch: number;
  /** Batches trained so far. */
  readonly step: number;
  /** Training time so far, so the resumed run's clock carries on. */
  readonly elapsedMs: number;
  readonly model: ModelArtifacts;
  readonly optimizer: OptimizerState;
}

/**
 * A run that fine-tunes a copy of a model the pad reads on the person's own examples mixed with MNIST (a `train` with
 * `fineTune`). images: count × 784 bytes (0–255); the first `trainedCount` are trained on, the rest held out to check.
 */
export interface FineTuneSetup {
  readonly from: ModelSlot;
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  readonly trainedCount: number;
  /** MNIST training images mixed in per (augmented) image of yours. */
  readonly mnistPerExample: number;
  /** Augmented copies of each trained example per epoch. */
  readonly copies: number;
}

/** What a fine-tune's run-finished adds: the parent's MNIST test result and both models' answers on every example. */
export interface FineTuneOutcome {
  readonly parentTest: TestResult;
  /** count × 10 probabilities, in the setup's order: the parent's, then the fine-tuned model's. */
  readonly before: Float32Array;
  readonly after: Float32Array;
}

/** A run's data, absent meaning MNIST: a shipped dataset's manifest folder, or arrays the page holds (copied, kept there). */
export type TrainingData =
  | { readonly kind: 'shipped'; readonly info: DatasetInfo; readonly url: string }
  | { readonly kind: 'held'; readonly data: HeldDataset };

export type WorkerCommand =
  /** watchLearning: whether runs send a LearningFrame each epoch (on unless the page says otherwise). */
  | { readonly type: 'init'; readonly dataUrl: string; readonly backend: BackendPreference; readonly pretrainedUrl: string; readonly watchLearning?: boolean }
  /** Whether runs from now on send a LearningFrame each epoch (see bench.ts for what it costs). */
  | { readonly type: 'watch-learning'; readonly on: boolean }
  /** Retry after a data error. */
  | { readonly type: 'load-data' }
  /**
   * resumeFrom: carry on a run from its checkpoint, with the spec and seed it started with. runName: what the page
   * calls the run, which the trained model is called by too.
   */
  | {
      readonly type: 'train';
      readonly runId: number;
      readonly runName: string;
      readonly spec: ModelSpec;
      readonly seed: number;
      readonly resumeFrom?: TrainingCheckpoint;
      readonly fineTune?: FineTuneSetup;
      readonly data?: TrainingData;
    }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'stop' }
  /** pixels: the 28×28 preprocessed digit, 0–1. Feature maps only when asked: they cost more than the prediction. */
  | { readonly type: 'predict'; readonly requestId: number; readonly slot: ModelSlot; readonly pixels: Float32Array; readonly featureMaps: boolean }
  /** A map of what pushed the class's score up (+) and down (−) in the digit; targetClass null: the model's answer. */
  | { readonly type: 'attribute'; readonly requestId: number; readonly slot: ModelSlot; readonly pixels: Float32Array; readonly method: AttributionMethod; readonly targetClass: number | null }
  /** position: [row, column, channel] of an image-shaped output, or [unit] of a flat one; layerIndex −1 is the output layer. */
  | { readonly type: 'explain-cell'; readonly requestId: number; readonly slot: ModelSlot; readonly pixels: Float32Array; readonly layerIndex: number; readonly position: readonly number[] }
  /** Makes these artifacts "yours" (a saved or uploaded model); answered by model-ready or model-error. */
  | { readonly type: 'use-model'; readonly requestId: number; readonly name: string; readonly artifacts: ModelArtifacts }
  /** Asks for "yours" as artifacts, to save or download; answered by model-exported or model-error. */
  | { readonly type: 'export-model'; readonly requestId: number }
  /** The lesson's experiment: the slot's accuracy on the first `count` MNIST test images under each move (shift, scale). */
  | { readonly type: 'score-moved'; readonly requestId: number; readonly slot: ModelSlot; readonly count: number; readonly moves: readonly ImageMove[] };

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

export type WorkerEvent =
  /** Every 2 s while the worker's thread is free: silence means it is stuck. */
  | { readonly type: 'heartbeat' }
  | {
      readonly type: 'backend';
      readonly backend: BackendName;
      readonly renderer: string | null;
      readonly notice: string | null;
      readonly threads: number | null;
      readonly measurements: readonly BackendMeasurement[];
      readonly engine: TrainingEngineName;
    }
  | { readonly type: 'backend-error'; readonly message: string }
  | { readonly type: 'data-progress'; readonly loadedBytes: number; readonly totalBytes: number }
  | { readonly type: 'data-ready'; readonly trainCount: number; readonly testCount: number; readonly loadMs: number }
  | { readonly type: 'data-error'; readonly message: string }
  | { readonly type: 'run-started'; readonly runId: number; readonly plan: RunPlan }
  /** After each completed epoch: what the page keeps so a crash, a lost WebGL context or a reload costs at most an epoch. */
  | { readonly type: 'checkpoint'; readonly runId: number; readonly checkpoint: TrainingCheckpoint }
  /** The backend can no longer compute (WebGL's context was lost): the page replaces the worker and resumes elsewhere. */
  | { readonly type: 'backend-lost'; readonly backend: BackendName; readonly message: string }
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
      /** Only for a fine-tune run. */
      readonly fineTune?: FineTuneOutcome;
    }
  | { readonly type: 'run-stopped'; readonly runId: number; readonly elapsedMs: number }
  /**
   * A model is ready to answer the pad. filters: the first Conv2D's kernels as count × height × width, each scaled to
   * 0–255 (null when the model does not start with a one-channel Conv2D).
   */
  | { readonly type: 'model-ready'; readonly slot: ModelSlot; readonly name: string; readonly requestId: number | null; readonly filters: FilterImages | null }
  | { readonly type: 'model-error'; readonly slot: ModelSlot; readonly requestId: number | null; readonly message: string }
  | {
      readonly type: 'prediction';
      readonly requestId: number;
      readonly slot: ModelSlot;
      readonly probabilities: Float32Array;
      readonly featureMaps: readonly FeatureMapLayer[] | null;
      /** Time in the worker from receiving the pixels to having the probabilities. */
      readonly inferenceMs: number;
    }
  | { readonly type: 'model-exported'; readonly requestId: number; readonly artifacts: ModelArtifacts }
  /** accuracies[i]: under moves[i] of the command, on `count` test images. */
  | { readonly type: 'moved-scores'; readonly requestId: number; readonly slot: ModelSlot; readonly count: number; readonly accuracies: readonly number[] }
  /** values: 28×28 signed, row by row; positive pushed targetClass's score up. */
  | { readonly type: 'attribution'; readonly requestId: number; readonly slot: ModelSlot; readonly method: AttributionMethod; readonly targetClass: number; readonly probability: number; readonly values: Float32Array; readonly computeMs: number }
  | { readonly type: 'cell-explained'; readonly requestId: number; readonly slot: ModelSlot; readonly answer: CellAnswer }
  /** Sent before a run's first batch and after each epoch while watching is on. */
  | { readonly type: 'learning-frame'; readonly runId: number; readonly frame: LearningFrame }
  /** divergedAt: where on the epoch axis the loss ran away, for the chart to mark. */
  | { readonly type: 'run-failed'; readonly runId: number; readonly message: string; readonly divergedAt?: number };

/** The commands the worker answers, each with the events that may answer it (carrying the same requestId). */
export interface RequestReplies {
  readonly predict: 'prediction' | 'model-error';
  readonly attribute: 'attribution' | 'model-error';
  readonly 'explain-cell': 'cell-explained' | 'model-error';
  readonly 'use-model': 'model-ready' | 'model-error';
  readonly 'export-model': 'model-exported' | 'model-error';
  readonly 'score-moved': 'moved-scores' | 'model-error';
}

type WithoutRequestId<T> = T extends { readonly requestId: number } ? Omit<T, 'requestId'> : never;
/** A command that is answered, as the page sends it: the requestId is added on the way. */
export type RequestCommand = WithoutRequestId<WorkerCommand>;
/** The events that can answer `C`: a typed reply, known at compile time. */
export type ReplyTo<C extends RequestCommand> = Extract<WorkerEvent, { readonly type: RequestReplies[C['type']] }>;

/** The image-import worker's own contract, here so the page knows every worker through this one file. */
export type { ImageImportAnswer, ImageImportRequest, ImportFile } from './imageImportProtocol.ts';
