import { afterEach, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs';

const loads = vi.hoisted(() => ({ count: 0 }));
vi.mock('./webgpuBackend.ts', () => ({
  loadWebGpuBackend: async () => {
    loads.count++;
  },
  watchDeviceLoss: () => () => false,
}));

const { measureBackends } = await import('./backendProbe.ts');

const offering = (info: object | null) => ({ gpu: { requestAdapter: async () => (info === null ? null : { info }) } });

describe('the probe and WebGPU', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    loads.count = 0;
  });

  it('skips a software adapter without loading tfjs-backend-webgpu, and leaves no tensors', async () => {
    vi.stubGlobal('navigator', offering({ vendor: 'google', architecture: 'swiftshader', description: '', isFallbackAdapter: true }));
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const results = await measureBackends(['webgpu']);
    expect(results).toEqual([{ backend: 'webgpu', samplesPerSecond: null, note: 'skipped: software adapter (SwiftShader)' }]);
    expect(loads.count).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('skips a browser with no adapter, saying so', async () => {
    vi.stubGlobal('navigator', offering(null));
    expect(await measureBackends(['webgpu'])).toEqual([{ backend: 'webgpu', samplesPerSecond: null, note: 'skipped: no WebGPU adapter' }]);
    expect(loads.count).toBe(0);
  });

  it('loads the backend for a hardware adapter and reports why it could not start where tfjs has none', async () => {
    vi.stubGlobal('navigator', offering({ vendor: 'nvidia', architecture: 'ampere', description: 'NVIDIA GeForce RTX 3060' }));
    const [result] = await measureBackends(['webgpu']);
    expect(loads.count).toBe(1);
    // The mocked module registers nothing, as tfjs-backend-webgpu registers nothing without navigator.gpu.
    expect(result).toMatchObject({ backend: 'webgpu', samplesPerSecond: null });
    expect(result?.note).toMatch(/^could not start: /);
  });
});
