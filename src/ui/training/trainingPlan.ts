/** What the Training card says before a run: why Train is disabled, and what a run of these settings will do. */
import { checkpointBytes, MAX_CHECKPOINT_BYTES } from '../../domain/checkpointSize.ts';
import type { ModelSpec } from '../../domain/modelSpec.ts';
import { trainingSplit } from '../../domain/settings.ts';
import type { EngineState } from '../../engine/engineState.ts';
import { formatBytes, formatCount, formatDuration } from '../../domain/format.ts';

/** Why Train cannot start now, or null when it can. */
export function trainBlockedReason(state: EngineState, settingsInvalid: boolean, modelError: string | null): string | null {
  if (modelError) return `Fix the model first: ${modelError}`;
  if (settingsInvalid) return 'Fix the training settings marked above.';
  if (state.backendError) return 'No TensorFlow.js backend could start.';
  if (state.data.status === 'error') return 'MNIST could not be loaded.';
  if (state.data.status === 'loading' || !state.backend) return 'Getting MNIST and TensorFlow.js ready…';
  return null;
}

/**
 * "54,000 images per epoch, 6,000 held out for validation, in 4,220 batches; then scored on 10,000 test images.
 * About 5 min 30 s at the last measured 820 samples/s."
 */
export function describePlan({ training }: ModelSpec, lastSpeed: number): string {
  const split = trainingSplit(training);
  const totalBatches = Math.ceil(split.fit / training.batchSize) * training.epochs;
  const heldOut = split.validation > 0 ? `, ${formatCount(split.validation)} held out for validation` : '';
  const estimate = lastSpeed > 0 ? `. About ${formatDuration(((split.fit * training.epochs) / lastSpeed) * 1000)} at the last measured ${lastSpeed.toFixed(0)} samples/s.` : '.';
  return `${formatCount(split.fit)} images per epoch${heldOut}, in ${formatCount(totalBatches)} batches; then scored on ${formatCount(training.testSize)} test images${estimate}`;
}

/** Why a run of this model would keep no checkpoints (each would pass the limit), or null. */
export function checkpointWarning(totalParams: number | null, spec: ModelSpec): string | null {
  const size = totalParams === null ? 0 : checkpointBytes(totalParams, spec.training.optimizer);
  if (size <= MAX_CHECKPOINT_BYTES) return null;
  return `No checkpoints for this model: each would be about ${formatBytes(size)} (the limit is ${formatBytes(MAX_CHECKPOINT_BYTES)}), so a crash or a reload during training loses the run.`;
}
