import { describe, expect, it } from 'vitest';
import { CHAPTER5_LAYERS } from '../domain/defaults.ts';
import { changedExamples, checkFineTuneExamples, compareOnExamples, DEFAULT_FINE_TUNE, noteFineTuneExamples, splitExamples } from '../domain/fineTune.ts';
import type { HandwritingExample } from '../storage/examplesStore.ts';
import { compareFineTune, fineTuneName, planFineTune } from './fineTuneSetup.ts';

const exampleOf = (n: number, label: number): HandwritingExample => ({
  id: `e${n}`,
  label,
  pixels: new Uint8Array(784).fill(n),
  strokes: [],
  readAs: null,
  createdAt: n,
  source: 'drawn',
});
const parent = { slot: 'pretrained' as const, name: 'Pretrained chapter-5 model', layers: CHAPTER5_LAYERS };
/** Probabilities (count × 10) putting all weight on each digit in turn. */
const sure = (digits: readonly number[]) => Float32Array.from({ length: digits.length * 10 }, (_, i) => (i % 10 === digits[Math.floor(i / 10)] ? 1 : 0));

describe('fine-tune setup', () => {
  it('names the new model after its parent, without the parent’s accuracy', () => {
    expect(fineTuneName('Pretrained chapter-5 model')).toBe('Pretrained + your handwriting');
    expect(fineTuneName('Run 3 · 98.9%')).toBe('Run 3 + your handwriting');
    expect(fineTuneName('Pretrained + your handwriting · 98.7%')).toBe('Pretrained + your handwriting, again');
    expect(fineTuneName('Pretrained + your handwriting, again · 98.8%')).toBe('Pretrained + your handwriting, again');
  });

  it('trains on every example below 20, and holds out every fifth of each digit from 20', () => {
    const few = Array.from({ length: 6 }, (_, i) => exampleOf(i, 7));
    expect(splitExamples(few)).toMatchObject({ trained: few, heldOut: [] });
    const many = Array.from({ length: 30 }, (_, i) => exampleOf(i, i % 3));
    const { trained, heldOut, description } = splitExamples(many);
    expect(heldOut.map((e) => e.id)).toEqual(['e12', 'e13', 'e14', 'e27', 'e28', 'e29']);
    expect(trained).toHaveLength(24);
    expect(description).toBe('Trained on 24, checked on 6 held out (every fifth of each digit).');
  });

  it('sends trained examples first and held-out ones after, with an epoch of copies and MNIST in the mix', () => {
    const many = Array.from({ length: 20 }, (_, i) => exampleOf(i, i % 2));
    const planned = planFineTune(many, parent, DEFAULT_FINE_TUNE, 10_000);
    expect(planned.setup.trainedCount).toBe(16);
    expect([...planned.setup.labels]).toEqual([...planned.order.map((o) => o.example.label)]);
    expect(planned.order.slice(16).every((o) => o.heldOut)).toBe(true);
    expect(planned.setup.images[16 * 784]).toBe(Number(planned.order[16]!.example.id.slice(1)));
    // 16 trained × 8 copies, and 4 MNIST images for each: 640 images, plus the 4 held out.
    expect(planned.setup.copies).toBe(8);
    expect(planned.spec.training).toMatchObject({ trainSize: 644, epochs: 3, testSize: 10_000, optimizer: 'rmsprop' });
    expect(planned.spec.layers).toBe(CHAPTER5_LAYERS);
  });

  it('compares both models on the examples: held out when there are any, and lists those read differently, fixed first', () => {
    const examples = [exampleOf(1, 7), exampleOf(2, 7), exampleOf(3, 1), exampleOf(4, 4)];
    const order = examples.map((example, i) => ({ example, heldOut: i >= 2 }));
    const outcome = { parentTest: { loss: 0.03, accuracy: 0.99, count: 100 }, before: sure([3, 7, 7, 4]), after: sure([7, 7, 1, 9]) };
    const comparison = compareFineTune({ order, split: 's' }, outcome, { loss: 0.04, accuracy: 0.985, count: 100 }, { modelName: 'A', parentName: 'P' }, 1);
    expect(comparison.examples.map((e) => [e.before, e.after])).toEqual([[3, 7], [7, 7], [7, 1], [4, 9]]);
    expect(compareOnExamples(comparison.examples)).toEqual({ before: { correct: 1, count: 2 }, after: { correct: 1, count: 2 }, heldOut: true });
    expect(changedExamples(comparison.examples).map((e) => e.id)).toEqual(['e1', 'e3', 'e4']);
    expect(comparison).toMatchObject({ parentTest: { accuracy: 0.99, count: 100 }, test: { accuracy: 0.985, count: 100 } });
  });

  it('warns when all examples are one digit, more strongly when no MNIST is mixed in; refuses none at all', () => {
    const sevens = [exampleOf(1, 7), exampleOf(2, 7)];
    expect(checkFineTuneExamples([])).toMatch(/^No examples yet/);
    expect(checkFineTuneExamples(sevens)).toBeNull();
    expect(noteFineTuneExamples(sevens, DEFAULT_FINE_TUNE)).toBe('All your examples are 7s: the MNIST mixed in keeps the other digits in mind.');
    expect(noteFineTuneExamples(sevens, { ...DEFAULT_FINE_TUNE, mnistPerExample: 0 })).toMatch(/would learn to answer 7 to everything\. Mix in MNIST, or add examples of other digits\.$/);
    expect(noteFineTuneExamples([...sevens, exampleOf(3, 1)], DEFAULT_FINE_TUNE)).toBeNull();
  });
});
