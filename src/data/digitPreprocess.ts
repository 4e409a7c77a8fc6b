/**
 * A hand-drawn digit made to look like MNIST, the way MNIST was made: crop to the ink, scale the longer side to
 * 20 px with anti-aliasing, then place it in a black 28×28 field with its centre of mass at the centre.
 *
 * Coordinates: pixel (column j, row i) covers [j, j+1) × [i, i+1), so its centre is (j + 0.5, i + 0.5) and the
 * centre of the 28×28 field is (14, 14).
 */

/** Ink coverage per pixel, row-major, in [0, 1]: 0 is paper, 1 is full ink. */
export interface InkImage {
  readonly width: number;
  readonly height: number;
  readonly ink: Float32Array;
}

/** A rectangle of whole pixels: columns x … x+width−1, rows y … y+height−1. */
export interface PixelBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface PreprocessedDigit {
  /** DIGIT_SIZE × DIGIT_SIZE, row-major, white ink (1) on black (0): what the network reads. */
  readonly pixels: Float32Array;
  /** Of `pixels`: (14, 14) unless ink had to be clipped at the border. */
  readonly centreOfMass: Point;
  /** Where the ink was in the input. */
  readonly box: PixelBox;
  /** The ink's size after scaling and before centring: the longer side is DIGIT_INK_SIZE. */
  readonly scaledWidth: number;
  readonly scaledHeight: number;
}

export const DIGIT_SIZE = 28;
/** MNIST fitted each digit into a 20×20 box and left a 4-pixel margin for the centring shift. */
export const DIGIT_INK_SIZE = 20;
/** Coverage at or below this is paper: keeps stray anti-aliasing fringes from stretching the crop. */
export const INK_THRESHOLD = 0.01;

/**
 * Ink from a canvas's RGBA pixels: the alpha channel / 255, whatever the colour.
 * The pad draws opaque strokes on a transparent canvas, so alpha is exactly the stroke's coverage.
 * Pass `into` (width × height) to reuse a buffer between pointer moves.
 */
export function inkFromRgba(rgba: Uint8ClampedArray, width: number, height: number, into?: Float32Array): InkImage {
  const count = width * height;
  if (rgba.length !== count * 4) throw new Error(`expected ${count * 4} RGBA bytes for ${width}×${height}, got ${rgba.length}`);
  const ink = into ?? new Float32Array(count);
  if (ink.length !== count) throw new Error(`buffer holds ${ink.length} pixels, not ${count}`);
  for (let p = 0; p < count; p++) ink[p] = (rgba[4 * p + 3] ?? 0) / 255;
  return { width, height, ink };
}

/** The smallest box holding every pixel with ink above `threshold`; null when there is none. */
export function findInkBox(image: InkImage, threshold = INK_THRESHOLD): PixelBox | null {
  const { width, height, ink } = image;
  checkImage(image);
  let left = width;
  let right = -1;
  let top = -1;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let first = -1;
    let last = -1;
    for (let x = 0; x < width; x++) {
      if ((ink[row + x] ?? 0) > threshold) {
        if (first < 0) first = x;
        last = x;
      }
    }
    if (first < 0) continue;
    if (top < 0) top = y;
    bottom = y;
    if (first < left) left = first;
    if (last > right) right = last;
  }
  if (top < 0) return null;
  return { x: left, y: top, width: right - left + 1, height: bottom - top + 1 };
}

/** The intensity-weighted mean position, with pixel centres at i + 0.5; null when there is no ink at all. */
export function computeCentreOfMass(pixels: ArrayLike<number>, width: number, height: number): Point | null {
  let mass = 0;
  let sumX = 0;
  let sumY = 0;
  for (let y = 0; y < height; y++) {
    let rowMass = 0;
    for (let x = 0; x < width; x++) {
      const v = pixels[y * width + x] ?? 0;
      rowMass += v;
      sumX += v * (x + 0.5);
    }
    mass += rowMass;
    sumY += rowMass * (y + 0.5);
  }
  return mass > 0 ? { x: sumX / mass, y: sumY / mass } : null;
}

/**
 * `box` of `image` resized to width × height by area averaging: each output pixel is the coverage-weighted mean
 * of the source area it covers. A box filter that counts fractional pixels, so it anti-aliases when shrinking,
 * gives flat blocks when enlarging, and keeps the mean intensity. Separable: rows first, then columns.
 */
