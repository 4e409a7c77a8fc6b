/**
 * Where a training step's time goes on the wasm backend: tfjs' profiler over chapter-5 training steps in Node (batch
 * 64, RMSprop), ms per step for each kernel, before our SIMD kernels (tfjs-wasm with the JavaScript gradient kernels)
 * and with each build of them, the modes interleaved step by step so load on the machine hits them alike; each figure
 * is the median over the rounds. Node runs tfjs-wasm single-threaded (its threaded build is browser-only), so the
 * page's 2-thread figures are lower for the GEMM-bound kernels; this table shows which kernels a change moved.
 * Run alone: npx tsx bench/kernelProfile.ts [rounds]
 */
import v8 from 'node:v8';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { CHAPTER5_LAYERS } from '../src/domain/defaults.ts';
import { buildModel, createOptimizer } from '../src/training/buildModel.ts';
import { forceKernelBuild } from '../src/training/kernels/kernelModule.ts';
import { registerWasmTrainingKernels } from '../src/training/wasmKernels.ts';

// Node 20's V8 has relaxed SIMD behind a flag (Chromium ships it on); on, both builds can be measured here.
v8.setFlagsFromString('--experimental-wasm-relaxed-simd');

export const PROFILE_MODES = ['off', 'plain', 'relaxed'] as const;
export type ProfileMode = (typeof PROFILE_MODES)[number];
const MODE_NAMES: Record<ProfileMode, string> = { off: 'before (tfjs-wasm + JS kernels)', plain: 'plain SIMD', relaxed: 'relaxed SIMD' };

export interface KernelProfile {
  readonly backend: string;
  readonly rounds: number;
  /** Median ms per step of each kernel, per mode. */
  readonly kernels: Record<string, { callsPerStep: number; msPerStep: Partial<Record<ProfileMode, number>> }>;
  readonly stepMs: Record<ProfileMode, number>;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** Convolutions are told apart by their first input's shape (x, or dy for Conv2DBackpropInput): layers' costs differ by far. */
const BY_SHAPE = new Set(['Conv2D', 'Conv2DBackpropFilter', 'Conv2DBackpropInput']);
const rowName = (k: { name: string; inputShapes: number[][] }) =>
  BY_SHAPE.has(k.name) ? `${k.name} [${k.inputShapes[0]?.join(',')}]` : k.name;

/** ms per kernel name over one profiled training step. */
async function profileStep(step: () => Promise<unknown>): Promise<{ wallMs: number; kernels: Map<string, { ms: number; calls: number }> }> {
  const started = performance.now();
  const profile = await tf.profile(async () => { await step(); });
  const wallMs = performance.now() - started;
  const kernels = new Map<string, { ms: number; calls: number }>();
  for (const k of profile.kernels) {
    const row = kernels.get(rowName(k)) ?? { ms: 0, calls: 0 };
    kernels.set(rowName(k), { ms: row.ms + Number(k.kernelTimeMs), calls: row.calls + 1 });
  }
  return { wallMs, kernels };
}

export async function profileTrainingStep(rounds = 3, batch = 64): Promise<KernelProfile> {
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
  const model = buildModel(CHAPTER5_LAYERS, 1);
  model.compile({ optimizer: createOptimizer({ optimizer: 'rmsprop', learningRate: 0.001 }), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const xs = tf.randomUniform([batch, 28, 28, 1]);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(Array.from({ length: batch }, (_, i) => i % 10), 'int32'), 10).toFloat());
  const samples = new Map<string, { calls: number; ms: Partial<Record<ProfileMode, number[]>> }>();
  const stepSamples: Record<ProfileMode, number[]> = { off: [], plain: [], relaxed: [] };
  try {
    for (const mode of PROFILE_MODES) {
      forceKernelBuild(mode);
      await model.trainOnBatch(xs, ys); // warm-up: allocation, XNNPACK's operator setup, our module's instantiation
    }
    for (let round = 0; round < rounds; round++) {
      for (const mode of PROFILE_MODES) {
        forceKernelBuild(mode);
        const { wallMs, kernels } = await profileStep(() => model.trainOnBatch(xs, ys));
        stepSamples[mode].push(wallMs);
        for (const [name, { ms, calls }] of kernels) {
          const row = samples.get(name) ?? { calls, ms: {} };
          (row.ms[mode] ??= []).push(ms);
          samples.set(name, row);
        }
      }
    }
  } finally {
    forceKernelBuild(null);
    tf.dispose([xs, ys]);
    model.optimizer.dispose();
    model.dispose();
  }
  const kernels: KernelProfile['kernels'] = {};
  for (const [name, { calls, ms }] of samples) {
    kernels[name] = { callsPerStep: calls, msPerStep: Object.fromEntries(Object.entries(ms).map(([m, v]) => [m, median(v)])) };
  }
  const stepMs = { off: median(stepSamples.off), plain: median(stepSamples.plain), relaxed: median(stepSamples.relaxed) };
  return { backend: 'wasm in Node, 1 thread', rounds, kernels, stepMs };
}

/** A markdown table, largest first (by the before column); kernels under 0.3 ms a step in every mode are summed. */
export function formatKernelTable(profile: KernelProfile, batch = 64): string {
  const rows = Object.entries(profile.kernels).sort(([, a], [, b]) => (b.msPerStep.off ?? 0) - (a.msPerStep.off ?? 0));
  const ms = (v: number | undefined) => (v === undefined ? '–' : v.toFixed(1));
  const big = rows.filter(([, k]) => PROFILE_MODES.some((m) => (k.msPerStep[m] ?? 0) >= 0.3));
  const small = rows.filter((row) => !big.includes(row));
  const smallSum = (m: ProfileMode) => small.reduce((sum, [, k]) => sum + (k.msPerStep[m] ?? 0), 0);
  const perSecond = (m: ProfileMode) => ((batch * 1000) / profile.stepMs[m]).toFixed(0);
  return [
    `Per-kernel ms per training step, ${profile.backend}, chapter 5, batch ${batch}, median of ${profile.rounds} interleaved rounds (convolutions by their first input's shape):`,
    '',
    `| kernel | calls per step | ${PROFILE_MODES.map((m) => MODE_NAMES[m]).join(' | ')} |`,
    `|---|---|${PROFILE_MODES.map(() => '---').join('|')}|`,
    ...big.map(([name, k]) => `| ${name} | ${k.callsPerStep} | ${PROFILE_MODES.map((m) => ms(k.msPerStep[m])).join(' | ')} |`),
    `| ${small.length} other kernels | | ${PROFILE_MODES.map((m) => smallSum(m).toFixed(1)).join(' | ')} |`,
    `| **whole step (profiled)** | | ${PROFILE_MODES.map((m) => `**${profile.stepMs[m].toFixed(1)}** (${perSecond(m)}/s)`).join(' | ')} |`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatKernelTable(await profileTrainingStep(Number(process.argv[2] ?? 5))));
}
