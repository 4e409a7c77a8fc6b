import { describe, expect, it } from 'vitest';
import { applyAugmentation, augmentDigit, DEFAULT_AUGMENT, drawAugmentation } from './augment.ts';
import { createRandom } from './batching.ts';
import { findInkBox } from './digitPreprocess.ts';

const SIDE = 28;
const sum = (pixels: ArrayLike<number>) => Array.from(pixels).reduce((a, b) => a + b, 0);

/** A 7 as MNIST frames digits: strokes about 2 px wide in a box of `size` px from (left, top). */
function sevenAt(left: number, top: number, size: number): Float32Array {
  const pixels = new Float32Array(SIDE * SIDE);
  const ink = (x: number, y: number) => {
    for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) {
      const px = Math.round(x) + dx;
      const py = Math.round(y) + dy;
      if (px >= 0 && py >= 0 && px < SIDE && py < SIDE) pixels[py * SIDE + px] = 1;
    }
  };
  for (let t = 0; t <= 1; t += 0.01) {
    ink(left + t * (size - 2), top);
    ink(left + (size - 2) * (1 - t * 0.6), top + t * (size - 2));
  }
  return pixels;
}

const inkBoxOf = (pixels: Float32Array) => findInkBox({ width: SIDE, height: SIDE, ink: pixels });

describe('augmentDigit', () => {
  const seven = sevenAt(4, 4, 20);

  it('repeats exactly for the same seed, and differs between seeds', () => {
    const first = augmentDigit(seven, createRandom(42));
    expect(augmentDigit(seven, createRandom(42))).toEqual(first);
    expect(augmentDigit(seven, createRandom(43))).not.toEqual(first);
  });

  it('gives 784 pixels, every one in 0–1, for many draws', () => {
    const random = createRandom(7);
    for (let i = 0; i < 300; i++) {
      const out = augmentDigit(seven, random);
      expect(out).toHaveLength(SIDE * SIDE);
      const values = Array.from(out);
      expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...values)).toBeLessThanOrEqual(1);
    }
  });

  it('draws within its limits', () => {
    const random = createRandom(3);
    for (let i = 0; i < 500; i++) {
      const drawn = drawAugmentation(seven, random);
      expect(Math.abs(drawn.rotation)).toBeLessThanOrEqual((DEFAULT_AUGMENT.maxRotationDegrees * Math.PI) / 180);
      expect(Math.abs(drawn.scale - 1)).toBeLessThanOrEqual(DEFAULT_AUGMENT.maxScaleChange);
      expect(Math.abs(drawn.shiftX)).toBeLessThanOrEqual(DEFAULT_AUGMENT.maxShift);
      expect(Math.abs(drawn.shiftY)).toBeLessThanOrEqual(DEFAULT_AUGMENT.maxShift);
      expect(Math.abs(drawn.stroke)).toBeLessThanOrEqual(DEFAULT_AUGMENT.maxStrokeChange);
    }
  });

  // Resampling keeps ink mass × scale²: ink pushed out of the frame would show as mass lost.
  it.each([
    ['centred as MNIST centres it', sevenAt(4, 4, 20)],
    ['near the top-left corner', sevenAt(1, 1, 20)],
    ['near the bottom-right corner', sevenAt(7, 7, 20)],
  ])('keeps all the ink of a digit %s in the frame', (_where, digit) => {
    const random = createRandom(11);
    for (let i = 0; i < 300; i++) {
      const drawn = { ...drawAugmentation(digit, random), stroke: 0 };
      const out = applyAugmentation(digit, drawn);
      expect(sum(out) / (sum(digit) * drawn.scale ** 2)).toBeGreaterThan(0.93);
      const box = inkBoxOf(out)!;
      expect(box.x).toBeGreaterThanOrEqual(1);
      expect(box.y).toBeGreaterThanOrEqual(1);
      expect(box.x + box.width).toBeLessThanOrEqual(SIDE - 1);
      expect(box.y + box.height).toBeLessThanOrEqual(SIDE - 1);
    }
  });

  it('makes strokes bolder or thinner by at most about a pixel', () => {
    const still = { rotation: 0, scale: 1, shiftX: 0, shiftY: 0 };
    const bold = applyAugmentation(seven, { ...still, stroke: 1 });
    const thin = applyAugmentation(seven, { ...still, stroke: -1 });
    expect(sum(bold)).toBeGreaterThan(sum(seven) * 1.3);
    expect(sum(thin)).toBeLessThan(sum(seven) * 0.8);
    expect(sum(thin)).toBeGreaterThan(0);
  });

  it('refuses an image that is not 28×28', () => {
    expect(() => augmentDigit(new Float32Array(100), createRandom(1))).toThrow(/784 pixels/);
  });
});
