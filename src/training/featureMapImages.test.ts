import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { scaleChannelImages } from './featureMapImages.ts';
import { scaledByTfjsOps } from './featureMapOracle.fixture.ts';
import { seededValues } from './kernelTesting.fixture.ts';

/** Random activations as a relu layer gives them (many zeros), with channel 1 constant and channel 2 nearly so. */
function activations(height: number, width: number, channels: number, seed: number): Float32Array {
  const values = seededValues(height * width * channels, seed).map((v) => Math.max(0, v) * 7.3);
  for (let cell = 0; cell < height * width; cell++) {
    values[cell * channels + 1] = 0.25;
    values[cell * channels + 2] = 0.5 + (cell % 3) * 1e-7;
  }
  return values;
}

describe('feature maps scaled in plain TypeScript', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  for (const backend of ['cpu', 'wasm'] as const) {
    it(`equals tfjs' min/max/sub/div/mul/transpose on ${backend}, value for value, for the chapter-5 layers' shapes`, async () => {
      expect(await tf.setBackend(backend)).toBe(true);
      const shapes: [number, number, number][] = [[26, 26, 32], [13, 13, 32], [11, 11, 64], [5, 5, 64], [3, 3, 64], [7, 5, 3]];
      for (const [i, shape] of shapes.entries()) {
        const values = activations(...shape, 11 + i);
        const ours = scaleChannelImages(values, ...shape);
        const activation = tf.tensor3d(values, shape);
        expect(Array.from(ours)).toEqual(Array.from(await scaledByTfjsOps(activation)));
        activation.dispose();
      }
    });
  }

  it('lays out channel by channel, each on its own range; a constant channel is black', () => {
    // 1 × 2 cells × 3 channels, channels innermost: channel 0 is (1, 3), channel 1 (−2, −4), channel 2 (5, 5).
    const images = scaleChannelImages(Float32Array.of(1, -2, 5, 3, -4, 5), 1, 2, 3);
    expect(Array.from(images)).toEqual([0, 255, 255, 0, 0, 0]);
  });

  it('refuses values of another shape by name', () => {
    expect(() => scaleChannelImages(new Float32Array(5), 1, 2, 3)).toThrow('5 values are not 1×2×3');
  });
});
