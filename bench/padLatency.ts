/**
 * The draw pad as a person meets it: page open (warm cache) → the shipped model ready → first prediction, then the time
 * from a mouse move that changes the drawing to the prediction being in hand (the page's data-latency-ms), and the
 * worker's inference time it shows. Rounds of each build interleaved, so load on the machine hits them alike; the
 * latency median is over every move of every round. Those moves wait for each answer (polled, 100 ms or more apart), so
 * the worker is idle when the next comes; a second stroke then moves a frame apart without waiting, as a hand draws,
 * where an answer can wait behind the previous drawing's feature maps and attribution: its latencies are every answer
 * the page shows, recorded as it shows them.
 */
import { expect, type Browser, type Page } from '@playwright/test';
import { DrawPadPanel } from '../e2e/pages/DrawPadPanel.ts';
import { PlaygroundPage } from '../e2e/pages/PlaygroundPage.ts';
import { median } from './trainingRuns.ts';

export interface PadResult {
  /** The build's path under the server ('' for this build, 'baseline/' for BENCH_BASELINE's). */
  readonly path: string;
  readonly modelReadyMs: number;
  readonly firstPredictionMs: number;
  readonly medianLatencyMs: number;
  readonly medianInferenceMs: number;
  /** Each round's median latency. */
  readonly roundMedians: number[];
  readonly samples: number;
  /** Drawing without waiting, a move a frame apart: the median latency of the answers shown, and how many there were. */
  readonly continuousMedianLatencyMs: number;
  readonly continuousAnswers: number;
  /** What the page's automatic backend choice measured, as it shows it ('WASM: 1,020 samples/s · WebGPU: skipped: …'). */
  readonly measuredBackends: string;
  readonly engine: string;
}

type Round = Omit<PadResult, 'medianLatencyMs' | 'medianInferenceMs' | 'roundMedians' | 'samples' | 'continuousMedianLatencyMs' | 'continuousAnswers'> & {
  latencies: number[];
  inference: number[];
  continuous: number[];
};

const MOVES = 60;
const FRAME_MS = 16;

/** A stroke of MOVES moves a frame apart, answers not awaited; every latency the page shows meanwhile, in order. */
async function measureContinuous(page: Page, box: { x: number; y: number; width: number; height: number }): Promise<number[]> {
  await page.evaluate(() => {
    const shown: number[] = [];
    (window as unknown as { padLatencies: number[] }).padLatencies = shown;
    new MutationObserver((records) => {
      for (const record of records) shown.push(Number((record.target as Element).getAttribute('data-latency-ms')));
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-sequence'] });
  });
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.2);
  await page.mouse.down();
  for (let i = 0; i < MOVES; i++) {
    await page.mouse.move(box.x + box.width * (0.4 + (0.2 * i) / MOVES), box.y + box.height * (0.2 + (0.6 * i) / MOVES));
    await page.waitForTimeout(FRAME_MS);
  }
  await page.mouse.up();
  await page.waitForTimeout(1000);
  return page.evaluate(() => (window as unknown as { padLatencies: number[] }).padLatencies.filter(Number.isFinite));
}

async function measureRound(browser: Browser, url: string, path: string): Promise<Round> {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const app = new PlaygroundPage(page);
    const reader = new DrawPadPanel(page);
    await page.goto(url);
    await app.waitUntilReady();
    await expect(reader.modelChoice(/^Pretrained/)).toBeEnabled({ timeout: 60_000 });
    const speeds = page.getByLabel('Measured training speeds');
    const measuredBackends = (await speeds.count()) > 0 ? ((await speeds.textContent()) ?? '') : '';
    const engineLabel = page.getByLabel('Training engine');
    const engine = (await engineLabel.count()) > 0 ? ((await engineLabel.textContent()) ?? '') : '';
    // Warm cache: the second visit, as a returning person (or the service worker) has it.
    const opened = Date.now();
    await page.reload();
    await expect(reader.modelChoice(/^Pretrained/)).toBeEnabled({ timeout: 60_000 });
    const modelReadyMs = Date.now() - opened;
    const first = (await reader.pad.boundingBox())!;
    await page.mouse.move(first.x + first.width / 2, first.y + first.height * 0.2);
    await page.mouse.down();
    await page.mouse.move(first.x + first.width / 2, first.y + first.height * 0.8, { steps: 4 });
    await page.mouse.up();
    await expect(reader.predictedDigit).toBeVisible();
    const firstPredictionMs = Date.now() - opened;

    await reader.clearButton.click();
    await expect(reader.predictedDigit).toBeHidden();
    // Read again: the panel's layout changes with what it shows, and the stroke must land on the pad where it is now.
    const box = (await reader.pad.boundingBox())!;
    const latencies: number[] = [];
    const inference: number[] = [];
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
    await page.mouse.down();
    for (let i = 0; i < MOVES; i++) {
      const previous = await reader.prediction.getAttribute('data-sequence');
      const angle = (i / MOVES) * Math.PI * 2;
      await page.mouse.move(box.x + box.width * (0.5 + 0.25 * Math.cos(angle)), box.y + box.height * (0.5 + 0.3 * Math.sin(angle)));
      // A new answer: the sequence appears (the first after Clear) or changes.
      await expect(async () => expect(await reader.prediction.getAttribute('data-sequence')).not.toBe(previous)).toPass({ timeout: 30_000 });
      const latency = await reader.prediction.getAttribute('data-latency-ms');
      if (latency === null) throw new Error(`move ${i}: no prediction came (the stroke missed the pad?)`);
      latencies.push(Number(latency));
      inference.push(Number((/Read in ([\d.]+) ms/.exec((await reader.prediction.textContent()) ?? '') ?? [])[1]));
    }
    await page.mouse.up();
    const continuous = await measureContinuous(page, box);
    return { path, modelReadyMs, firstPredictionMs, latencies, inference, continuous, measuredBackends, engine };
  } finally {
    await context.close();
  }
}

/** `rounds` rounds of each build in `paths`, interleaved (A, B, A, B, …); medians over all their moves. */
export async function measurePad(browser: Browser, baseUrl: string, paths: readonly string[], rounds: number): Promise<PadResult[]> {
  const byPath = paths.map((): Round[] => []);
  for (let round = 0; round < rounds; round++) {
    for (const [i, path] of paths.entries()) byPath[i]!.push(await measureRound(browser, `${baseUrl}${path}`, path));
  }
  return byPath.map((results) => {
    const first = results[0]!;
    return {
      path: first.path,
      modelReadyMs: median(results.map((r) => r.modelReadyMs)),
      firstPredictionMs: median(results.map((r) => r.firstPredictionMs)),
      medianLatencyMs: median(results.flatMap((r) => r.latencies)),
      medianInferenceMs: median(results.flatMap((r) => r.inference).filter(Number.isFinite)),
      roundMedians: results.map((r) => median(r.latencies)),
      samples: results.reduce((sum, r) => sum + r.latencies.length, 0),
      continuousMedianLatencyMs: median(results.flatMap((r) => r.continuous)),
      continuousAnswers: results.reduce((sum, r) => sum + r.continuous.length, 0),
      measuredBackends: first.measuredBackends,
      engine: first.engine,
    };
  });
}

/** The automatic choice's note for WebGPU, from the measured speeds the page shows. */
export function webgpuNote(measuredBackends: string): string {
  const entry = measuredBackends.split(' · ').find((part) => part.startsWith('WebGPU: '));
  return entry ? entry.slice('WebGPU: '.length) : 'not in the page\'s measurements (this build has no WebGPU candidate)';
}
