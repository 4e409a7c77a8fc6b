/** The pad's drawing resolution; CSS scales it to the space it has. */
export const PAD_SIZE = 280;
/** MNIST strokes are about 2 px of a 20 px digit; a digit drawn across most of the pad gets a brush in proportion. */
const BRUSH_WIDTH = Math.round(PAD_SIZE * 0.075);

export type Point = readonly [number, number];

/** The pad is read back every frame, so the browser is told to keep its pixels where reading is cheap. */
export function padContext(canvas: HTMLCanvasElement | null): CanvasRenderingContext2D | null {
  return canvas?.getContext('2d', { willReadFrequently: true }) ?? null;
}

export function setBrush(context: CanvasRenderingContext2D): void {
  context.lineCap = 'round';
  context.lineJoin = 'round';
  context.lineWidth = BRUSH_WIDTH;
  context.strokeStyle = '#ffffff';
}

/** Where a pointer is, in pad pixels, however large CSS shows the pad. */
export function pointOnPad(canvas: HTMLCanvasElement, event: React.PointerEvent | PointerEvent): Point {
  const box = canvas.getBoundingClientRect();
  return [((event.clientX - box.left) / box.width) * PAD_SIZE, ((event.clientY - box.top) / box.height) * PAD_SIZE];
}

export function drawStroke(context: CanvasRenderingContext2D, stroke: readonly Point[]): void {
  const [first] = stroke;
  if (!first) return;
  context.beginPath();
  context.moveTo(first[0], first[1]);
  // A lone point still leaves a round dot.
  if (stroke.length === 1) context.lineTo(first[0] + 0.01, first[1]);
  for (const [x, y] of stroke.slice(1)) context.lineTo(x, y);
  context.stroke();
}

/** Draws on from the stroke's last point through the new points, and adds them to the stroke. */
export function extendStroke(context: CanvasRenderingContext2D, stroke: Point[], points: readonly Point[]): void {
  const last = stroke.at(-1)!;
  context.beginPath();
  context.moveTo(last[0], last[1]);
  for (const point of points) {
    context.lineTo(point[0], point[1]);
    stroke.push(point);
  }
  context.stroke();
}
