import { describe, expect, it } from 'vitest';
import { cellColour, contrastRatio } from './cellColour.ts';

const parseRgb = (css: string) => (css.match(/\d+/g) ?? []).map(Number) as [number, number, number];
const parseHex = (hex: string) => (hex === '#000' ? [0, 0, 0] : [255, 255, 255]) as [number, number, number];

describe('cellColour', () => {
  it('gives every count at least 4.5:1 (WCAG AA) on its tint, for right answers and confusions, at every share', () => {
    const worst = { ratio: Infinity, share: NaN };
    for (const correct of [true, false]) {
      for (let i = 0; i <= 1000; i++) {
        const { background, color } = cellColour(i / 1000, correct);
        const ratio = contrastRatio(parseRgb(background), parseHex(color));
        if (ratio < worst.ratio) Object.assign(worst, { ratio, share: i / 1000 });
      }
    }
    expect(worst.ratio).toBeGreaterThanOrEqual(4.5);
  });

  it('leaves an empty cell white and fills a whole row with the full tint', () => {
    expect(cellColour(0, true)).toEqual({ background: 'rgb(255, 255, 255)', color: '#000' });
    expect(cellColour(1, true)).toEqual({ background: 'rgb(33, 102, 172)', color: '#fff' });
    expect(cellColour(1, false).background).toBe('rgb(230, 97, 1)');
  });

  it('measures contrast as WCAG does: black on white is 21:1, a colour on itself 1:1', () => {
    expect(contrastRatio([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    expect(contrastRatio([107, 114, 128], [107, 114, 128])).toBe(1);
    // #6b7280 on #ffffff, as contrast checkers give it.
    expect(contrastRatio([107, 114, 128], [255, 255, 255])).toBeCloseTo(4.83, 2);
  });
});
