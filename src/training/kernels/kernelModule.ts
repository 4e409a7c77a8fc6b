/**
 * Our SIMD training kernels (wasm/trainingKernels.ts, AssemblyScript), instantiated on tfjs-wasm's own memory so they
 * read and write its tensors in place. Measured in Node: copying conv1's max-pool gradient in and out of a memory of
 * our own (x and dy in, dx out) took 0.38 ms, more than the whole relu gradient of that activation in place (0.30 ms).
 * Relaxed SIMD where the engine validates it (Chromium 114+, Firefox), plain SIMD otherwise
 * (Safari); a shared-memory build for tfjs' threaded wasm, an unshared one for its single-threaded builds.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import * as binaries from './binaries.generated.ts';
import { controlBlock, KernelTeam } from './kernelTeam.ts';

export type KernelBuild = 'relaxed' | 'plain';

/** The module's exports; every pointer is a byte offset into tfjs' heap. */
export interface SimdKernels {
  readonly build: KernelBuild;
  /** Helper threads for the GEMMs, on a shared heap where a host gives them (the training worker); else null. */
  readonly team: KernelTeam | null;
  reluGrad(dy: number, x: number, out: number, count: number): void;
  sumRows(x: number, out: number, rows: number, columns: number): void;
  reluGradSumRows(dy: number, y: number, out: number, sums: number, rows: number, columns: number): void;
  poolGeometry(inH: number, inW: number, c: number, outH: number, outW: number, fH: number, fW: number, sH: number, sW: number, top: number, left: number): void;
  matMulOperands(rowStride: number, colStride: number): void;
  matMul(a: number, b: number, c: number, m: number, n: number, k: number): void;
  transpose2d(b: number, out: number, rows: number, columns: number): void;
  convGeometry(inH: number, inW: number, c: number, outH: number, outW: number, fH: number, fW: number, sH: number, sW: number, top: number, left: number, co: number): void;
  gemmGeometry(inH: number, inW: number, c: number, outH: number, outW: number, fH: number, fW: number, sH: number, sW: number, co: number, bias: number, relu: number, liveTop: number, liveBottom: number): void;
  packPanels(w: number, out: number, k: number, n: number): void;
  packTurnedPanels(w: number, out: number, fH: number, fW: number, ci: number, co: number): void;
  spreadInto(src: number, dst: number, batch: number, h: number, w: number, c: number, dstH: number, dstW: number, top: number, left: number, spreadH: number, spreadW: number): void;
  convForwardRows(x: number, panels: number, y: number, from: number, to: number): void;
  convFilterGradRows(x: number, dy: number, dw: number, batch: number, from: number, to: number): void;
  maxPoolGradImages(x: number, dy: number, dx: number, from: number, to: number): void;
  maxPoolImages(x: number, y: number, from: number, to: number): void;
  rmsPropStep(
    value: number, meanSquare: number, moment: number, gradient: number, newValue: number, newMeanSquare: number, newMoment: number,
    count: number, decay: number, oneMinusDecay: number, learningRate: number, epsilon: number, momentum: number,
  ): void;
  convFilterGradChannels(x: number, dy: number, dw: number, batch: number, from: number, to: number): void;
}

/** What a helper thread is sent: the compiled kernels, tfjs' shared heap, the team's control block and its slot. */
export interface KernelHelperStart {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly control: SharedArrayBuffer;
  readonly helper: number;
}

/** Starts helper threads (a Worker in the page, worker_threads in Node); onFailure when one dies. */
export interface KernelHelperHost {
  readonly helpers: number;
  spawn(start: KernelHelperStart, onFailure: () => void): void;
}

let helperHost: KernelHelperHost | null = null;

/** Where helper threads come from; kernels instantiated afterwards on a shared heap get a team. null: none. */
export function setKernelHelperHost(host: KernelHelperHost | null): void {
  helperHost = host;
}

/** (func (param v128 v128 v128) (result v128) local.get 0 local.get 1 local.get 2 f32x4.relaxed_madd): validates only where relaxed SIMD does. */
const RELAXED_SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x08, 0x01, 0x60, 0x03, 0x7b, 0x7b, 0x7b, 0x01, 0x7b,
  0x03, 0x02, 0x01, 0x00,
  0x0a, 0x0d, 0x01, 0x0b, 0x00, 0x20, 0x00, 0x20, 0x01, 0x20, 0x02, 0xfd, 0x85, 0x02, 0x0b,
]);

