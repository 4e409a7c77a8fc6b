import { describe, expect, it } from 'vitest';
import { BACKEND_NAMES } from '../domain/backends.ts';
import { backendAfterLoss, backendToRequest, deviceKey, loadBackendChoice, saveBackendChoice, withMeasurement } from './backendChoice.ts';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const here = deviceKey({ userAgent: 'Chromium/156', hardwareConcurrency: 2 });
const measurements = [
  { backend: 'wasm' as const, samplesPerSecond: 750, note: 'measured' },
  { backend: 'cpu' as const, samplesPerSecond: 11, note: 'measured' },
];

describe('remembered backend choice', () => {
  it('measures on a first visit, then asks for the measured backend', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    const first = loadBackendChoice(storage, here);
    expect(backendToRequest(first)).toBe('auto');
    saveBackendChoice(storage, withMeasurement(first, 'wasm', measurements, 1));
    const next = loadBackendChoice(storage, here);
    expect(backendToRequest(next)).toBe('wasm');
    expect(next.measured?.measurements).toEqual(measurements);
  });

  it('measures again on another device or browser', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    saveBackendChoice(storage, withMeasurement(loadBackendChoice(storage, here), 'wasm', measurements, 1));
    const elsewhere = deviceKey({ userAgent: 'Chromium/156', hardwareConcurrency: 8 });
    expect(backendToRequest(loadBackendChoice(storage, elsewhere))).toBe('auto');
  });

  it('a named backend wins over the measured one; a result without measurements changes nothing', () => {
    const choice = withMeasurement({ deviceKey: here, preference: 'webgl', measured: null }, 'wasm', measurements, 1);
    expect(backendToRequest(choice)).toBe('webgl');
    expect(withMeasurement(choice, 'cpu', [], 2)).toBe(choice);
  });

  it('remembers WebGPU measured fastest, and a software adapter skipped beside the others', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    const withGpu = [
      { backend: 'webgpu' as const, samplesPerSecond: 2400, note: 'measured' },
      ...measurements,
      { backend: 'webgl' as const, samplesPerSecond: null, note: 'skipped: software renderer (SwiftShader)' },
    ];
    saveBackendChoice(storage, withMeasurement(loadBackendChoice(storage, here), 'webgpu', withGpu, 1));
    const next = loadBackendChoice(storage, here);
    expect(backendToRequest(next)).toBe('webgpu');
    expect(next.measured?.measurements).toEqual(withGpu);
  });

  it('after a GPU backend loses its device, trains on WASM; after WASM, on CPU', () => {
    expect(backendAfterLoss('webgpu')).toBe('wasm');
    expect(backendAfterLoss('webgl')).toBe('wasm');
    expect(backendAfterLoss('wasm')).toBe('cpu');
  });

  it('ignores a huge damaged record at once, before parsing it', () => {
    // Found by fuzzing: a million bad measurements took 4.6 s to reject, holding the page at every start.
    for (const list of [new Array(BACKEND_NAMES.length + 1).fill(measurements[0]), new Array(1_000_000).fill(7)]) {
      const huge = { deviceKey: here, preference: 'wasm', measured: { backend: 'wasm', measurements: list, at: 1 } };
      const storage = new MemoryStorage();
      storage.setItem('convnet-playground:backend', JSON.stringify(huge));
      const started = performance.now();
      expect(loadBackendChoice(storage as unknown as Storage, here)).toEqual({ deviceKey: here, preference: 'auto', measured: null });
      expect(performance.now() - started).toBeLessThan(100);
    }
  });

  it('ignores a corrupt, foreign or unreadable record', () => {
    for (const stored of ['{', '[]', '{"deviceKey":1}', JSON.stringify({ deviceKey: here, preference: 'gpu', measured: null })]) {
      const storage = new MemoryStorage();
      storage.setItem('convnet-playground:backend', stored);
      expect(loadBackendChoice(storage as unknown as Storage, here)).toEqual({ deviceKey: here, preference: 'auto', measured: null });
    }
    const throwing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } } as unknown as Storage;
    expect(backendToRequest(loadBackendChoice(throwing, here))).toBe('auto');
    expect(() => saveBackendChoice(throwing, loadBackendChoice(null, here))).not.toThrow();
  });

  it('stamps its version, reads a choice saved before versions, and never writes over a newer version’s', () => {
    const storage = new MemoryStorage();
    const chosen = withMeasurement(loadBackendChoice(null, here), 'wasm', measurements, 1);
    saveBackendChoice(storage as unknown as Storage, chosen);
    expect(JSON.parse(storage.getItem('convnet-playground:backend')!)).toMatchObject({ recordVersion: 1 });
    storage.setItem('convnet-playground:backend', JSON.stringify(chosen));
    expect(loadBackendChoice(storage as unknown as Storage, here)).toEqual(chosen);
    const newer = JSON.stringify({ ...chosen, recordVersion: 2, gpuAdapter: 'x' });
    storage.setItem('convnet-playground:backend', newer);
    expect(backendToRequest(loadBackendChoice(storage as unknown as Storage, here))).toBe('auto');
    saveBackendChoice(storage as unknown as Storage, chosen);
    expect(storage.getItem('convnet-playground:backend')).toBe(newer);
  });
});
