/**
 * Training in our worker, as the bench measures it: the settings typed into the real page, Train pressed, samples/s
 * read from the per-epoch table; repeated runs interleaved with another build's (bench/baseline.ts), medians.
 */
import { expect, type Browser } from '@playwright/test';
import { PlaygroundPage } from '../e2e/pages/PlaygroundPage.ts';

export interface BackendRun {
  readonly backend: 'wasm' | 'webgpu' | 'webgl' | 'cpu';
  readonly trainImages: number;
  /** Runs whose median is reported: the wasm run is the one compared with native PyTorch. */
  readonly repeats: number;
  /** Another commit's build (bench/baseline.ts), measured interleaved with this one's run of the same backend. */
  readonly baseline?: { readonly commit: string; readonly path: string };
}

/** Sized so each backend runs a minute or less here. */
export const RUNS: BackendRun[] = [
  { backend: 'wasm', trainImages: Number(process.env.BENCH_WASM_IMAGES ?? 12_800), repeats: Number(process.env.BENCH_WASM_REPEATS ?? 3) },
  { backend: 'webgl', trainImages: Number(process.env.BENCH_WEBGL_IMAGES ?? 1280), repeats: 1 },
  { backend: 'cpu', trainImages: Number(process.env.BENCH_CPU_IMAGES ?? 128), repeats: 1 },
];
export const BATCH = 64;

export interface TrainingResult {
  readonly backend: string;
  readonly detail: string;
  readonly trainImages: number;
  readonly firstEpochSamplesPerSecond: number;
  readonly steadySamplesPerSecond: number;
  /** Each run's steady samples/s; steadySamplesPerSecond is their median. */
  readonly steadyRuns: number[];
  /** The commit this result's build came from, when it is the baseline's. */
  readonly baseline?: string;
  readonly tensorsAfterEpochs: number[];
  readonly pageOpenToReadyMs: number;
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function measureBackend(browser: Browser, baseUrl: string, run: BackendRun): Promise<TrainingResult> {
  const page = await browser.newPage();
  try {
    const app = new PlaygroundPage(page);
    const opened = Date.now();
    await page.goto(`${baseUrl}${run.baseline?.path ?? ''}?backend=${run.backend}`);
    await app.waitUntilReady();
    const pageOpenToReadyMs = Date.now() - opened;
    const engine = page.getByLabel('Backend', { exact: true });
    // "WASM, 2 threads" / "WebGL, ANGLE (… SwiftShader …)": the badge, then what follows it.
    const parts = await engine.locator(':scope > span').allTextContents();
    const detail = parts.map((part) => part.trim()).filter(Boolean).join(', ');
    if (!detail.toLowerCase().includes(run.backend)) throw new Error(`asked for ${run.backend}, got: ${detail}`);
    await app.setSettings({ 'Training images': run.trainImages, 'Batch size': BATCH, Epochs: 2, 'Validation split': 0, 'Test images': 100 });
    await app.trainButton.click();
    await expect(app.status).toHaveText('Finished', { timeout: 30 * 60_000 });
    const rows = page.locator('table.epochs tbody tr');
    const speeds = (await rows.locator('td:nth-child(6)').allTextContents()).map(Number);
    const tensors = Number((await page.getByLabel('Tensors in memory').textContent())?.replace(/\D/g, ''));
    return {
      backend: run.backend,
      detail,
      trainImages: run.trainImages,
      firstEpochSamplesPerSecond: speeds[0] ?? NaN,
      steadySamplesPerSecond: speeds[1] ?? NaN,
      steadyRuns: [speeds[1] ?? NaN],
      ...(run.baseline ? { baseline: run.baseline.commit, detail: `${detail}, baseline ${run.baseline.commit}` } : {}),
      tensorsAfterEpochs: [tensors],
      pageOpenToReadyMs,
    };
  } finally {
    await page.close();
  }
}

/** Each run `repeats` times, the runs interleaved (A, B, A, B, …) so load on the machine hits them alike; medians. */
export async function measureInterleaved(browser: Browser, baseUrl: string, runs: readonly BackendRun[]): Promise<TrainingResult[]> {
  const results = runs.map((): TrainingResult[] => []);
  for (let i = 0; i < Math.max(...runs.map((run) => run.repeats)); i++) {
    for (const [j, run] of runs.entries()) if (i < run.repeats) results[j]!.push(await measureBackend(browser, baseUrl, run));
  }
  return results.map((runResults) => {
    const steadyRuns = runResults.map((r) => r.steadySamplesPerSecond);
    return { ...runResults.find((r) => r.steadySamplesPerSecond === median(steadyRuns))!, steadyRuns };
  });
}

