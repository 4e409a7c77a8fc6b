/**
 * Which kernels train on the active backend, for the page to say. Reads kernelModule.ts (the kernels' own file) and
 * changes nothing: asking instantiates the build its probe picks, which the first training step would do anyway.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TrainingEngineName } from '../domain/backends.ts';
import { simdKernelsFor } from './kernels/kernelModule.ts';

export function activeTrainingEngine(): TrainingEngineName {
  if (tf.getBackend() !== 'wasm') return 'tfjs';
  const kernels = simdKernelsFor(tf.backend() as BackendWasm);
  if (!kernels) return 'tfjs';
  return kernels.build === 'relaxed' ? 'simd-relaxed' : 'simd-plain';
}
