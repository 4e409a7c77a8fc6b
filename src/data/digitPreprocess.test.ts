import { describe, expect, it } from 'vitest';
import {
  DIGIT_INK_SIZE,
  DIGIT_SIZE,
  computeCentreOfMass,
  findInkBox,
  inkFromRgba,
  preprocessDigit,
  resampleByArea,
  type InkImage,
} from './digitPreprocess.ts';

type Stroke = readonly (readonly [number, number])[];

/** Strokes of a round pen, anti-aliased: coverage falls from 1 to 0 over the pixel that straddles the edge. */
function drawStrokes(size: number, radius: number, strokes: readonly Stroke[]): InkImage {
  const ink = new Float32Array(size * size);
  for (const stroke of strokes) {
    for (let s = 0; s < stroke.length; s++) {
      const [ax, ay] = stroke[s] ?? [0, 0];
      const [bx, by] = stroke[Math.min(s + 1, stroke.length - 1)] ?? [0, 0];
      const reach = radius + 1;
      const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - reach));
      const x1 = Math.min(size - 1, Math.ceil(Math.max(ax, bx) + reach));
      const y0 = Math.max(0, Math.floor(Math.min(ay, by) - reach));
      const y1 = Math.min(size - 1, Math.ceil(Math.max(ay, by) + reach));
      const lengthSquared = (bx - ax) ** 2 + (by - ay) ** 2;
      for (let y = y0; y <= y1; y++) {
        for (let x = x0; x <= x1; x++) {
          const px = x + 0.5;
          const py = y + 0.5;
          const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / lengthSquared));
          const distance = Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
          const coverage = Math.max(0, Math.min(1, radius + 0.5 - distance));
          ink[y * size + x] = Math.max(ink[y * size + x] ?? 0, coverage);
        }
      }
    }
  }
  return { width: size, height: size, ink };
}

function moveStrokes(strokes: readonly Stroke[], dx: number, dy: number): Stroke[] {
  return strokes.map((stroke) => stroke.map(([x, y]) => [x + dx, y + dy] as const));
}

/** Columns and rows of the 28×28 result that hold any ink at all (the background is exactly 0). */
function measureExtent(pixels: Float32Array): { width: number; height: number; centreX: number; centreY: number } {
  let left = DIGIT_SIZE;
  let right = -1;
  let top = DIGIT_SIZE;
  let bottom = -1;
  pixels.forEach((v, p) => {
    if (v <= 0) return;
    const x = p % DIGIT_SIZE;
    const y = Math.floor(p / DIGIT_SIZE);
    left = Math.min(left, x);
    right = Math.max(right, x);
    top = Math.min(top, y);
    bottom = Math.max(bottom, y);
  });
  return { width: right - left + 1, height: bottom - top + 1, centreX: (left + right + 1) / 2, centreY: (top + bottom + 1) / 2 };
}

function sumBox(image: InkImage, box: { x: number; y: number; width: number; height: number }): number {
  let sum = 0;
  for (let y = box.y; y < box.y + box.height; y++) for (let x = box.x; x < box.x + box.width; x++) sum += image.ink[y * image.width + x] ?? 0;
  return sum;
}

const SEVEN: Stroke[] = [[[200, 30], [240, 30], [215, 90]]];
const TWO: Stroke[] = [[[60, 90], [120, 40], [300, 40], [360, 110], [80, 400], [390, 400]]];
const FOUR: Stroke[] = [[[260, 60], [100, 260], [340, 260]], [[260, 60], [260, 400]]];
const ONE: Stroke[] = [[[140, 40], [140, 240]]];
const DASH: Stroke[] = [[[30, 140], [250, 140]]];
const ELL: Stroke[] = [[[80, 40], [80, 220], [200, 220]]];

