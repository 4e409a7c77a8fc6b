import { describe, expect, it } from 'vitest';
import { readTestImage } from './testImageReading.ts';

const SHAPES = ['circles', 'squares', 'triangles'];

describe("naming a model's answer for a test image", () => {
  it('names the most probable class by the names given', () => {
    expect(readTestImage(Float32Array.from([0.1, 0.7, 0.2]), SHAPES, 'run 3', 'Your images')).toEqual({ ok: true, best: 1, name: 'squares', probability: expect.closeTo(0.7, 6) });
    expect(readTestImage(Float32Array.from([0.2, 0.1, 0.7]), SHAPES, 'run 3', 'Your images')).toMatchObject({ best: 2, name: 'triangles' });
  });

  it('refuses to name the answers of a model with another count of outputs', () => {
    expect(readTestImage(new Float32Array(10).fill(0.1), SHAPES, 'run 3', 'Your images')).toEqual({
      ok: false,
      message: 'run 3 gives 10 answers and Your images has 3 classes: it was trained on other data.',
    });
  });
});
