/**
 * The page trains and reads digits on WASM where there is no GPU: every attribution method must run there (tfjs' WASM
 * backend lacks some gradient kernels, gather's among them) and give the CPU backend's map.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../data/batching.ts';
import { ATTRIBUTION_METHODS } from '../domain/explain/explanations.ts';
import { attribute } from './attribution.ts';
import { buildModel } from './buildModel.ts';
import { registerWasmTrainingKernels } from './wasmKernels.ts';

const random = createRandom(1717);
const digit = Float32Array.from({ length: 784 }, () => (random() < 0.25 ? random() : 0));

beforeAll(() => registerWasmTrainingKernels());
afterAll(async () => {
  await tf.setBackend('cpu');
});

async function mapOn(backend: 'cpu' | 'wasm', method: (typeof ATTRIBUTION_METHODS)[number]): Promise<Float32Array> {
  expect(await tf.setBackend(backend)).toBe(true);
  const model = buildModel([
    { type: 'Conv2D', filters: 4, kernelSize: [3, 3], strides: [1, 1], padding: 'same', activation: 'relu' },
    { type: 'MaxPooling2D', poolSize: [2, 2], strides: null, padding: 'valid' },
    { type: 'Conv2D', filters: 4, kernelSize: [3, 3], strides: [2, 2], padding: 'valid', activation: 'relu' },
    { type: 'BatchNormalization' },
    { type: 'Flatten' },
    { type: 'Dropout', rate: 0.5 },
    { type: 'Dense', units: 10, activation: 'softmax' },
  ], 11);
  try {
    const answer = await attribute(model, digit, method, 4);
    if (!answer.ok) throw new Error(answer.message);
    return answer.values;
  } finally {
    model.dispose();
  }
}

describe('attribution on the WASM backend', () => {
  it.each(ATTRIBUTION_METHODS)('%s gives the CPU backend’s map', async (method) => {
    const wasm = await mapOn('wasm', method);
    const cpu = await mapOn('cpu', method);
    const scale = Math.max(...cpu.map(Math.abs));
    expect(scale).toBeGreaterThan(0);
    wasm.forEach((value, i) => expect(Math.abs(value - (cpu[i] ?? 0))).toBeLessThan(1e-3 * scale));
  });
});
