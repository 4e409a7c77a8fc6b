// Our GEMMs shared with helper threads give, bit for bit, what one thread gives; a helper that never wakes or never
// finishes costs the call nothing or a redo, never a wrong or missing result.
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { seededValues } from '../kernelTesting.fixture.ts';
import { kernelsOnMemory, setKernelHelperHost, type KernelBuild, type SimdKernels } from './kernelModule.ts';
import { controlBlock, helperWord, KernelTeam, runJob, type ChunkedJob } from './kernelTeam.ts';
import { nodeHelperHost } from './nodeHelpers.fixture.ts';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');

/** x (already padded) [batch, inH, inW, c] ⊛ w [fH, fW, c, co], stride s. */
type Case = { batch: number; inH: number; inW: number; c: number; fH: number; fW: number; s: number; co: number };

const CASES: Case[] = [
  { batch: 64, inH: 13, inW: 13, c: 32, fH: 3, fW: 3, s: 1, co: 64 }, // chapter 5's conv2
  { batch: 3, inH: 9, inW: 7, c: 5, fH: 3, fW: 2, s: 2, co: 11 },
  { batch: 4, inH: 6, inW: 6, c: 3, fH: 3, fW: 3, s: 1, co: 7 }, // 64 positions: shared in chunks of 4
  { batch: 1, inH: 5, inW: 5, c: 1, fH: 5, fW: 5, s: 1, co: 3 }, // one output row: below the sharing size
];

const MiB = 1 << 20;
const memory = new WebAssembly.Memory({ initial: 64 * 16, maximum: 65536, shared: true });
const heap = new Float32Array(memory.buffer);
// Where each operand lies in the heap (room for chapter 5's conv2 in each).
const X = 1 * MiB;
const PANELS = 9 * MiB;
const DY = 17 * MiB;
const OUT_ALONE = 25 * MiB;
const OUT_TEAM = 41 * MiB;
const BIAS = 57 * MiB;

function write(at: number, values: Float32Array): void {
  heap.set(values, at / 4);
}
/** Positions where the two results differ (NaN included): a count, since comparing 500k floats one by one in expect is slow. */
function differences(a: number, b: number, count: number): number {
  let differing = 0;
  for (let i = 0; i < count; i++) if (!Object.is(heap[a / 4 + i], heap[b / 4 + i])) differing++;
  return differing;
}

type Jobs = { forward: (out: number) => ChunkedJob; filterGrad: (out: number) => ChunkedJob; sizes: [number, number]; pool?: { job: (out: number) => ChunkedJob; size: number } };

/** The forward product and the filter gradient of one case, as jobs over our kernels. */
function jobs(k: SimdKernels, c: Case): Jobs {
  const outH = (c.inH - c.fH) / c.s + 1 | 0;
  const outW = (c.inW - c.fW) / c.s + 1 | 0;
  write(X, seededValues(c.batch * c.inH * c.inW * c.c, 7));
  const w = seededValues(c.fH * c.fW * c.c * c.co, 8);
  write(X + 8 * MiB, w);
  k.packPanels(X + 8 * MiB, PANELS, c.fH * c.fW * c.c, c.co);
  write(DY, seededValues(c.batch * outH * outW * c.co, 9));
  write(BIAS, seededValues(c.co, 10));
  const geometry = [c.inH, c.inW, c.c, outH, outW, c.fH, c.fW, c.s, c.s, c.co];
  // The forward product with the training pass' bias and relu in its store; the filter gradient with neither.
  const fused = { kernel: 'gemmGeometry' as const, args: [...geometry, BIAS, 1] };
  const setup = { kernel: 'gemmGeometry' as const, args: [...geometry, 0, 0] };
  const positions = c.batch * outH * outW;
  const taps = c.fH * c.fW * c.c;
  const work = 2 * positions * taps * c.co;
  return {
    forward: (out) => ({ setup: fused, kernel: 'convForwardRows', args: [X, PANELS, out, 0, positions], fromArg: 3, rows: positions, work }),
    filterGrad: (out) => ({ setup, kernel: 'convFilterGradRows', args: [X, DY, out, c.batch, 0, taps], fromArg: 4, rows: taps, work }),
    sizes: [positions * c.co, taps * c.co],
  };
}

/** The stage-A kernels the team shares: max-pool's gradient by images, a few-channel filter gradient by columns. */
function stageAJobs(c: Case): Jobs {
  const outH = (c.inH - c.fH) / c.s + 1 | 0;
  const outW = (c.inW - c.fW) / c.s + 1 | 0;
  write(X, seededValues(c.batch * c.inH * c.inW * c.c, 7));
  write(DY, seededValues(c.batch * outH * outW * c.co, 9));
  const pool = [c.inH, c.inW, c.c, outH, outW, c.fH, c.fW, c.s, c.s, 0, 0];
  const size = c.batch * c.inH * c.inW * c.c;
  const work = 2 * c.fH * c.fW * c.c * c.co * c.batch * outH * outW;
  return {
    // The pooling reads dy as [batch, outH, outW, c]: the first c of each position's co values.
    forward: (out) => ({ setup: { kernel: 'poolGeometry', args: pool }, kernel: 'maxPoolGradImages', args: [X, DY, out, 0, c.batch],
      fromArg: 3, rows: c.batch, work: 4 * size }),
    filterGrad: (out) => ({ setup: { kernel: 'convGeometry', args: [...pool, c.co] }, kernel: 'convFilterGradChannels',
      args: [X, DY, out, c.batch, 0, c.co], fromArg: 4, rows: c.co, chunkUnit: 16, work }),
    sizes: [size, c.fH * c.fW * c.c * c.co],
    pool: { job: (out) => ({ setup: { kernel: 'poolGeometry', args: pool }, kernel: 'maxPoolImages', args: [X, out, 0, c.batch],
      fromArg: 2, rows: c.batch, work: 4 * size }), size: c.batch * outH * outW * c.c },
  };
}

