import { describe, expect, it } from 'vitest';
import { checkpointBytes, MAX_CHECKPOINT_BYTES } from './checkpointSize.ts';

describe('checkpointBytes', () => {
  it('counts the weights and the optimizer slots as float32', () => {
    // The chapter-5 model: 93,322 weights, with RMSprop's two slots each.
    expect(checkpointBytes(93_322, 'rmsprop')).toBe(93_322 * 12);
    expect(checkpointBytes(93_322, 'adam')).toBe(93_322 * 12);
    expect(checkpointBytes(93_322, 'sgd')).toBe(93_322 * 4);
  });

  it('leaves models under the warning budget checkpointed and the largest allowed ones not', () => {
    expect(checkpointBytes(2_000_000, 'rmsprop')).toBeLessThan(MAX_CHECKPOINT_BYTES);
    expect(checkpointBytes(25_000_000, 'adam')).toBeGreaterThan(MAX_CHECKPOINT_BYTES);
    expect(checkpointBytes(25_000_000, 'sgd')).toBeLessThan(MAX_CHECKPOINT_BYTES);
  });
});
