import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgl';
import type { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendMeasurement, BackendName, BackendPreference, TrainingEngineName } from './protocol.ts';
import { sharedKernelsValidate, simdKernelsFor } from './kernels/kernelModule.ts';
import { registerWasmTrainingKernels } from './wasmKernels.ts';
import { activeTrainingEngine } from './trainingEngineName.ts';
import { inspectWebGpuAdapter } from './webgpuAdapter.ts';
import { loadWebGpuBackend, watchDeviceLoss } from './webgpuBackend.ts';

export interface ActiveBackend {
  readonly backend: BackendName;
  readonly renderer: string | null;
  /** Why the preferred backend is not the one in use, if it is not. */
  readonly notice: string | null;
  /** Threads wasm trains on (our kernels' team, or tfjs' XNNPACK pool where ours cannot run); null for other backends. */
  readonly threads: number | null;
  /** What the automatic choice measured, fastest first; empty when the backend was named or remembered. */
  readonly measurements: readonly BackendMeasurement[];
  /** Whose kernels train: ours on WASM (which SIMD build), else TensorFlow.js' own. */
  readonly engine: TrainingEngineName;
}

/** Where the wasm binaries are served from; the bundler gives their URLs (see trainer.worker.ts). */
export interface WasmBinaries {
  readonly 'tfjs-backend-wasm.wasm': string;
  readonly 'tfjs-backend-wasm-simd.wasm': string;
  readonly 'tfjs-backend-wasm-threaded-simd.wasm': string;
}

/** Backends the automatic choice measures, in the order they are tried when measurements tie. */
export const MEASURED_BACKENDS: readonly BackendName[] = ['wasm', 'webgpu', 'webgl', 'cpu'];

const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|basic render driver|software/i;

/** Renderers that run WebGL on the CPU: a GPU backend there is slower than wasm on the same CPU. */
export function isSoftwareRenderer(renderer: string | null): boolean {
  return renderer !== null && SOFTWARE_RENDERERS.test(renderer);
}

/** The software renderer's short name (SwiftShader, llvmpipe, …) for a message; the whole string is too long to show. */
export function softwareRendererName(renderer: string | null): string {
  const match = renderer?.match(/swiftshader|llvmpipe|softpipe|basic render driver/i);
  return match ? match[0] : (renderer ?? 'unknown');
}

let wasmConfigured = false;

/**
 * Points tfjs at the bundled wasm binaries and installs the gradient kernels. Threads when the page is cross-origin
 * isolated (SharedArrayBuffer), one thread otherwise. There, our kernels take every core with their helper threads
 * (kernels/browserHelpers.ts) and tfjs' own XNNPACK pool keeps one thread: its idle threads spin (pthreadpool waits
 * 1,000,000 iterations for the next command) after each of the small kernels left to it, on the core a helper needs;
 * with a 1-thread pool the page trained 12–19% faster on 2 cores. Where our kernels cannot load, the pool gets every
 * core: tfjs' pool takes half of hardwareConcurrency, so the worker reports twice its cores.
 */
export function configureWasm(binaries: WasmBinaries, scope: { crossOriginIsolated: boolean; navigator: { hardwareConcurrency: number } }): void {
  if (wasmConfigured) return;
  if (scope.crossOriginIsolated) {
    const cores = scope.navigator.hardwareConcurrency;
    Object.defineProperty(scope.navigator, 'hardwareConcurrency', { value: cores * 2, configurable: true });
    setThreadsCount(sharedKernelsValidate() ? 1 : cores);
  } else {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  }
  setWasmPaths({ ...binaries });
  registerWasmTrainingKernels();
  wasmConfigured = true;
}

function webglRenderer(): string | null {
  try {
    const gl = (tf.backend() as MathBackendWebGL).gpgpu.gl;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  } catch {
    return null;
  }
}

/** Makes `name` the active backend, checking it with one real op rather than trusting setBackend alone. */
export async function activateBackend(name: BackendName): Promise<{ renderer: string | null }> {
  let renderer: string | null = null;
  // The adapter is looked at first, so a machine without one never fetches tfjs-backend-webgpu.
  if (name === 'webgpu') {
    const adapter = await inspectWebGpuAdapter();
    if (adapter.kind === 'none') throw new Error(adapter.reason);
    renderer = adapter.name;
    await loadWebGpuBackend();
  }
  // setBackend resolves false (and tf.ready() would quietly fall back) when a backend cannot start.
  if (!(await tf.setBackend(name))) throw new Error('it is not available here');
  await tf.ready();
  const probe = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)));
  const [value] = await probe.data();
  probe.dispose();
  if (value !== 3) throw new Error('it computed 1 + 2 wrongly');
  return { renderer: name === 'webgl' ? webglRenderer() : renderer };
}

/**
 * Calls `onLost` once when WebGL's context is lost (GPU reset, driver update, the browser reclaiming it), and returns a
 * check that sees the loss at once: the event arrives a task later, after a batch may already have computed garbage.
 * WebGPU's device can be lost the same way (webgpuBackend.ts); wasm and cpu cannot lose theirs.
 */
export function watchContextLoss(onLost: () => void): () => boolean {
  if (tf.getBackend() === 'webgpu') return watchDeviceLoss(onLost);
  if (tf.getBackend() !== 'webgl') return () => false;
  const gl = (tf.backend() as MathBackendWebGL).gpgpu.gl;
  gl.canvas.addEventListener('webglcontextlost', () => onLost(), { once: true });
  return () => gl.isContextLost();
}

function describe(active: BackendName, renderer: string | null, notice: string | null, measurements: readonly BackendMeasurement[]): ActiveBackend {
  return { backend: active, renderer, notice, threads: active === 'wasm' ? wasmThreads() : null, measurements, engine: activeTrainingEngine() };
}

/** The threads wasm trains on: our kernels' team where it runs, else tfjs' pool. */
function wasmThreads(): number {
  return simdKernelsFor(tf.backend() as BackendWasm)?.team?.threads ?? getThreadsCount();
}

/**
 * 'auto' measures each backend (see backendProbe.ts) and keeps the fastest that computes correctly; a named backend is
 * used as asked, falling back to the others in MEASURED_BACKENDS order if it cannot start.
 */
export async function startBackend(
  preference: BackendPreference,
  measure: (candidates: readonly BackendName[]) => Promise<BackendMeasurement[]>,
): Promise<ActiveBackend> {
  const failures: string[] = [];
  const measurements = preference === 'auto' ? await measure(MEASURED_BACKENDS) : [];
  const order = preference === 'auto'
    ? measurements.filter((m) => m.samplesPerSecond !== null).map((m) => m.backend)
    : [preference, ...MEASURED_BACKENDS.filter((name) => name !== preference)];
  if (preference === 'auto' && !order.includes('cpu')) order.push('cpu');
  for (const name of order) {
    try {
      const { renderer } = await activateBackend(name);
      const notice = failures.length > 0 ? `Using ${name}: ${failures.join('; ')}.` : null;
      return describe(name, renderer, notice, measurements);
    } catch (error) {
      failures.push(`${name} could not start (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  throw new Error(`No TensorFlow.js backend could start: ${failures.join('; ')}.`);
}
