/** What the kernel tests share: seeded values, and running one computation on a backend with no tensor left behind. */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, expect } from 'vitest';
import { forceKernelBuild, type KernelBuild } from './kernels/kernelModule.ts';
import { registerWasmTrainingKernels } from './wasmKernels.ts';

/** Deterministic values in [-1, 1), so both backends see the same numbers. */
export function seededValues(count: number, seed: number): Float32Array {
  let state = seed >>> 0;
  return Float32Array.from({ length: count }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 31 - 1;
  });
}

/** Runs `compute` on a backend with fresh tensors and returns every result's values; it must leave no tensor. */
export async function valuesOnBackend(backend: 'cpu' | 'wasm', compute: () => tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  const results = compute();
  const data = await Promise.all(results.map(async (t) => (await t.data()) as Float32Array));
  tf.dispose(results);
  expect(tf.memory().numTensors).toBe(before);
  return data;
}

/** For the enclosing describe: tfjs-wasm with our kernels registered and this build forced ('off': tfjs' own), then back. */
export function trainOnKernelBuild(build: KernelBuild | 'off'): void {
  beforeAll(async () => {
    registerWasmTrainingKernels();
    forceKernelBuild(build);
    expect(await tf.setBackend('wasm')).toBe(true);
  });
  afterAll(async () => {
    forceKernelBuild(null);
    await tf.setBackend('cpu');
  });
}
