import { describe, expect, it } from 'vitest';
import { heatColour, paintHeatMap, PUSHED_DOWN, PUSHED_UP } from './heatColours.ts';

describe('the heat map’s colours', () => {
  it('are clear at zero, red for up, blue for down, strongest at the largest magnitude', () => {
    expect(heatColour(0, 1).alpha).toBe(0);
    expect(heatColour(0.5, 0).alpha).toBe(0);
    expect(heatColour(1, 1)).toEqual({ rgb: PUSHED_UP, alpha: 0.9 });
    expect(heatColour(-1, 1)).toEqual({ rgb: PUSHED_DOWN, alpha: 0.9 });
    expect(heatColour(0.25, 1).alpha).toBeCloseTo(0.45, 12);
  });

  it('paint white where there is neither ink nor heat, grey ink where there is no heat', () => {
    const out = new Uint8ClampedArray(8);
    paintHeatMap([0, 0], [0, 1], 1, out);
    expect(Array.from(out)).toEqual([255, 255, 255, 255, 105, 105, 105, 255]);
  });
});
