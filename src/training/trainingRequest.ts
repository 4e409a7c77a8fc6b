/** What a training run is asked to do, and the signals it checks between batches: the run's inputs, apart from its steps. */
import type * as tf from '@tensorflow/tfjs';
import type { MnistDataset } from '../data/loadMnist.ts';
import type { ModelSpec } from '../domain/modelSpec.ts';
import type { TrainingCheckpoint, WorkerEvent } from './protocol.ts';

/** Checked between batches: a pause or stop takes effect after the batch in flight. */
export interface RunSignals {
  readonly stopRequested: () => boolean;
  readonly pauseRequested: () => boolean;
  /** Resolves when the run is resumed or stopped. */
  readonly waitForResume: () => Promise<void>;
  /** True once the backend cannot compute any more (WebGL's context lost): the run ends at once and says nothing more. */
  readonly backendLost?: () => boolean;
}

export interface TrainingRequest {
  readonly runId: number;
  readonly spec: ModelSpec;
  readonly dataset: MnistDataset;
  readonly seed: number;
  /** `transfer` lists buffers to move to the page rather than copy. */
  readonly emit: (event: WorkerEvent, transfer?: Transferable[]) => void;
  readonly control: RunSignals;
  /** Carries on from this checkpoint of the same spec and seed instead of starting from fresh weights. */
  readonly resumeFrom?: TrainingCheckpoint;
  /** Takes the trained model when the run finishes (the callee then owns it); without it the model is disposed. */
  readonly keepModel?: (model: tf.LayersModel) => void;
  /** Larger checkpoints are not taken (see domain/checkpointSize.ts). */
  readonly maxCheckpointBytes?: number;
  /** Minimum time between two 'batches' messages. */
  readonly flushIntervalMs?: number;
  readonly now?: () => number;
  /** Asked before the first batch and after each epoch: whether to send a LearningFrame (learningFrames.ts). */
  readonly watchLearning?: () => boolean;
}