const drawings: [string, InkImage][] = [
  ['a small, off-centre 7', drawStrokes(280, 3, SEVEN)],
  ['a large 2 filling the pad', drawStrokes(448, 14, TWO)],
  ['a thin 4', drawStrokes(448, 1, FOUR)],
  ['a thick L', drawStrokes(280, 30, ELL)],
  ['a tall, narrow 1', drawStrokes(280, 6, ONE)],
  ['a wide dash', drawStrokes(280, 6, DASH)],
  ['a tiny disc, scaled up', drawStrokes(280, 2, [[[10, 10]]])],
  ['a single pixel', (() => { const image = drawStrokes(280, 0, []); image.ink[57 * 280 + 100] = 1; return image; })()],
];

describe('preprocessDigit', () => {
  describe.each(drawings)('%s', (_name, image) => {
    const result = preprocessDigit(image);
    if (result === null) throw new Error('a drawing with ink must give a digit');
    const { pixels, box } = result;

    it('is 28×28 with every value in [0, 1]', () => {
      expect(pixels).toHaveLength(DIGIT_SIZE * DIGIT_SIZE);
      expect(Math.min(...pixels)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...pixels)).toBeLessThanOrEqual(1);
    });

    it('puts the centre of mass at (14, 14)', () => {
      const centre = computeCentreOfMass(pixels, DIGIT_SIZE, DIGIT_SIZE);
      expect(centre?.x).toBeCloseTo(14, 1);
      expect(centre?.y).toBeCloseTo(14, 1);
      expect(result.centreOfMass.x).toBeCloseTo(centre?.x ?? 0, 5);
      expect(result.centreOfMass.y).toBeCloseTo(centre?.y ?? 0, 5);
    });

    it('scales the longer side to 20 px and keeps the aspect ratio', () => {
      const long = Math.max(box.width, box.height);
      const expectedShort = Math.max(1, Math.round((Math.min(box.width, box.height) * DIGIT_INK_SIZE) / long));
      const [expectedWidth, expectedHeight] = box.width >= box.height ? [DIGIT_INK_SIZE, expectedShort] : [expectedShort, DIGIT_INK_SIZE];
      expect([result.scaledWidth, result.scaledHeight]).toEqual([expectedWidth, expectedHeight]);
      // A sub-pixel shift spreads an n-px image over n or n + 1 output pixels, never more or fewer.
      const extent = measureExtent(pixels);
      expect(extent.width - expectedWidth).toBeGreaterThanOrEqual(0);
      expect(extent.width - expectedWidth).toBeLessThanOrEqual(1);
      expect(extent.height - expectedHeight).toBeGreaterThanOrEqual(0);
      expect(extent.height - expectedHeight).toBeLessThanOrEqual(1);
    });

    it('keeps the ink, scaled by the change in area', () => {
      const expected = (sumBox(image, box) * result.scaledWidth * result.scaledHeight) / (box.width * box.height);
      const total = pixels.reduce((a, b) => a + b, 0);
      expect(Math.abs(total - expected) / expected).toBeLessThan(1e-4);
    });
  });

  it('crops to the pixels with coverage above the threshold', () => {
    // A radius-6 pen covers 6.5 − distance: columns 134–145 count; 133, whose centre is 6.5 px away, does not.
    expect(preprocessDigit(drawStrokes(280, 6, ONE))?.box).toEqual({ x: 134, y: 34, width: 12, height: 212 });
  });

  it('keeps a tall digit tall and a wide one wide', () => {
    const one = measureExtent(preprocessDigit(drawStrokes(280, 6, ONE))?.pixels ?? new Float32Array(784));
    const dash = measureExtent(preprocessDigit(drawStrokes(280, 6, DASH))?.pixels ?? new Float32Array(784));
    expect(one.height).toBeGreaterThanOrEqual(DIGIT_INK_SIZE);
    expect(one.width).toBeLessThanOrEqual(3);
    expect(dash.width).toBeGreaterThanOrEqual(DIGIT_INK_SIZE);
    expect(dash.height).toBeLessThanOrEqual(3);
  });

  it('gives thick strokes full ink and thin ones the grey of area averaging, not a threshold', () => {
    const thick = preprocessDigit(drawStrokes(280, 30, ELL));
    const thin = preprocessDigit(drawStrokes(448, 1, FOUR));
    expect(Math.max(...(thick?.pixels ?? []))).toBeGreaterThan(0.99);
    // A 3-px pen shrunk by ~17× covers a fifth of an output pixel's width.
    expect(Math.max(...(thin?.pixels ?? []))).toBeLessThan(0.5);
    expect(Math.max(...(thin?.pixels ?? []))).toBeGreaterThan(0.1);
  });

  it('turns a single pixel into a solid 20×20 square centred in the field', () => {
    const image = drawStrokes(280, 0, []);
    image.ink[57 * 280 + 100] = 1;
    const pixels = preprocessDigit(image)?.pixels ?? new Float32Array(784);
    for (let y = 0; y < DIGIT_SIZE; y++) {
      for (let x = 0; x < DIGIT_SIZE; x++) {
        const inside = x >= 4 && x < 24 && y >= 4 && y < 24;
        expect(pixels[y * DIGIT_SIZE + x]).toBeCloseTo(inside ? 1 : 0, 6);
      }
    }
  });

  it('gives the same digit wherever it is drawn on the pad', () => {
    const here = preprocessDigit(drawStrokes(448, 10, FOUR))?.pixels ?? new Float32Array(0);
    const there = preprocessDigit(drawStrokes(448, 10, moveStrokes(FOUR, -90, 37)))?.pixels ?? new Float32Array(1);
    expect(here).toHaveLength(784);
    here.forEach((v, p) => expect(Math.abs(v - (there[p] ?? -1))).toBeLessThan(1e-5));
  });

  it('centres the centre of mass, not the bounding box', () => {
    // An L's mass sits low and left of its box's middle, so its box ends up right and above the field's centre.
    const result = preprocessDigit(drawStrokes(280, 8, ELL));
    const extent = measureExtent(result?.pixels ?? new Float32Array(784));
    expect(extent.centreX - 14).toBeGreaterThan(1.5);
    expect(14 - extent.centreY).toBeGreaterThan(1.5);
    expect(result?.centreOfMass.x).toBeCloseTo(14, 1);
    expect(result?.centreOfMass.y).toBeCloseTo(14, 1);
  });

  it('clips ink that the centring pushes out of the field', () => {
    // A heavy blob at the left end of a long faint tail: centring the blob pushes the tail's end past the edge.
    const image = drawStrokes(280, 0, []);
    for (let x = 20; x < 220; x++) image.ink[100 * 280 + x] = x < 30 ? 1 : 0.05;
    const result = preprocessDigit(image);
    const pixels = result?.pixels ?? new Float32Array(784);
    expect(Math.max(...pixels)).toBeLessThanOrEqual(1);
    expect(pixels[14 * DIGIT_SIZE + 27]).toBeGreaterThan(0);
    const kept = pixels.reduce((a, b) => a + b, 0);
    expect(kept).toBeLessThan((sumBox(image, { x: 20, y: 100, width: 200, height: 1 }) * 20) / 200);
  });

  it('returns null for an empty pad and for a pad with only faint fringes', () => {
    const empty = drawStrokes(280, 0, []);
    expect(preprocessDigit(empty)).toBeNull();
    empty.ink.fill(0.01);
    expect(preprocessDigit(empty)).toBeNull();
  });

  it('rejects ink whose length does not match its size', () => {
    expect(() => preprocessDigit({ width: 10, height: 10, ink: new Float32Array(99) })).toThrow('ink holds 99 pixels, not 10×10');
  });

  it('processes a 448×448 pad in well under a frame', () => {
    const image = drawStrokes(448, 14, TWO);
    for (let i = 0; i < 5; i++) preprocessDigit(image);
    const runs = 50;
    const start = performance.now();
    for (let i = 0; i < runs; i++) preprocessDigit(image);
    expect((performance.now() - start) / runs).toBeLessThan(10);
  });
});

