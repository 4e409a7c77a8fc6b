/**
 * The arithmetic behind one number of a layer's output, as tfjs computes it: plain TypeScript, so the page can show
 * every step and a test can hold it against tfjs' own activations (src/training/cellExplain.test.ts).
 */
import type { Activation, Padding } from '../modelSpec.ts';
import { windowOutputSize } from '../shapes.ts';

/** One image's activations, height × width × channels in row-major order (tfjs' NHWC without the batch axis). */
export interface Activations {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly values: Float32Array;
}

/** Where a window lies on its layer's input; top and left are negative, and the far edges may pass the input, with 'same' padding. */
export interface InputWindow {
  readonly top: number;
  readonly left: number;
  readonly height: number;
  readonly width: number;
}

/** A cell of an image-shaped output: row and column in the map, and which channel. */
export interface CellPosition {
  readonly row: number;
  readonly col: number;
  readonly channel: number;
}

/**
 * Where output index `out` starts reading on one axis. 'same' pads as TensorFlow does: the total padding
 * max((outSize − 1)·stride + window − in, 0), the smaller half before.
 */
export function windowStart(out: number, input: number, window: number, stride: number, padding: Padding): number {
  if (padding === 'valid') return out * stride;
  const outSize = windowOutputSize(input, window, stride, padding);
  const total = Math.max((outSize - 1) * stride + window - input, 0);
  return out * stride - Math.floor(total / 2);
}

export function inputWindow(
  input: Pick<Activations, 'height' | 'width'>,
  at: Pick<CellPosition, 'row' | 'col'>,
  size: readonly [number, number],
  strides: readonly [number, number],
  padding: Padding,
): InputWindow {
  return {
    top: windowStart(at.row, input.height, size[0], strides[0], padding),
    left: windowStart(at.col, input.width, size[1], strides[1], padding),
    height: size[0],
    width: size[1],
  };
}

/** The window's values in one channel, row by row; null where it lies on the padding. */
export function windowValues(input: Activations, window: InputWindow, channel: number): (number | null)[] {
  const values: (number | null)[] = [];
  for (let dy = 0; dy < window.height; dy++) {
    for (let dx = 0; dx < window.width; dx++) {
      const y = window.top + dy;
      const x = window.left + dx;
      const inside = y >= 0 && y < input.height && x >= 0 && x < input.width;
      values.push(inside ? (input.values[(y * input.width + x) * input.channels + channel] ?? 0) : null);
    }
  }
  return values;
}

/** Whether a cell lies in a map of this size; a page's stale click on a smaller model's map is refused with this. */
export function isInside(map: Pick<Activations, 'height' | 'width' | 'channels'>, at: CellPosition): boolean {
  const whole = (n: number, size: number) => Number.isInteger(n) && n >= 0 && n < size;
  return whole(at.row, map.height) && whole(at.col, map.width) && whole(at.channel, map.channels);
}

/** An element-wise activation; softmax is not one (it reads the whole vector; see softmaxSteps). */
export function activate(activation: Exclude<Activation, 'softmax'>, x: number): number {
  switch (activation) {
    case 'relu':
      return Math.max(0, x);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-x));
    case 'tanh':
      return Math.tanh(x);
    case 'linear':
      return x;
  }
}