export function resampleByArea(image: InkImage, box: PixelBox, width: number, height: number): Float32Array {
  checkImage(image);
  const across = computeAreaWeights(box.width, width);
  const down = computeAreaWeights(box.height, height);
  const rows = new Float32Array(width * box.height);
  for (let y = 0; y < box.height; y++) {
    const source = (box.y + y) * image.width + box.x;
    for (let j = 0; j < width; j++) {
      let sum = 0;
      const base = j * across.stride;
      for (let t = 0; t < (across.count[j] ?? 0); t++) {
        sum += (across.weights[base + t] ?? 0) * (image.ink[source + (across.first[j] ?? 0) + t] ?? 0);
      }
      rows[y * width + j] = sum;
    }
  }
  const out = new Float32Array(width * height);
  for (let i = 0; i < height; i++) {
    const base = i * down.stride;
    for (let t = 0; t < (down.count[i] ?? 0); t++) {
      const weight = down.weights[base + t] ?? 0;
      const row = ((down.first[i] ?? 0) + t) * width;
      for (let j = 0; j < width; j++) out[i * width + j] = (out[i * width + j] ?? 0) + weight * (rows[row + j] ?? 0);
    }
  }
  return out;
}

/** The drawing as a 28×28 MNIST-style digit, or null when nothing is drawn. */
export function preprocessDigit(image: InkImage): PreprocessedDigit | null {
  const box = findInkBox(image);
  if (box === null) return null;
  const long = Math.max(box.width, box.height);
  const short = Math.min(box.width, box.height);
  const scaledShort = Math.max(1, Math.round((short * DIGIT_INK_SIZE) / long));
  const scaledWidth = box.width >= box.height ? DIGIT_INK_SIZE : scaledShort;
  const scaledHeight = box.width >= box.height ? scaledShort : DIGIT_INK_SIZE;
  const scaled = resampleByArea(image, box, scaledWidth, scaledHeight);
  const centre = computeCentreOfMass(scaled, scaledWidth, scaledHeight);
  if (centre === null) return null;
  const pixels = new Float32Array(DIGIT_SIZE * DIGIT_SIZE);
  shiftInto(scaled, scaledWidth, scaledHeight, DIGIT_SIZE / 2 - centre.x, DIGIT_SIZE / 2 - centre.y, pixels);
  const centreOfMass = computeCentreOfMass(pixels, DIGIT_SIZE, DIGIT_SIZE) ?? { x: DIGIT_SIZE / 2, y: DIGIT_SIZE / 2 };
  return { pixels, centreOfMass, box, scaledWidth, scaledHeight };
}

/**
 * Adds `source` to the DIGIT_SIZE² `target`, moved by (dx, dy) px. A fractional move splits each pixel over the
 * four it overlaps by area (bilinear), which moves the centre of mass by exactly (dx, dy). Ink past the edge is lost.
 */
function shiftInto(source: Float32Array, width: number, height: number, dx: number, dy: number, target: Float32Array): void {
  const shiftX = Math.floor(dx);
  const shiftY = Math.floor(dy);
  const fx = dx - shiftX;
  const fy = dy - shiftY;
  const corners = [
    [0, 0, (1 - fx) * (1 - fy)],
    [1, 0, fx * (1 - fy)],
    [0, 1, (1 - fx) * fy],
    [1, 1, fx * fy],
  ] as const;
  for (const [cx, cy, weight] of corners) {
    if (weight === 0) continue;
    for (let i = 0; i < height; i++) {
      const y = i + shiftY + cy;
      if (y < 0 || y >= DIGIT_SIZE) continue;
      for (let j = 0; j < width; j++) {
        const x = j + shiftX + cx;
        if (x < 0 || x >= DIGIT_SIZE) continue;
        target[y * DIGIT_SIZE + x] = (target[y * DIGIT_SIZE + x] ?? 0) + weight * (source[i * width + j] ?? 0);
      }
    }
  }
  // Weights sum to 1 only up to rounding; the network expects nothing above full ink.
  for (let p = 0; p < target.length; p++) if ((target[p] ?? 0) > 1) target[p] = 1;
}

/** Output pixel j covers source [j·s, (j+1)·s) with s = source/dest; weights are each source pixel's share of it. */
interface AreaWeights {
  readonly first: Int32Array;
  readonly count: Int32Array;
  readonly weights: Float64Array;
  readonly stride: number;
}

function computeAreaWeights(sourceLength: number, destLength: number): AreaWeights {
  const span = sourceLength / destLength;
  const stride = Math.ceil(span) + 1;
  const first = new Int32Array(destLength);
  const count = new Int32Array(destLength);
  const weights = new Float64Array(destLength * stride);
  for (let j = 0; j < destLength; j++) {
    const start = (j * sourceLength) / destLength;
    const end = ((j + 1) * sourceLength) / destLength;
    const from = Math.floor(start);
    const to = Math.min(sourceLength, Math.ceil(end));
    first[j] = from;
    count[j] = to - from;
    for (let k = from; k < to; k++) weights[j * stride + k - from] = (Math.min(end, k + 1) - Math.max(start, k)) / span;
  }
  return { first, count, weights, stride };
}

function checkImage({ width, height, ink }: InkImage): void {
  if (ink.length !== width * height) throw new Error(`ink holds ${ink.length} pixels, not ${width}×${height}`);
}