describe('findInkBox', () => {
  it('bounds pixels above the threshold and ignores those at or below it', () => {
    const ink = new Float32Array(6 * 5);
    ink[1 * 6 + 2] = 0.5;
    ink[3 * 6 + 4] = 0.02;
    ink[4 * 6 + 5] = 0.01;
    expect(findInkBox({ width: 6, height: 5, ink })).toEqual({ x: 2, y: 1, width: 3, height: 3 });
    expect(findInkBox({ width: 6, height: 5, ink }, 0.1)).toEqual({ x: 2, y: 1, width: 1, height: 1 });
    expect(findInkBox({ width: 6, height: 5, ink }, 0.5)).toBeNull();
  });
});

describe('computeCentreOfMass', () => {
  it('puts a lone pixel at its centre, i + 0.5', () => {
    const pixels = new Float32Array(4 * 3);
    pixels[1 * 4 + 2] = 0.7;
    expect(computeCentreOfMass(pixels, 4, 3)).toEqual({ x: 2.5, y: 1.5 });
  });

  it('weights by intensity', () => {
    expect(computeCentreOfMass(Float32Array.from([1, 0, 0, 0.5]), 4, 1)?.x).toBeCloseTo((0.5 * 1 + 3.5 * 0.5) / 1.5, 6);
  });

  it('is null without ink', () => {
    expect(computeCentreOfMass(new Float32Array(9), 3, 3)).toBeNull();
  });
});

