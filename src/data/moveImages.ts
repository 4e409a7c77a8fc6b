/**
 * Test images moved on their canvas, for the lesson's "local patterns anywhere" experiment: shifted by whole pixels
 * (what falls off the edge is lost, what comes in is black) or scaled about the centre. Bytes in, bytes out; no tfjs.
 */

/** A move of the image: dx right and dy down in pixels, then a scale about the centre (1: unchanged). */
export interface ImageMove {
  readonly dx: number;
  readonly dy: number;
  readonly scale: number;
}

/**
 * One side×side greyscale image moved: each output pixel samples the source at the point that maps onto it
 * (nearest pixel), or black outside the source. Scale > 1 enlarges the digit.
 */
export function moveImage(image: Uint8Array, side: number, { dx, dy, scale }: ImageMove): Uint8Array {
  const moved = new Uint8Array(side * side);
  const centre = (side - 1) / 2;
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const sx = Math.round((x - dx - centre) / scale + centre);
      const sy = Math.round((y - dy - centre) / scale + centre);
      if (sx >= 0 && sx < side && sy >= 0 && sy < side) moved[y * side + x] = image[sy * side + sx] ?? 0;
    }
  }
  return moved;
}

/** The first `count` images of a row-major stack, each moved the same way. */
export function moveImages(images: Uint8Array, side: number, count: number, move: ImageMove): Uint8Array {
  const size = side * side;
  const moved = new Uint8Array(count * size);
  for (let i = 0; i < count; i++) moved.set(moveImage(images.subarray(i * size, (i + 1) * size), side, move), i * size);
  return moved;
}

/** Where a moved digit goes: how far, and what the lesson calls it. */
export interface NamedMove extends ImageMove {
  readonly label: string;
}

/**
 * The learner's digit moved about the pad: as centred, into the top-left and bottom-right corners (its ink touching
 * both edges, as far as the ink allows), 3 px to the right, and shrunk to 60% about the centre (a digit written
 * smaller). Reads where the ink is, so a wide digit moves less.
 */
export function digitMoves(image: Uint8Array, side: number): NamedMove[] {
  let [minX, minY, maxX, maxY] = [side, side, -1, -1];
  for (let i = 0; i < side * side; i++) {
    if ((image[i] ?? 0) === 0) continue;
    const [x, y] = [i % side, Math.floor(i / side)];
    [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
  }
  const still = { dx: 0, dy: 0, scale: 1 };
  if (maxX < 0) return [{ ...still, label: 'centred' }];
  return [
    { ...still, label: 'centred' },
    { dx: -minX, dy: -minY, scale: 1, label: 'top-left corner' },
    { dx: side - 1 - maxX, dy: side - 1 - maxY, scale: 1, label: 'bottom-right corner' },
    { dx: 3, dy: 0, scale: 1, label: 'shifted 3 px right' },
    { dx: 0, dy: 0, scale: 0.6, label: 'scaled to 60%' },
  ];
}
