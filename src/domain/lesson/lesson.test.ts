import { describe, expect, it } from 'vitest';
import { analyzeModel, analyzePrefix } from '../analysis.ts';
import { CHAPTER5_LAYERS } from '../defaults.ts';
import { formatKerasSummary } from '../keras/summary.ts';
import { MNIST_INPUT_SHAPE, type LayerSpec } from '../modelSpec.ts';
import { BOOK_BASE_SUMMARY, BOOK_FULL_SUMMARY, sameSummary } from './bookSummaries.ts';
import { BASE_LAYERS, checkBase, checkClassifier, checkComparison, checkExperiment, checkHierarchy, checkVariation } from './lessonChecks.ts';
import { DENSE_LAYERS, mostConfused } from './runComparison.ts';
import { LESSON_START, moveLesson } from './lessonProgress.ts';
import { LESSON_STEPS, withDropout, withHalfTheFilters } from './lessonSteps.ts';
import { explainStack } from './layerNumbers.ts';
import type { LessonPageState, LessonRun } from './lessonState.ts';

/** The page's state as the page derives it: the summary printed from the layers, as the Summary panel prints it. */
function pageWith(layers: readonly LayerSpec[], runs: readonly LessonRun[] = []): LessonPageState {
  const analysis = analyzeModel(layers);
  return { layers, summary: analysis.ok ? formatKerasSummary(analysis.rows, analysis) : null, runs, padReading: null };
}

const run = (name: string, layers: readonly LayerSpec[], extra: Partial<LessonRun> = {}): LessonRun => ({
  name,
  layers,
  status: 'finished',
  testAccuracy: 0.9,
  trainSize: 256,
  testSize: 200,
  overlaid: true,
  ...extra,
});

describe('the book’s summaries', () => {
  it('equal what the page prints for the base and for the whole chapter-5 model', () => {
    expect(sameSummary(pageWith(BASE_LAYERS).summary ?? '', BOOK_BASE_SUMMARY)).toBe(true);
    expect(sameSummary(pageWith(CHAPTER5_LAYERS).summary ?? '', BOOK_FULL_SUMMARY)).toBe(true);
    expect(BOOK_BASE_SUMMARY).toContain('Total params: 55,744');
    expect(BOOK_FULL_SUMMARY).toContain('Total params: 93,322');
  });

  it('differ from a model with one filter count changed', () => {
    const layers = CHAPTER5_LAYERS.map((l, i) => (i === 2 && l.type === 'Conv2D' ? { ...l, filters: 63 } : l));
    expect(sameSummary(pageWith(layers).summary ?? '', BOOK_FULL_SUMMARY)).toBe(false);
  });
});

describe('the base step checks each layer', () => {
  it('counts the layers right so far and names the next one', () => {
    expect(checkBase(pageWith([])).message).toBe('0 of 5 layers right; next: Conv2D with 32 filters, 3×3, relu.');
    expect(checkBase(pageWith(BASE_LAYERS.slice(0, 2))).message).toBe('2 of 5 layers right; next: Conv2D with 64 filters, 3×3, relu.');
  });

  it('names the first wrong layer', () => {
    const wrong: LayerSpec[] = [...BASE_LAYERS.slice(0, 2), { type: 'Dense', units: 64, activation: 'relu' }];
    const check = checkBase(pageWith(wrong));
    expect(check.passed).toBe(false);
    expect(check.message).toBe('2 of 5 layers right; layer 3 should be Conv2D with 64 filters, 3×3, relu.');
  });

  it('passes on the base alone, not on the whole model', () => {
    expect(checkBase(pageWith(BASE_LAYERS)).passed).toBe(true);
    expect(checkBase(pageWith(CHAPTER5_LAYERS)).passed).toBe(false);
    expect(checkClassifier(pageWith(CHAPTER5_LAYERS)).passed).toBe(true);
    expect(checkClassifier(pageWith(BASE_LAYERS)).message).toBe('5 of 8 layers right; next: Flatten.');
  });
});

describe('where the numbers come from', () => {
  it('says 26 = 28 − 3 + 1 and 320 = 3·3·1·32 + 32 for the first convolution, and the sums of the rest', () => {
    const sentences = explainStack(CHAPTER5_LAYERS, analyzePrefix(CHAPTER5_LAYERS), MNIST_INPUT_SHAPE);
    expect(sentences[0]).toContain('26 = 28 − 3 + 1');
    expect(sentences[0]).toContain('320 = 3·3·1·32 + 32');
    expect(sentences[2]).toContain('18,496 = 3·3·32·64 + 64');
    expect(sentences[3]).toContain('5 = ⌊(11 − 2) ÷ 2⌋ + 1');
    expect(sentences[5]).toContain('576 = 3·3·64');
    expect(sentences[6]).toContain('36,928 = 576·64 + 64');
    expect(sentences[7]).toContain('650 = 64·10 + 10');
  });

  it('states sums that hold: each parameter count equals the arithmetic it shows', () => {
    const rows = analyzePrefix(CHAPTER5_LAYERS);
    for (const sentence of explainStack(CHAPTER5_LAYERS, rows, MNIST_INPUT_SHAPE)) {
      const sum = /([\d,]+) = (\d+)·(\d+)(?:·(\d+)·(\d+))? \+ (\d+)/.exec(sentence);
      if (!sum) continue;
      const [, total = '', ...terms] = sum;
      const factors = terms.slice(0, 4).filter((t): t is string => t !== undefined).map(Number);
      expect(factors.reduce((p, f) => p * f, 1) + Number(terms[4])).toBe(Number(total.replace(/,/g, '')));
    }
  });
});

