import { describe, expect, it } from 'vitest';
import { webgpuSkipNote } from './backendProbe.ts';
import { inspectWebGpuAdapter, judgeWebGpuAdapter, type GpuAdapterFacts } from './webgpuAdapter.ts';

/** What Chromium 156 reports here with --enable-unsafe-webgpu and no GPU. */
const SWIFTSHADER: GpuAdapterFacts = { vendor: 'google', architecture: 'swiftshader', device: '', description: '', isFallbackAdapter: true };
const NVIDIA: GpuAdapterFacts = { vendor: 'nvidia', architecture: 'ampere', device: '', description: 'NVIDIA GeForce RTX 3060', isFallbackAdapter: false };

const browserWith = (requestAdapter: () => Promise<unknown>) => ({ navigator: { gpu: { requestAdapter } } });

describe('judging a WebGPU adapter', () => {
  it('recognises SwiftShader as software, by name', () => {
    expect(judgeWebGpuAdapter(SWIFTSHADER)).toEqual({ kind: 'software', name: 'SwiftShader' });
    // Without the fallback flag the architecture alone gives it away.
    expect(judgeWebGpuAdapter({ ...SWIFTSHADER, isFallbackAdapter: undefined })).toEqual({ kind: 'software', name: 'SwiftShader' });
  });

  it('recognises other CPU adapters, and a fallback adapter whatever its name', () => {
    expect(judgeWebGpuAdapter({ vendor: 'mesa', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' })).toEqual({ kind: 'software', name: 'llvmpipe' });
    expect(judgeWebGpuAdapter({ vendor: 'microsoft', description: 'Microsoft Basic Render Driver' }).kind).toBe('software');
    // Older Chromium put isFallbackAdapter on the adapter, not its info.
    expect(judgeWebGpuAdapter({ ...NVIDIA, isFallbackAdapter: undefined }, true)).toEqual({ kind: 'software', name: 'NVIDIA GeForce RTX 3060' });
  });

  it('takes a real GPU as hardware, named by its description or else its architecture and vendor', () => {
    expect(judgeWebGpuAdapter(NVIDIA)).toEqual({ kind: 'hardware', name: 'NVIDIA GeForce RTX 3060' });
    expect(judgeWebGpuAdapter({ vendor: 'apple', architecture: 'metal-3', description: '' })).toEqual({ kind: 'hardware', name: 'metal-3 (apple)' });
    expect(judgeWebGpuAdapter({})).toEqual({ kind: 'hardware', name: 'unnamed adapter' });
  });

  it('says why there is none', () => {
    expect(judgeWebGpuAdapter(null)).toEqual({ kind: 'none', reason: 'no WebGPU adapter' });
  });
});

describe('asking the browser for the adapter', () => {
  it('without navigator.gpu (Safari before 26, Node) says WebGPU is missing', async () => {
    expect(await inspectWebGpuAdapter({ navigator: {} })).toEqual({ kind: 'none', reason: 'WebGPU is not available in this browser' });
    expect((await inspectWebGpuAdapter({})).kind).toBe('none');
  });

  it('reads the adapter the browser offers: none (Chromium here by default), SwiftShader, a GPU', async () => {
    expect(await inspectWebGpuAdapter(browserWith(async () => null))).toEqual({ kind: 'none', reason: 'no WebGPU adapter' });
    expect(await inspectWebGpuAdapter(browserWith(async () => ({ info: SWIFTSHADER })))).toEqual({ kind: 'software', name: 'SwiftShader' });
    expect(await inspectWebGpuAdapter(browserWith(async () => ({ info: NVIDIA })))).toEqual({ kind: 'hardware', name: 'NVIDIA GeForce RTX 3060' });
    expect(await inspectWebGpuAdapter(browserWith(async () => ({ isFallbackAdapter: true })))).toMatchObject({ kind: 'software' });
  });

  it('turns a refusal into a reason instead of throwing', async () => {
    const refused = await inspectWebGpuAdapter(browserWith(async () => { throw new Error('GPU process crashed'); }));
    expect(refused).toEqual({ kind: 'none', reason: 'the WebGPU adapter could not be asked for (GPU process crashed)' });
  });
});

describe('what the probe notes', () => {
  it('skips a missing or software adapter, saying which, and measures a hardware one', () => {
    expect(webgpuSkipNote(judgeWebGpuAdapter(SWIFTSHADER))).toBe('skipped: software adapter (SwiftShader)');
    expect(webgpuSkipNote(judgeWebGpuAdapter(null))).toBe('skipped: no WebGPU adapter');
    expect(webgpuSkipNote(judgeWebGpuAdapter(NVIDIA))).toBeNull();
  });
});
