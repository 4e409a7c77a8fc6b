import { describe, expect, it } from 'vitest';
import { DivergenceWatch } from './divergence.ts';

describe('DivergenceWatch', () => {
  it('stops at once on NaN or Infinity', () => {
    expect(new DivergenceWatch().record(NaN)).toBe('the loss became NaN');
    expect(new DivergenceWatch().record(Infinity)).toBe('the loss became Infinity');
  });

  it('lets a normal run through, even a bumpy start', () => {
    const watch = new DivergenceWatch();
    const losses = [2.3, 4.5, 8, 3.1, 2.2, ...Array.from({ length: 200 }, (_, i) => 2 * Math.exp(-i / 50) + 0.1)];
    expect(losses.map((l) => watch.record(l)).filter((r) => r !== null)).toEqual([]);
  });

  it('calls a loss stuck at the clipping ceiling diverged after 20 batches', () => {
    const watch = new DivergenceWatch();
    const results = Array.from({ length: 25 }, (_, i) => watch.record(i === 0 ? 2.4 : 14.5));
    expect(results.slice(0, 19).every((r) => r === null)).toBe(true);
    expect(results.find((r) => r !== null)).toMatch(/stayed near 1\d\.\d for 20 batches, far above a random guess's 2.30/);
  });
});
