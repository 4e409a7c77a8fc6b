import { describe, expect, it } from 'vitest';
import { digitMoves, moveImage, moveImages } from './moveImages.ts';

/** A 5×5 image with one lit pixel at (x, y). */
function dot(x: number, y: number, side = 5): Uint8Array {
  const image = new Uint8Array(side * side);
  image[y * side + x] = 255;
  return image;
}
const litAt = (image: Uint8Array, side = 5) => [...image.keys()].filter((i) => image[i] !== 0).map((i) => [i % side, Math.floor(i / side)]);

describe('moveImage', () => {
  it('shifts right and down by whole pixels', () => {
    expect(litAt(moveImage(dot(1, 1), 5, { dx: 2, dy: 1, scale: 1 }))).toEqual([[3, 2]]);
    expect(litAt(moveImage(dot(3, 3), 5, { dx: -3, dy: -2, scale: 1 }))).toEqual([[0, 1]]);
  });

  it('loses what is pushed off the edge', () => {
    expect(litAt(moveImage(dot(4, 0), 5, { dx: 1, dy: 0, scale: 1 }))).toEqual([]);
  });

  it('leaves the image as it is with no move', () => {
    const image = Uint8Array.from({ length: 25 }, (_, i) => i * 7);
    expect(moveImage(image, 5, { dx: 0, dy: 0, scale: 1 })).toEqual(image);
  });

  it('scales about the centre: a pixel one from the centre lands two from it at scale 2', () => {
    expect(litAt(moveImage(dot(3, 2), 5, { dx: 0, dy: 0, scale: 2 }))).toContainEqual([4, 2]);
    expect(litAt(moveImage(dot(2, 2), 5, { dx: 0, dy: 0, scale: 2 }))).toContainEqual([2, 2]);
    expect(litAt(moveImage(dot(4, 2), 5, { dx: 0, dy: 0, scale: 0.5 }))).toEqual([[3, 2]]);
  });
});

describe('moveImages', () => {
  it('moves each image of the stack on its own', () => {
    const stack = new Uint8Array([...dot(0, 0), ...dot(4, 4)]);
    const moved = moveImages(stack, 5, 2, { dx: 1, dy: 0, scale: 1 });
    expect(litAt(moved.subarray(0, 25))).toEqual([[1, 0]]);
    expect(litAt(moved.subarray(25))).toEqual([]);
  });
});

describe('digitMoves', () => {
  it('sends the ink to touch each corner, and moves an empty image nowhere', () => {
    const side = 8;
    const image = new Uint8Array(side * side);
    image[2 * side + 3] = 200; // ink at x 3..4, y 2..5
    image[5 * side + 4] = 100;
    const moves = digitMoves(image, side);
    expect(moves.map((m) => m.label)).toEqual(['centred', 'top-left corner', 'bottom-right corner', 'shifted 3 px right', 'scaled to 60%']);
    const topLeft = moveImage(image, side, moves[1]!);
    expect(topLeft[0]).toBe(200);
    expect(topLeft[3 * side + 1]).toBe(100);
    const bottomRight = moveImage(image, side, moves[2]!);
    expect(bottomRight[side * side - 1]).toBe(100);
    // Shrunk about the centre, the ink covers fewer pixels and stays inside the old box.
    const inkPixels = (img: Uint8Array) => img.filter((v) => v > 0).length;
    const big = new Uint8Array(side * side).fill(0).map((_, i) => (i % side >= 1 && i % side <= 6 && Math.floor(i / side) >= 1 && Math.floor(i / side) <= 6 ? 255 : 0));
    const shrunk = moveImage(big, side, digitMoves(big, side)[4]!);
    expect(inkPixels(shrunk)).toBeLessThan(inkPixels(big));
    expect(inkPixels(shrunk)).toBeGreaterThan(0);
    expect(digitMoves(new Uint8Array(side * side), side)).toHaveLength(1);
  });
});
