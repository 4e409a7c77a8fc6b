/**
 * A handwriting style the shipped model misreads: a 7 whose stem kinks right halfway down. The shipped model reads it
 * as a 3 (99–100% in Node, at every size and place tried). Paths in a unit box (x right, y down), as digitStrokes.ts.
 */
import { catmullRom, type Placement } from './digitStrokes.ts';

type Point = readonly [number, number];

/** The drawings taught: one path, drawn at several places and sizes. */
export const KINKED_SEVEN: readonly (readonly Point[])[] = [[[0.2, 0.12], [0.84, 0.12], [0.5, 0.55], [0.6, 0.7], [0.45, 0.95]]];
/** New drawings of the same style, never taught: the kink and the bar a little different. */
export const KINKED_SEVEN_AGAIN: readonly (readonly Point[])[] = [[[0.16, 0.1], [0.82, 0.15], [0.52, 0.52], [0.64, 0.68], [0.48, 0.94]]];

/** The strokes in pad fractions, smoothed and placed as digitStrokes places a digit. */
export function placeStrokes(strokes: readonly (readonly Point[])[], { size, left, top }: Placement): Point[][] {
  return strokes.map((stroke) => catmullRom(stroke).map(([x, y]) => [left + x * size * 0.8, top + y * size] as const));
}
