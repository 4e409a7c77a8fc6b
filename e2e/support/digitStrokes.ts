/**
 * Hand-made pen paths for the ten digits, in a unit box (x right, y down), drawn the way people write them. Each
 * stroke is a few control points smoothed by Catmull-Rom, so the mouse moves along curves rather than corners.
 */
type Point = readonly [number, number];

const DIGIT_STROKES: Record<number, readonly (readonly Point[])[]> = {
  0: [[[0.5, 0.08], [0.28, 0.2], [0.2, 0.5], [0.3, 0.82], [0.5, 0.92], [0.7, 0.82], [0.8, 0.5], [0.72, 0.18], [0.5, 0.08], [0.42, 0.12]]],
  1: [[[0.46, 0.08], [0.5, 0.5], [0.54, 0.92]]],
  2: [[[0.22, 0.28], [0.45, 0.08], [0.72, 0.15], [0.74, 0.38], [0.5, 0.62], [0.2, 0.9], [0.55, 0.88], [0.85, 0.9]]],
  3: [[[0.22, 0.15], [0.5, 0.07], [0.76, 0.2], [0.7, 0.4], [0.45, 0.5], [0.72, 0.58], [0.8, 0.78], [0.55, 0.93], [0.2, 0.86]]],
  4: [
    [[0.3, 0.08], [0.24, 0.35], [0.2, 0.58], [0.5, 0.58], [0.82, 0.56]],
    [[0.68, 0.1], [0.67, 0.5], [0.66, 0.94]],
  ],
  5: [[[0.78, 0.1], [0.5, 0.1], [0.3, 0.1], [0.26, 0.45], [0.55, 0.4], [0.78, 0.56], [0.74, 0.82], [0.48, 0.93], [0.2, 0.84]]],
  6: [[[0.68, 0.08], [0.42, 0.28], [0.26, 0.58], [0.3, 0.86], [0.55, 0.93], [0.75, 0.78], [0.7, 0.57], [0.46, 0.52], [0.28, 0.66]]],
  7: [[[0.16, 0.12], [0.5, 0.12], [0.84, 0.1], [0.6, 0.5], [0.42, 0.92]]],
  8: [[[0.66, 0.16], [0.5, 0.07], [0.3, 0.18], [0.36, 0.38], [0.5, 0.5], [0.7, 0.65], [0.7, 0.86], [0.5, 0.94], [0.3, 0.85], [0.32, 0.64], [0.5, 0.5], [0.66, 0.36], [0.66, 0.16]]],
  9: [
    [[0.72, 0.22], [0.5, 0.08], [0.28, 0.22], [0.32, 0.44], [0.52, 0.48], [0.72, 0.34], [0.72, 0.22]],
    [[0.72, 0.22], [0.7, 0.6], [0.66, 0.94]],
  ],
};

export function catmullRom(points: readonly Point[], samplesPerSegment = 4): Point[] {
  if (points.length < 3) return [...points];
  const result: Point[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const p0 = points[Math.max(0, i - 1)]!;
    const p1 = points[i]!;
    const p2 = points[i + 1]!;
    const p3 = points[Math.min(points.length - 1, i + 2)]!;
    for (let s = 0; s < samplesPerSegment; s++) {
      const t = s / samplesPerSegment;
      const t2 = t * t;
      const t3 = t2 * t;
      const at = (a: number, b: number, c: number, d: number) => 0.5 * (2 * b + (-a + c) * t + (2 * a - 5 * b + 4 * c - d) * t2 + (-a + 3 * b - 3 * c + d) * t3);
      result.push([at(p0[0], p1[0], p2[0], p3[0]), at(p0[1], p1[1], p2[1], p3[1])]);
    }
  }
  result.push(points.at(-1)!);
  return result;
}

/** Where on the pad a digit goes: its box's size and top-left corner, as fractions of the pad. */
export interface Placement {
  readonly size: number;
  readonly left: number;
  readonly top: number;
}

/**
 * The digit's strokes in pad fractions, smoothed and placed. A digit is drawn narrower than tall, as people write.
 * Fewer samples per segment make fewer mouse moves along the same path, each of which the pad answers.
 */
export function digitStrokes(digit: number, { size, left, top }: Placement, samplesPerSegment = 4): Point[][] {
  const strokes = DIGIT_STROKES[digit];
  if (!strokes) throw new Error(`no strokes for ${digit}`);
  return strokes.map((stroke) => catmullRom(stroke, samplesPerSegment).map(([x, y]) => [left + x * size * 0.8, top + y * size] as const));
}
