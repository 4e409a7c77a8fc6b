/** Numbers about an attribution map that a reader can take in: totals per region, and how much of it lies on the ink. */

export interface RegionTotals {
  /** Regions per side: a side of 28 pixels in blocks of 4 gives 7. */
  readonly blocks: number;
  /** blocks × blocks sums, row by row. */
  readonly totals: readonly number[];
}

/** Sums a size × size map over square blocks, so a table of a few dozen numbers can stand for 784 pixels. */
export function regionTotals(map: ArrayLike<number>, size: number, block: number): RegionTotals {
  const blocks = Math.ceil(size / block);
  const totals = new Array<number>(blocks * blocks).fill(0);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const at = Math.floor(y / block) * blocks + Math.floor(x / block);
      totals[at] = (totals[at] ?? 0) + (map[y * size + x] ?? 0);
    }
  }
  return { blocks, totals };
}

/** The largest magnitude in the map, so a diverging colour scale is symmetric around zero; 0 for an all-zero map. */
export function largestMagnitude(map: ArrayLike<number>): number {
  let largest = 0;
  for (let i = 0; i < map.length; i++) largest = Math.max(largest, Math.abs(map[i] ?? 0));
  return largest;
}

/**
 * The share of the map's total magnitude on pixels within `reach` pixels of ink (ink: above `threshold`). Occlusion
 * and Grad-CAM are coarser than a pixel, so their mass sits near the strokes rather than exactly on them.
 */
export function shareNearInk(map: ArrayLike<number>, ink: ArrayLike<number>, size: number, reach: number, threshold = 0.1): number {
  let near = 0;
  let total = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const magnitude = Math.abs(map[y * size + x] ?? 0);
      total += magnitude;
      if (hasInkWithin(ink, size, x, y, reach, threshold)) near += magnitude;
    }
  }
  return total > 0 ? near / total : 0;
}

function hasInkWithin(ink: ArrayLike<number>, size: number, x: number, y: number, reach: number, threshold: number): boolean {
  for (let dy = -reach; dy <= reach; dy++) {
    for (let dx = -reach; dx <= reach; dx++) {
      const yy = y + dy;
      const xx = x + dx;
      if (yy >= 0 && yy < size && xx >= 0 && xx < size && (ink[yy * size + xx] ?? 0) > threshold) return true;
    }
  }
  return false;
}