describe('resampleByArea', () => {
  const row = (values: number[]): InkImage => ({ width: values.length, height: 1, ink: Float32Array.from(values) });

  it('averages the fractional source area each output pixel covers when shrinking', () => {
    // Output pixel 0 covers source [0, 1.5), pixel 1 covers [1.5, 3).
    const out = resampleByArea(row([1, 0.3, 0]), { x: 0, y: 0, width: 3, height: 1 }, 2, 1);
    expect(out[0]).toBeCloseTo((1 + 0.5 * 0.3) / 1.5, 6);
    expect(out[1]).toBeCloseTo((0.5 * 0.3) / 1.5, 6);
  });

  it('blends across a source edge when enlarging', () => {
    const out = resampleByArea(row([1, 0]), { x: 0, y: 0, width: 2, height: 1 }, 3, 1);
    expect(Array.from(out).map((v) => Number(v.toFixed(6)))).toEqual([1, 0.5, 0]);
  });

  it('reads only the box, in both directions', () => {
    const image: InkImage = { width: 4, height: 4, ink: Float32Array.from([9, 9, 9, 9, 9, 1, 0, 9, 9, 0, 1, 9, 9, 9, 9, 9]) };
    expect(Array.from(resampleByArea(image, { x: 1, y: 1, width: 2, height: 2 }, 1, 1))).toEqual([0.5]);
  });
});

describe('inkFromRgba', () => {
  it('reads coverage from the alpha channel, whatever the colour', () => {
    const rgba = Uint8ClampedArray.from([0, 0, 0, 255, 255, 255, 255, 0, 12, 200, 7, 51]);
    expect(Array.from(inkFromRgba(rgba, 3, 1).ink)).toEqual([1, 0, Math.fround(51 / 255)]);
  });

  it('fills a buffer it is given', () => {
    const into = new Float32Array(2);
    expect(inkFromRgba(Uint8ClampedArray.from([0, 0, 0, 255, 0, 0, 0, 0]), 2, 1, into).ink).toBe(into);
    expect(Array.from(into)).toEqual([1, 0]);
  });

  it('rejects bytes that do not match the size', () => {
    expect(() => inkFromRgba(new Uint8ClampedArray(12), 2, 2)).toThrow('expected 16 RGBA bytes for 2×2, got 12');
  });
});