export function relaxedSimdSupported(): boolean {
  return WebAssembly.validate(RELAXED_SIMD_PROBE);
}

let probedBuild: KernelBuild | undefined;

/** 'off' turns our kernels off (the bench's before/after); null goes back to the feature probe. */
let forcedBuild: KernelBuild | 'off' | null = null;

/** Tests run each build on purpose, and the bench measures without them; takes effect at the next kernel call. */
export function forceKernelBuild(build: KernelBuild | 'off' | null): void {
  forcedBuild = build;
}

type EmscriptenModule = { wasmMemory?: WebAssembly.Memory; asm?: { memory?: WebAssembly.Memory }; HEAPU8: Uint8Array };

/**
 * tfjs' heap: the threaded build makes it (Module.wasmMemory), the others export it from the module (Module.asm); the
 * one whose buffer tfjs' own views read, or null.
 */
function tfjsMemory(backend: BackendWasm): WebAssembly.Memory | null {
  const module = backend.wasm as unknown as EmscriptenModule;
  const memory = module.wasmMemory ?? module.asm?.memory ?? null;
  return memory && memory.buffer === module.HEAPU8.buffer ? memory : null;
}

const isShared = (memory: WebAssembly.Memory) =>
  typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Whether our kernels will load on tfjs' threaded (shared) heap here: its plain-SIMD build validates. */
export function sharedKernelsValidate(): boolean {
  return WebAssembly.validate(decode(binaries.plainShared));
}

const instances = new WeakMap<BackendWasm, Map<KernelBuild, SimdKernels | null>>();

/** The kernels on a heap of the caller's (tfjs' in the app; tests and the bench make their own). */
export function kernelsOnMemory(memory: WebAssembly.Memory, build: KernelBuild): SimdKernels | null {
  const shared = isShared(memory);
  const base64 = build === 'relaxed'
    ? (shared ? binaries.relaxedShared : binaries.relaxedUnshared)
    : (shared ? binaries.plainShared : binaries.plainUnshared);
  const bytes = decode(base64);
  if (!WebAssembly.validate(bytes)) return null;
  // Synchronous: a few kilobytes, compiled once per backend, in the worker (or Node), where that is allowed.
  const module = new WebAssembly.Module(bytes);
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  const team = shared && helperHost && helperHost.helpers > 0 ? startTeam(helperHost, module, memory) : null;
  return { ...(instance.exports as unknown as Omit<SimdKernels, 'build' | 'team'>), build, team };
}

/** A team whose helpers join as they become ready; calls before that run on this thread alone. */
function startTeam(host: KernelHelperHost, module: WebAssembly.Module, memory: WebAssembly.Memory): KernelTeam {
  const control = controlBlock(host.helpers);
  const team = new KernelTeam(control, host.helpers);
  for (let helper = 0; helper < host.helpers; helper++) host.spawn({ module, memory, control, helper }, () => team.fail());
  return team;
}

/** null where the engine refuses the module (an import it cannot satisfy): the JavaScript kernels run instead. */
function tryInstantiate(backend: BackendWasm, build: KernelBuild): SimdKernels | null {
  const memory = tfjsMemory(backend);
  if (!memory) return null;
  try {
    return kernelsOnMemory(memory, build);
  } catch {
    return null;
  }
}

/**
 * The kernels for this backend's heap, instantiated on first use; null where this engine cannot run them (no SIMD, or
 * a tfjs build whose memory is not reachable), and the callers then use the JavaScript kernels.
 */
export function simdKernelsFor(backend: BackendWasm): SimdKernels | null {
  if (forcedBuild === 'off') return null;
  const build = forcedBuild ?? (probedBuild ??= relaxedSimdSupported() ? 'relaxed' : 'plain');
  let builds = instances.get(backend);
  if (!builds) instances.set(backend, (builds = new Map()));
  if (!builds.has(build)) builds.set(build, tryInstantiate(backend, build));
  return builds.get(build) ?? null;
}
