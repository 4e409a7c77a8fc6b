import { describe, expect, it } from 'vitest';
import { strongestChannel } from './useMovedDigit.ts';

describe('strongestChannel', () => {
  it('picks the channel whose map sums highest', () => {
    // 3 channels of 2×2: channel 1 lit over most of its map
    const pixels = Uint8ClampedArray.from([255, 0, 0, 0, 200, 200, 200, 0, 0, 0, 0, 255]);
    expect(strongestChannel({ layerIndex: 0, layerName: 'conv2d', layerType: 'Conv2D', height: 2, width: 2, channels: 3, pixels })).toBe(1);
  });
});
