/**
 * Light, seeded augmentation of a 28×28 digit (0–1, white ink on black), so that a handful of drawings teach a style
 * rather than those exact pixels: a small rotation, scale and shift, and a slightly thinner or bolder stroke. Every
 * draw is bounded so that the digit stays a digit and all its ink stays in the frame.
 */
import { findInkBox } from './digitPreprocess.ts';

const SIDE = 28;
const PIXELS = SIDE * SIDE;
/** Ink kept this far from the edge: bilinear sampling and one step of stroke widening each spread it by a pixel. */
const MARGIN = 2;

export interface AugmentLimits {
  /** Largest shift, in pixels, along each axis. */
  readonly maxShift: number;
  /** Largest rotation either way, in degrees. */
  readonly maxRotationDegrees: number;
  /** Largest change of size: 0.1 draws a scale from 0.9 to 1.1. */
  readonly maxScaleChange: number;
  /** Largest change of stroke width, from −1 (thinner by about a pixel) to 1 (bolder by about a pixel). */
  readonly maxStrokeChange: number;
}

/** Bounds in the spirit of MNIST's own variation; Keras' ImageDataGenerator examples use about these. */
export const DEFAULT_AUGMENT: AugmentLimits = { maxShift: 2, maxRotationDegrees: 12, maxScaleChange: 0.1, maxStrokeChange: 0.6 };

/** One draw of the transformation, for a digit centred in the frame. */
export interface Augmentation {
  readonly rotation: number;
  readonly scale: number;
  readonly shiftX: number;
  readonly shiftY: number;
  readonly stroke: number;
}

const between = (random: () => number, limit: number) => (random() * 2 - 1) * limit;

/** Draws a transformation within `limits`, fitted so the ink box of `pixels` ends at least MARGIN inside the frame. */
export function drawAugmentation(pixels: ArrayLike<number>, random: () => number, limits: AugmentLimits = DEFAULT_AUGMENT): Augmentation {
  const rotation = (between(random, limits.maxRotationDegrees) * Math.PI) / 180;
  let scale = 1 + between(random, limits.maxScaleChange);
  let shiftX = between(random, limits.maxShift);
  let shiftY = between(random, limits.maxShift);
  const stroke = between(random, limits.maxStrokeChange);
  const box = findInkBox({ width: SIDE, height: SIDE, ink: Float32Array.from(pixels) });
  if (box) {
    const corners = [
      [box.x, box.y],
      [box.x + box.width, box.y],
      [box.x, box.y + box.height],
      [box.x + box.width, box.y + box.height],
    ].map(([x = 0, y = 0]) => rotateAboutCentre(x, y, rotation));
    const low = SIDE / 2 - MARGIN;
    const half = (axis: 0 | 1) => Math.max(...corners.map((c) => Math.abs(c[axis] - SIDE / 2)));
    // Too large to fit when scaled up: keep the size it has (a digit already fills MNIST's 20×20 box).
    scale = Math.min(scale, Math.max(1, low / Math.max(half(0), half(1), 1e-6)));
    shiftX = fitShift(corners.map((c) => c[0]), scale, shiftX);
    shiftY = fitShift(corners.map((c) => c[1]), scale, shiftY);
  }
  return { rotation, scale, shiftX, shiftY, stroke };
}

function rotateAboutCentre(x: number, y: number, angle: number): [number, number] {
  const dx = x - SIDE / 2;
  const dy = y - SIDE / 2;
  return [SIDE / 2 + dx * Math.cos(angle) - dy * Math.sin(angle), SIDE / 2 + dx * Math.sin(angle) + dy * Math.cos(angle)];
}

/** The shift closest to `wanted` that keeps the scaled ink between MARGIN and SIDE − MARGIN (0 when none can). */
function fitShift(along: readonly number[], scale: number, wanted: number): number {
  const scaled = along.map((v) => SIDE / 2 + (v - SIDE / 2) * scale);
  const lowest = MARGIN - Math.min(...scaled);
  const highest = SIDE - MARGIN - Math.max(...scaled);
  if (lowest > highest) return 0;
  return Math.min(highest, Math.max(lowest, wanted));
}

/** The digit transformed by one draw of `random` within `limits`: a new 784-pixel image, every value in 0–1. */
export function augmentDigit(pixels: ArrayLike<number>, random: () => number, limits: AugmentLimits = DEFAULT_AUGMENT): Float32Array {
  if (pixels.length !== PIXELS) throw new Error(`a digit has ${PIXELS} pixels, not ${pixels.length}`);
  return applyAugmentation(pixels, drawAugmentation(pixels, random, limits));
}

/** Resamples the digit through the inverse transformation (bilinear), then thickens or thins its strokes. */
export function applyAugmentation(pixels: ArrayLike<number>, { rotation, scale, shiftX, shiftY, stroke }: Augmentation): Float32Array {
  const out = new Float32Array(PIXELS);
  const cos = Math.cos(-rotation) / scale;
  const sin = Math.sin(-rotation) / scale;
  const centre = SIDE / 2 - 0.5;
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      const dx = x - centre - shiftX;
      const dy = y - centre - shiftY;
      out[y * SIDE + x] = sample(pixels, centre + dx * cos - dy * sin, centre + dx * sin + dy * cos);
    }
  }
  return changeStroke(out, stroke);
}

function sample(pixels: ArrayLike<number>, x: number, y: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const at = (px: number, py: number) => (px < 0 || py < 0 || px >= SIDE || py >= SIDE ? 0 : (pixels[py * SIDE + px] ?? 0));
  const value = (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) + (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
  return Math.min(1, Math.max(0, value));
}

/**
 * Bolder (amount > 0): blends towards each pixel's brightest 4-neighbour; thinner (< 0): towards its darkest, which
 * eats a pixel from each side of a stroke at −1. Clamped to 0–1.
 */
function changeStroke(image: Float32Array, amount: number): Float32Array {
  if (amount === 0) return image;
  const out = new Float32Array(PIXELS);
  const pick = amount > 0 ? Math.max : Math.min;
  const weight = Math.abs(amount);
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      const at = (px: number, py: number) => (px < 0 || py < 0 || px >= SIDE || py >= SIDE ? 0 : (image[py * SIDE + px] ?? 0));
      const own = at(x, y);
      const neighbour = pick(own, at(x - 1, y), at(x + 1, y), at(x, y - 1), at(x, y + 1));
      out[y * SIDE + x] = Math.min(1, Math.max(0, own + (neighbour - own) * weight));
    }
  }
  return out;
}
