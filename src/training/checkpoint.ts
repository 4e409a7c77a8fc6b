/**
 * A run's state between epochs, out of tfjs and back: the model's weights and the optimizer's slots. With both (and the
 * shuffles replayed from the seed) a resumed run trains exactly as the run would have without the interruption.
 */
import * as tf from '@tensorflow/tfjs';
import { artifactsOf, modelFromArtifacts } from './inference.ts';
import type { OptimizerState, TrainingCheckpoint } from './protocol.ts';

/** Copies the model and optimizer out of tfjs after `epoch` completed epochs; tensors it reads stay where they are. */
export async function captureCheckpoint(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  progress: Pick<TrainingCheckpoint, 'epoch' | 'step' | 'elapsedMs'>,
): Promise<TrainingCheckpoint> {
  const modelArtifacts = await artifactsOf(model);
  const slots = await optimizer.getWeights();
  try {
    const { data, specs } = await tf.io.encodeWeights(slots);
    const weightSpecs = specs.map(({ name, shape, dtype }) => {
      if (dtype !== 'float32' && dtype !== 'int32') throw new Error(`the optimizer has a ${dtype} weight (${name})`);
      return { name, shape, dtype };
    });
    return { ...progress, model: modelArtifacts, optimizer: { weightSpecs, weightData: data } };
  } finally {
    // getWeights wraps the step count in a fresh scalar; the slots themselves are the optimizer's own variables.
    slots[0]?.tensor.dispose();
  }
}

/** The checkpoint's model, a new one the caller owns. */
export function modelFromCheckpoint(checkpoint: TrainingCheckpoint): Promise<tf.LayersModel> {
  return modelFromArtifacts(checkpoint.model);
}

/**
 * Gives a fresh optimizer the checkpoint's step count and slots. tfjs matches slots to weights by position, which is
 * the same for a model rebuilt from the same topology.
 */
export async function restoreOptimizer(optimizer: tf.Optimizer, state: OptimizerState): Promise<void> {
  const specs = state.weightSpecs.map((spec) => ({ ...spec, shape: [...spec.shape] }));
  const decoded = tf.io.decodeWeights(state.weightData, specs);
  const ordered = specs.map(({ name }) => {
    const tensor = decoded[name];
    if (!tensor) throw new Error(`the checkpoint's optimizer has no ${name}`);
    return { name, tensor };
  });
  try {
    await optimizer.setWeights(ordered);
  } finally {
    // setWeights copies each slot into a variable of its own.
    Object.values(decoded).forEach((tensor) => tensor.dispose());
  }
}
