/**
 * RMSprop whose update runs as one of our kernels per weight on the wasm backend: tfjs' RMSPropOptimizer computes each
 * weight's step as ~16 kernels with their intermediate tensors (and its new mean square twice); ours is one pass with
 * the same float32 operations in the same order (wasm/optimizerKernels.ts), so weights and slots are bit for bit what
 * tfjs' optimizer gives. Its state, names and saving are tfjs' own (getWeights/setWeights, checkpoints unchanged); on
 * any other backend, or centered, tfjs' own update runs.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { simdKernelsFor } from './kernelModule.ts';
import { address } from './simdKernels.ts';

type Info = tf.TensorInfo;
type StepAttrs = { decay: number; learningRate: number; epsilon: number; momentum: number };

export const RMSPROP_STEP_KERNEL = 'ConvnetRmsPropStep';

/** The kernel: [new value, new mean square, new moment] from value, mean square, moment and gradient. */
export function rmsPropStepKernel({ inputs, backend, attrs }: { inputs: Record<string, Info>; backend: BackendWasm; attrs: Record<string, unknown> }): Info[] {
  const { value, meanSquare, moment, gradient } = inputs as Record<'value' | 'meanSquare' | 'moment' | 'gradient', Info>;
  const { decay, learningRate, epsilon, momentum } = attrs as StepAttrs;
  const kernels = simdKernelsFor(backend)!;
  const outputs = [value, meanSquare, moment].map((info) => backend.makeOutput(info.shape, 'float32'));
  const [newValue, newMeanSquare, newMoment] = outputs.map((info) => address(backend, info)) as [number, number, number];
  // The constants as tfjs makes them: float32 scalars of the JavaScript numbers (1 − decay computed in double first).
  const f32 = Math.fround;
  kernels.rmsPropStep(address(backend, value), address(backend, meanSquare), address(backend, moment), address(backend, gradient),
    newValue, newMeanSquare, newMoment, tf.util.sizeFromShape(value.shape),
    f32(decay), f32(1 - decay), f32(learningRate), f32(epsilon), f32(momentum));
  return outputs;
}

/** The optimizer's private slots, as tfjs 4.22 keeps them (read, never replaced, so saving and restoring are tfjs'). */
type Slot = { originalName: string; variable: tf.Variable };
type Slots = { accumulatedMeanSquares: Slot[]; accumulatedMoments: Slot[]; centered: boolean };

const onOurKernels = () => tf.getBackend() === 'wasm' && simdKernelsFor(tf.backend() as BackendWasm) !== null;

export class FusedRmsProp extends tf.RMSPropOptimizer {
  override applyGradients(variableGradients: tf.NamedTensorMap | { name: string; tensor: tf.Tensor }[]): void {
    const slots = this as unknown as Slots;
    if (slots.centered || !onOurKernels()) {
      super.applyGradients(variableGradients);
      return;
    }
    const names = Array.isArray(variableGradients) ? variableGradients.map((item) => item.name) : Object.keys(variableGradients);
    names.forEach((name, i) => {
      const value = tf.engine().registeredVariables[name]!;
      slots.accumulatedMeanSquares[i] ??= { originalName: `${name}/rms`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
      slots.accumulatedMoments[i] ??= { originalName: `${name}/momentum`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
      const gradient = Array.isArray(variableGradients) ? variableGradients[i]!.tensor : variableGradients[name];
      if (gradient == null) return;
      const meanSquare = slots.accumulatedMeanSquares[i].variable;
      const moment = slots.accumulatedMoments[i].variable;
      const [newValue, newMeanSquare, newMoment] = tf.engine().runKernel(RMSPROP_STEP_KERNEL,
        { value, meanSquare, moment, gradient },
        { decay: this.decay, learningRate: this.learningRate, epsilon: this.epsilon, momentum: this.momentum }) as tf.Tensor[];
      meanSquare.assign(newMeanSquare!);
      moment.assign(newMoment!);
      value.assign(newValue!);
      tf.dispose([newValue!, newMeanSquare!, newMoment!]);
    });
    this.incrementIterations();
  }
}
