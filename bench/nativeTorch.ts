/**
 * Native PyTorch on the same machine, in the same bench run: bench/nativeTorch.py trains the chapter-5 model with the
 * page's batch, optimizer and threads. Debian's /usr/bin/python3 with python3-torch (the `python3` on PATH may be
 * another interpreter without torch); skipped, saying why, where it is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export type NativeTorchResult =
  | { readonly ok: true; readonly torch: string; readonly threads: number; readonly samplesPerSecond: number[]; readonly median: number }
  | { readonly ok: false; readonly message: string };

const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';

/** Median samples/s over `windows` timed windows of `steps` batches each, after a warm-up. */
export function measureNativeTorch(options: { threads: number; batch: number; steps?: number; windows?: number }): NativeTorchResult {
  if (!existsSync(PYTHON)) return { ok: false, message: `skipped: no ${PYTHON}` };
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.status !== 0) return { ok: false, message: `skipped: ${PYTHON} has no torch (Debian: apt-get install python3-torch)` };
  const args = [options.threads, options.batch, options.steps ?? 100, options.windows ?? 3].map(String);
  const run = spawnSync(PYTHON, [join(import.meta.dirname, 'nativeTorch.py'), ...args], { encoding: 'utf8', timeout: 10 * 60_000 });
  if (run.status !== 0) return { ok: false, message: `failed: ${(run.stderr || String(run.error)).trim().split('\n').pop()}` };
  const parsed = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as Omit<Extract<NativeTorchResult, { ok: true }>, 'ok'>;
  return { ok: true, ...parsed };
}

/**
 * `repeats` separate runs of measureNativeTorch, as the issue asks ("run it three times and report medians"): each
 * run's median, and the median of those. A slow moment of a shared machine then costs one run, not the figure.
 */
export function measureNativeTorchRuns(options: { threads: number; batch: number }, repeats: number): NativeTorchResult {
  const medians: number[] = [];
  let last: NativeTorchResult = { ok: false, message: 'not run' };
  for (let i = 0; i < repeats; i++) {
    last = measureNativeTorch(options);
    if (!last.ok) return last;
    medians.push(last.median);
  }
  return last.ok ? { ...last, samplesPerSecond: medians, median: [...medians].sort((a, b) => a - b)[Math.floor(medians.length / 2)]! } : last;
}
