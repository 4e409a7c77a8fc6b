import type { BatchPoint } from '../training/protocol.ts';

/**
 * At most `maxPoints` points for the chart, each the mean of a run of consecutive batches,
 * so a 5-epoch run of 4,690 batches draws as fast as a short one and the curve's shape is kept.
 */
export function downsampleBatches(points: readonly BatchPoint[], maxPoints = 300): BatchPoint[] {
  if (points.length <= maxPoints) return [...points];
  const bucket = Math.ceil(points.length / maxPoints);
  const out: BatchPoint[] = [];
  for (let start = 0; start < points.length; start += bucket) {
    const slice = points.slice(start, start + bucket);
    const last = slice[slice.length - 1];
    if (!last) break;
    const mean = (pick: (p: BatchPoint) => number) => slice.reduce((sum, p) => sum + pick(p), 0) / slice.length;
    out.push({ epochProgress: last.epochProgress, step: last.step, loss: mean((p) => p.loss), accuracy: mean((p) => p.accuracy) });
  }
  return out;
}
