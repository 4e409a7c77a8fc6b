import { describe, expect, it } from 'vitest';
import { FASHION_MNIST_INFO, MNIST_INFO } from '../../domain/datasets.ts';
import { classNamesFor, readTestImage, teachesDigits } from './testImageReading.ts';

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

describe('which classes a model on the pad answers in', () => {
  it("names the shipped model's answers as MNIST digits whatever the data, and yours by the page's data", () => {
    expect(classNamesFor('pretrained', FASHION_MNIST_INFO)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(classNamesFor('yours', FASHION_MNIST_INFO)).toEqual(FASHION_MNIST_INFO.classNames);
    expect(classNamesFor('yours', MNIST_INFO)).toEqual(MNIST_INFO.classNames);
  });

  it('reads a Fashion-MNIST model on a drawing by the class name, the index kept', () => {
    const probabilities = new Float32Array(10).fill(0.01);
    probabilities[7] = 0.91;
    expect(readTestImage(probabilities, classNamesFor('yours', FASHION_MNIST_INFO), 'run 2', 'Fashion-MNIST')).toMatchObject({ ok: true, best: 7, name: 'Sneaker' });
    expect(readTestImage(probabilities, classNamesFor('pretrained', FASHION_MNIST_INFO), 'Pretrained', 'Fashion-MNIST')).toMatchObject({ ok: true, best: 7, name: '7' });
  });

  it('lets only a model answering in MNIST digits be corrected with digit examples', () => {
    expect(teachesDigits('pretrained', FASHION_MNIST_INFO)).toBe(true);
    expect(teachesDigits('yours', MNIST_INFO)).toBe(true);
    expect(teachesDigits('yours', FASHION_MNIST_INFO)).toBe(false);
  });
});
