import type { TrainingSettings } from './modelSpec.ts';

/** Values tfjs' optimizers keep per weight: RMSprop its running mean square and momentum, Adam its two moments. */
const SLOTS_PER_WEIGHT: Readonly<Record<TrainingSettings['optimizer'], number>> = { rmsprop: 2, adam: 2, sgd: 0 };

/**
 * Above this a run is not checkpointed: each epoch's checkpoint is a full copy of the weights and the optimizer's
 * slots, sent to the page and written to IndexedDB, and a few hundred megabytes of that can bring a tab down.
 */
export const MAX_CHECKPOINT_BYTES = 128_000_000;

/** The size of one checkpoint: float32 weights plus the optimizer's slots (an upper bound: non-trainable weights get none). */
export function checkpointBytes(params: number, optimizer: TrainingSettings['optimizer']): number {
  return params * 4 * (1 + SLOTS_PER_WEIGHT[optimizer]);
}
