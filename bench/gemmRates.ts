/**
 * GFLOP/s of our GEMMs (relaxed and plain SIMD builds) against tfjs-wasm's own kernels (XNNPACK) on this model's
 * shapes: the dense layers' products (BatchMatMul), and the convolutions as GEMMs (Conv2D and both gradients, which
 * stage B of issue 14 runs on our implicit-GEMM kernels). Node, 1 thread, operands in tfjs' heap; each figure is the
 * fastest of 7 calls after a warm-up, timed in the process's CPU time, so other jobs on a shared machine slow it less.
 * Run alone: npx tsx bench/gemmRates.ts
 */
import v8 from 'node:v8';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { forceKernelBuild } from '../src/training/kernels/kernelModule.ts';
import { registerWasmTrainingKernels } from '../src/training/wasmKernels.ts';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');

export interface GemmRate {
  readonly shape: string;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  /** GFLOP/s of tfjs' own kernel (XNNPACK), our plain build and our relaxed build. */
  readonly gflops: { xnnpack: number; plain: number; relaxed: number };
}

type Shape4 = [number, number, number, number];
/** A product's inputs and the kernel that computes it, with m × n × k for its flop count. */
type Case = { shape: string; m: number; n: number; k: number; inputs: () => tf.Tensor[]; run: (inputs: tf.Tensor[]) => tf.Tensor };

const product: Case['run'] = ([a, b]) =>
  tf.engine().runKernel('BatchMatMul', { a: a!, b: b! }, { transposeA: false, transposeB: false }) as tf.Tensor;

/** [name, m, n, k]: C[m,n] = A[m,k] · B[k,n] on BatchMatMul. */
const PRODUCTS: readonly [string, number, number, number][] = [
  ['dense 576→64, forward', 64, 64, 576],
  ['dense 576→64, weight gradient', 576, 64, 64],
];

/** A convolution's three GEMMs (valid, stride 1): forward, input gradient, filter gradient. */
function convolutionCases(name: string, x: Shape4, filter: Shape4): Case[] {
  const [batch, height, width, channels] = x;
  const [fh, fw, , filters] = filter;
  const dy: Shape4 = [batch, height - fh + 1, width - fw + 1, filters];
  const positions = batch * dy[1] * dy[2];
  const attrs = { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [1, 1] };
  const run = (kernel: string, extra: Record<string, unknown>) => (inputs: tf.Tensor[]) =>
    tf.engine().runKernel(kernel, kernel === 'Conv2D' ? { x: inputs[0]!, filter: inputs[1]! }
      : kernel === 'Conv2DBackpropInput' ? { dy: inputs[0]!, filter: inputs[1]! } : { x: inputs[0]!, dy: inputs[1]! },
    { ...attrs, ...extra } as never) as tf.Tensor;
  const k = fh * fw * channels;
  return [
    { shape: `${name} forward (Conv2D)`, m: positions, n: filters, k, inputs: () => [tf.randomNormal(x), tf.randomNormal(filter)], run: run('Conv2D', {}) },
    { shape: `${name} input gradient`, m: batch * height * width, n: channels, k: fh * fw * filters, inputs: () => [tf.randomNormal(dy), tf.randomNormal(filter)], run: run('Conv2DBackpropInput', { inputShape: x }) },
    { shape: `${name} filter gradient`, m: k, n: filters, k: positions, inputs: () => [tf.randomNormal(x), tf.randomNormal(dy)], run: run('Conv2DBackpropFilter', { filterShape: filter }) },
  ];
}

const CASES: readonly Case[] = [
  ...PRODUCTS.map(([shape, m, n, k]): Case => ({ shape, m, n, k, inputs: () => [tf.randomNormal([1, m, k]), tf.randomNormal([1, k, n])], run: product })),
  ...convolutionCases('conv2 (64×13×13×32, 3×3×32→64)', [64, 13, 13, 32], [3, 3, 32, 64]),
  ...convolutionCases('conv3 (64×5×5×64, 3×3×64→64)', [64, 5, 5, 64], [3, 3, 64, 64]),
];

/** The fastest of 7 calls after a warm-up, in ms of this process's CPU time. */
function fastestCall(run: () => tf.Tensor): number {
  let fastest = Infinity;
  for (let i = 0; i < 8; i++) {
    const started = process.cpuUsage();
    const result = run();
    result.dataSync();
    const used = process.cpuUsage(started);
    result.dispose();
    if (i > 0) fastest = Math.min(fastest, (used.user + used.system) / 1000);
  }
  return fastest;
}

export async function measureGemmRates(): Promise<GemmRate[]> {
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
  const rates: GemmRate[] = [];
  for (const { shape, m, n, k, inputs, run } of CASES) {
    const operands = inputs();
    const gflops = (mode: 'off' | 'plain' | 'relaxed') => {
      forceKernelBuild(mode);
      return (2 * m * n * k) / (fastestCall(() => run(operands)) * 1e6);
    };
    rates.push({ shape, m, n, k, gflops: { xnnpack: gflops('off'), plain: gflops('plain'), relaxed: gflops('relaxed') } });
    tf.dispose(operands);
  }
  forceKernelBuild(null);
  return rates;
}

export function formatGemmRates(rates: readonly GemmRate[]): string {
  return [
    'GFLOP/s of each product shape, wasm in Node, 1 thread (fastest of 7 calls, CPU time):',
    '',
    '| product | m × n × k | tfjs (XNNPACK) | ours, plain SIMD | ours, relaxed SIMD |',
    '|---|---|---|---|---|',
    ...rates.map((r) => `| ${r.shape} | ${r.m} × ${r.n} × ${r.k} | ${r.gflops.xnnpack.toFixed(1)} | ${r.gflops.plain.toFixed(1)} | ${r.gflops.relaxed.toFixed(1)} |`),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatGemmRates(await measureGemmRates()));
}