function expectSameAsAlone(k: SimdKernels, team: KernelTeam, { forward, filterGrad, sizes, pool }: Jobs): void {
  for (const [job, size] of [[forward, sizes[0]], [filterGrad, sizes[1]], ...(pool ? [[pool.job, pool.size] as const] : [])] as const) {
    heap.fill(Number.NaN, OUT_TEAM / 4, OUT_TEAM / 4 + size);
    runJob(null, job(OUT_ALONE), k as never);
    runJob(team, job(OUT_TEAM), k as never);
    expect(differences(OUT_TEAM, OUT_ALONE, size)).toBe(0);
  }
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('helpers never became ready');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(['relaxed', 'plain'] as KernelBuild[])('%s build with helper threads', (build) => {
  const host = nodeHelperHost(2);
  afterAll(() => host.stop());

  it('gives every convolution product (the forward one with bias and relu in its store) bit for bit what one thread gives', async () => {
    setKernelHelperHost(host);
    const k = kernelsOnMemory(memory, build)!;
    setKernelHelperHost(null);
    expect(k.team).not.toBeNull();
    await until(() => k.team!.readyHelpers().length === 2);
    for (const c of CASES) expectSameAsAlone(k, k.team!, jobs(k, c));
    // Max-pool 2×2 of chapter 5's conv1 output and its gradient, conv1's filter gradient, and odd sizes of each.
    expectSameAsAlone(k, k.team!, stageAJobs({ batch: 64, inH: 26, inW: 26, c: 32, fH: 2, fW: 2, s: 2, co: 32 }));
    expectSameAsAlone(k, k.team!, stageAJobs({ batch: 64, inH: 28, inW: 28, c: 1, fH: 3, fW: 3, s: 1, co: 32 }));
    expectSameAsAlone(k, k.team!, stageAJobs({ batch: 9, inH: 11, inW: 9, c: 3, fH: 3, fW: 3, s: 2, co: 37 }));
    // The helpers took part (not every call: one that wakes late finds the chunks gone) and none was lost.
    expect(k.team!.helpedCalls).toBeGreaterThan(0);
    expect(k.team!.readyHelpers()).toHaveLength(2);
  });
});

describe('a helper that does not answer', () => {
  const stray: Worker[] = [];
  afterEach(async () => {
    await Promise.all(stray.splice(0).map((worker) => worker.terminate()));
  });

  it('one that says it is ready but never wakes: the call runs here, whole, without waiting for it', () => {
    const k = kernelsOnMemory(memory, 'relaxed')!;
    const control = controlBlock(1);
    new Int32Array(control)[helperWord(0, 'ready')] = 1;
    const team = new KernelTeam(control, 1, 60_000);
    const { forward, sizes } = jobs(k, CASES[0]!);
    runJob(null, forward(OUT_ALONE), k as never);
    heap.fill(Number.NaN, OUT_TEAM / 4, OUT_TEAM / 4 + sizes[0]);
    const started = performance.now();
    runJob(team, forward(OUT_TEAM), k as never);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(differences(OUT_TEAM, OUT_ALONE, sizes[0])).toBe(0);
    expect(team.readyHelpers()).toEqual([0]);
  });

  it('one that takes a job and never finishes: after the timeout the call is redone here and the team stops sharing', async () => {
    const k = kernelsOnMemory(memory, 'relaxed')!;
    const control = controlBlock(1);
    const words = (word: 'seq' | 'state' | 'ready') => helperWord(0, word);
    // A helper that takes the first job offered and then hangs.
    stray.push(new Worker(`
      const { workerData } = require('node:worker_threads');
      const words = new Int32Array(workerData.control);
      Atomics.store(words, ${words('ready')}, 1);
      for (;;) {
        const seq = Atomics.load(words, ${words('seq')});
        if (Atomics.compareExchange(words, ${words('state')}, 0, 1) === 0) break;
        Atomics.wait(words, ${words('seq')}, seq);
      }
      Atomics.wait(words, ${words('ready')}, 1);`, { eval: true, workerData: { control } }));
    await until(() => Atomics.load(new Int32Array(control), words('ready')) === 1);
    const team = new KernelTeam(control, 1, 300);
    const { forward, sizes } = jobs(k, CASES[0]!);
    runJob(null, forward(OUT_ALONE), k as never);
    heap.fill(Number.NaN, OUT_TEAM / 4, OUT_TEAM / 4 + sizes[0]);
    // Whichever of the two takes the chunks, the result is whole once run returns.
    for (let attempt = 0; attempt < 50 && team.readyHelpers().length > 0; attempt++) runJob(team, forward(OUT_TEAM), k as never);
    expect(team.readyHelpers()).toEqual([]);
    expect(differences(OUT_TEAM, OUT_ALONE, sizes[0])).toBe(0);
  });
});
