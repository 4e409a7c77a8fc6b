/**
 * A diverging scale for attribution maps, symmetric around zero: red where a pixel pushed the class's score up, blue
 * where it pushed it down (ColorBrewer's RdBu ends, which stay apart for red–green colour blindness), clear at zero.
 */
export const PUSHED_UP: readonly [number, number, number] = [202, 0, 32];
export const PUSHED_DOWN: readonly [number, number, number] = [5, 113, 176];

/** The colour and opacity (0–1) for a value, given the map's largest magnitude. */
export function heatColour(value: number, largest: number): { rgb: readonly [number, number, number]; alpha: number } {
  if (!(largest > 0) || value === 0) return { rgb: PUSHED_UP, alpha: 0 };
  const strength = Math.min(1, Math.abs(value) / largest);
  // A square root lifts the faint values: attribution maps are dominated by a few strong pixels.
  return { rgb: value > 0 ? PUSHED_UP : PUSHED_DOWN, alpha: 0.9 * Math.sqrt(strength) };
}

/**
 * The map over the digit as RGBA for a 28×28 canvas: the digit's ink in grey on white (the pad's own colours
 * reversed would hide the colours), each pixel's heat laid over it.
 */
export function paintHeatMap(values: ArrayLike<number>, ink: ArrayLike<number>, largest: number, out: Uint8ClampedArray): void {
  for (let i = 0; i < values.length; i++) {
    const grey = 255 - Math.round(150 * Math.min(1, Math.max(0, ink[i] ?? 0)));
    const { rgb, alpha } = heatColour(values[i] ?? 0, largest);
    out.set([0, 1, 2].map((c) => Math.round(grey * (1 - alpha) + (rgb[c] ?? 0) * alpha)), i * 4);
    out[i * 4 + 3] = 255;
  }
}
