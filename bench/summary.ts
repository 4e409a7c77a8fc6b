/**
 * The bench's last word: one table with the bars side by side (issue 14, "What it must show"), each figure a
 * median of its repeated runs, with the runs themselves beside it.
 */
import type { NativeTorchResult } from './nativeTorch.ts';
import type { TrainingResult } from './trainingRuns.ts';

export interface SummaryInput {
  /** This build's wasm runs, and the baseline's (today's path) when one was built. */
  readonly wasm: TrainingResult | undefined;
  readonly baseline: TrainingResult | undefined;
  readonly torch: NativeTorchResult;
  /** What the page's automatic choice noted for WebGPU, e.g. 'skipped: software adapter (SwiftShader)'. */
  readonly webgpu: string;
  readonly engine: string;
  readonly pad: { readonly medianLatencyMs: number; readonly samples: number } | null;
  readonly baselinePad: { readonly medianLatencyMs: number; readonly samples: number } | null;
}

const count = (value: number) => Math.round(value).toLocaleString('en-US');
// Semicolons: the figures carry thousands commas.
const runs = (values: readonly number[]) => values.map(count).join('; ');
const times = (ratio: number) => `${ratio.toFixed(2)}×`;

/** 'met' / 'not met' against a bar, or '' where the figure is missing. */
function verdict(value: number | null, atLeast: number, lowerIsBetter = false): string {
  if (value === null || !Number.isFinite(value)) return '';
  return (lowerIsBetter ? value <= atLeast : value >= atLeast) ? 'met' : 'not met';
}

export function formatSummary(input: SummaryInput): string {
  const { wasm, baseline, torch, pad, baselinePad } = input;
  const torchMedian = torch.ok ? torch.median : null;
  const overBaseline = wasm && baseline ? wasm.steadySamplesPerSecond / baseline.steadySamplesPerSecond : null;
  const overTorch = wasm && torchMedian ? wasm.steadySamplesPerSecond / torchMedian : null;
  const rows: string[][] = [
    ['WASM in our worker, this build (' + input.engine + ')', wasm ? runs(wasm.steadyRuns) : '–', wasm ? `**${count(wasm.steadySamplesPerSecond)}** samples/s` : 'not run', '', ''],
    [`WASM in our worker, baseline ${baseline?.baseline ?? '(none: BENCH_BASELINE=none)'}`, baseline ? runs(baseline.steadyRuns) : '–', baseline ? `${count(baseline.steadySamplesPerSecond)} samples/s` : 'not run', '', ''],
    [torch.ok ? `native PyTorch ${torch.torch}, ${torch.threads} threads` : 'native PyTorch', torch.ok ? runs(torch.samplesPerSecond) : '–', torch.ok ? `${count(torch.median)} samples/s` : torch.message, '', ''],
    ['this build / baseline', '', overBaseline === null ? '–' : `**${times(overBaseline)}**`, '≥ 2.0×', verdict(overBaseline, 2)],
    ['this build / native PyTorch', '', overTorch === null ? '–' : `**${times(overTorch)}**`, '≥ 0.5× (goal 1.0×)', verdict(overTorch, 0.5)],
    ['WebGPU', '', input.webgpu, 'used where faster', ''],
    ['draw → prediction, this build', '', pad ? `**${pad.medianLatencyMs.toFixed(1)} ms** (${pad.samples} moves)` : 'not measured', '≤ 16 ms', verdict(pad?.medianLatencyMs ?? null, 16, true)],
  ];
  if (baselinePad) rows.push(['draw → prediction, baseline', '', `${baselinePad.medianLatencyMs.toFixed(1)} ms (${baselinePad.samples} moves)`, '≤ 16 ms', verdict(baselinePad.medianLatencyMs, 16, true)]);
  return [
    '| measure (chapter 5, batch 64) | runs | median | bar | |',
    '|---|---|---|---|---|',
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
  ].join('\n');
}
