import { describe, expect, it } from 'vitest';
import { CHAPTER5_LAYERS } from './defaults.ts';
import { trainingEngineLabel } from './backends.ts';

describe('what the page says trains a model', () => {
  it('names our kernels alone for the chapter-5 model', () => {
    expect(trainingEngineLabel('simd-relaxed', CHAPTER5_LAYERS)).toBe('our SIMD kernels (relaxed SIMD)');
  });

  it('names the layers that fall back to TensorFlow.js kernels, each once, in the model\'s order', () => {
    const layers = [{ type: 'Conv2D' }, { type: 'AveragePooling2D' }, { type: 'BatchNormalization' }, { type: 'AveragePooling2D' }, { type: 'Dense' }];
    expect(trainingEngineLabel('simd-plain', layers)).toBe('our SIMD kernels (plain SIMD); AveragePooling2D and BatchNormalization on TensorFlow.js kernels');
  });

  it('says nothing more where TensorFlow.js trains everything anyway', () => {
    expect(trainingEngineLabel('tfjs', [{ type: 'BatchNormalization' }])).toBe('TensorFlow.js kernels');
  });
});
