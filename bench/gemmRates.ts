/**
 * GFLOP/s of our GEMM (relaxed and plain SIMD builds) against tfjs-wasm's own BatchMatMul (XNNPACK) on this model's
 * product shapes: the dense layers it runs today, and the convolutions written as GEMMs (im2col), which stage B of
 * issue 14 would run on it. Node, 1 thread, operands in tfjs' heap; median of 7 calls after a warm-up.
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
  /** GFLOP/s of tfjs' BatchMatMul (XNNPACK), our plain build and our relaxed build. */
  readonly gflops: { xnnpack: number; plain: number; relaxed: number };
}

/** [name, m, n, k]: C[m,n] = A[m,k] · B[k,n], batch 64. */
const SHAPES: readonly [string, number, number, number][] = [
  ['dense 576→64, forward', 64, 64, 576],
  ['dense 576→64, weight gradient', 576, 64, 64],
  ['conv1 as GEMM (26·26·64 positions, 3·3·1)', 43_264, 32, 9],
  ['conv2 as GEMM (11·11·64 positions, 3·3·32)', 7744, 64, 288],
  ['conv3 as GEMM (3·3·64 positions, 3·3·64)', 576, 64, 576],
  ['conv2 input gradient as GEMM (13·13·64, 3·3·64)', 10_816, 32, 576],
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

function timeProduct(a: tf.Tensor, b: tf.Tensor): number {
  const times: number[] = [];
  for (let i = 0; i < 8; i++) {
    const started = performance.now();
    const product = tf.engine().runKernel('BatchMatMul', { a, b }, { transposeA: false, transposeB: false }) as tf.Tensor;
    times.push(performance.now() - started);
    product.dispose();
  }
  return median(times.slice(1));
}

export async function measureGemmRates(): Promise<GemmRate[]> {
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
  const rates: GemmRate[] = [];
  for (const [shape, m, n, k] of SHAPES) {
    const a = tf.randomNormal([1, m, k]);
    const b = tf.randomNormal([1, k, n]);
    const gflops = (mode: 'off' | 'plain' | 'relaxed') => {
      forceKernelBuild(mode);
      return (2 * m * n * k) / (timeProduct(a, b) * 1e6);
    };
    rates.push({ shape, m, n, k, gflops: { xnnpack: gflops('off'), plain: gflops('plain'), relaxed: gflops('relaxed') } });
    tf.dispose([a, b]);
  }
  forceKernelBuild(null);
  return rates;
}

export function formatGemmRates(rates: readonly GemmRate[]): string {
  return [
    'GFLOP/s of each product shape, wasm in Node, 1 thread (median of 7 calls):',
    '',
    '| product | m × n × k | tfjs BatchMatMul (XNNPACK) | ours, plain SIMD | ours, relaxed SIMD |',
    '|---|---|---|---|---|',
    ...rates.map((r) => `| ${r.shape} | ${r.m} × ${r.n} × ${r.k} | ${r.gflops.xnnpack.toFixed(1)} | ${r.gflops.plain.toFixed(1)} | ${r.gflops.relaxed.toFixed(1)} |`),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatGemmRates(await measureGemmRates()));
}