describe('comparing with the dense network', () => {
  it('needs both trained on the same data and both on the charts', () => {
    expect(checkComparison(pageWith([], [run('run 2', DENSE_LAYERS)])).passed).toBe(false);
    expect(checkComparison(pageWith([], [run('run 2', DENSE_LAYERS), run('run 1', CHAPTER5_LAYERS, { trainSize: 512 })])).passed).toBe(false);
    expect(checkComparison(pageWith([], [run('run 2', DENSE_LAYERS), run('run 1', CHAPTER5_LAYERS, { overlaid: false })])).passed).toBe(false);
    const both = checkComparison(pageWith([], [run('run 2', DENSE_LAYERS, { testAccuracy: 0.81 }), run('run 1', CHAPTER5_LAYERS, { testAccuracy: 0.87 })]));
    expect(both).toEqual({ passed: true, message: 'Convnet 87.0%, dense network 81.0% on the same 200 test images; both on the charts.' });
  });
});

describe('mostConfused', () => {
  it('finds the largest off-diagonal cell: the digit most often read as another', () => {
    expect(mostConfused([[50, 1, 0], [2, 40, 7], [0, 3, 60]])).toEqual({ actual: 1, read: 2, count: 7 });
    expect(mostConfused([[5, 0], [0, 5]])).toBeNull();
  });
});

describe('the experiment', () => {
  it('passes only with both models measured, and says each one’s accuracy as they are and shifted 2 and 4 px', () => {
    const page = pageWith(CHAPTER5_LAYERS);
    expect(checkExperiment(page).passed).toBe(false);
    const one = { name: 'Chapter 5 convnet', accuracies: [0.99, 0.98, 0.9, 0.93, 0.95] };
    expect(checkExperiment({ ...page, experiment: { count: 1000, models: [one] } }).passed).toBe(false);
    const two = { name: 'Run 2', accuracies: [0.8, 0.5, 0.2, 0.3, 0.6] };
    expect(checkExperiment({ ...page, experiment: { count: 1000, models: [one, two] } })).toEqual({
      passed: true,
      message: 'On 1,000 test images — Chapter 5 convnet: 99.0% as they are, 98.0% shifted 2 px, 90.0% shifted 4 px; Run 2: 80.0% as they are, 50.0% shifted 2 px, 20.0% shifted 4 px.',
    });
  });
});

describe('what to try next', () => {
  it('passes once the model has Dropout or half the filters, not on the book’s model', () => {
    expect(checkVariation(pageWith(CHAPTER5_LAYERS)).passed).toBe(false);
    expect(checkVariation(pageWith(withDropout(CHAPTER5_LAYERS))).passed).toBe(true);
    expect(withDropout(CHAPTER5_LAYERS)[6]).toEqual({ type: 'Dropout', rate: 0.5 });
    expect(checkVariation(pageWith(withHalfTheFilters(CHAPTER5_LAYERS))).message).toContain('16, 32, 32 filters');
  });

  it('passes once the page trains the book’s model on other data, not on MNIST', () => {
    expect(checkVariation({ ...pageWith(CHAPTER5_LAYERS), datasetId: 'mnist' }).passed).toBe(false);
    expect(checkVariation({ ...pageWith(CHAPTER5_LAYERS), datasetId: 'fashion-mnist' }).passed).toBe(true);
    expect(LESSON_STEPS.at(-1)?.offers).toContain('fashion-mnist');
  });
});

describe('moving through the lesson', () => {
  it('goes on with Next only when the check passes, and Skip remembers the step', () => {
    const open = moveLesson(LESSON_START, { type: 'open' });
    expect(moveLesson(open, { type: 'next', passed: false })).toBe(open);
    const skipped = moveLesson(open, { type: 'skip' });
    expect(skipped).toEqual({ step: 'base', skipped: ['read'], open: true });
    expect(moveLesson(skipped, { type: 'back' }).step).toBe('read');
    expect(moveLesson(moveLesson(skipped, { type: 'back' }), { type: 'next', passed: true }).skipped).toEqual([]);
  });

  it('stays on the last step and the first', () => {
    const last = { step: LESSON_STEPS[LESSON_STEPS.length - 1]!.id, skipped: [], open: true };
    expect(moveLesson(last, { type: 'next', passed: true }).step).toBe(last.step);
    expect(moveLesson(LESSON_START, { type: 'back' }).step).toBe('read');
  });
});

describe('the hierarchies check', () => {
  const reading = { digit: 7, modelName: 'convnet', pixels: new Float32Array(784) };
  it('needs the learner’s digit and a deeper layer’s maps on screen', () => {
    expect(checkHierarchy(pageWith(CHAPTER5_LAYERS)).passed).toBe(false);
    expect(checkHierarchy({ ...pageWith(CHAPTER5_LAYERS), padReading: reading }).passed).toBe(false);
    const shown = checkHierarchy({ ...pageWith(CHAPTER5_LAYERS), padReading: reading, deeperMapsShown: 'conv2d_2' });
    expect(shown).toEqual({ passed: true, message: expect.stringContaining('conv2d_2') as unknown });
    expect(checkHierarchy({ ...pageWith(CHAPTER5_LAYERS), padReading: null, deeperMapsShown: 'conv2d_2' }).passed).toBe(false);
  });
});
