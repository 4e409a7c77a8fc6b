import { describe, expect, it } from 'vitest';
import { confidentMistakes, confusionMatrix, perClassAccuracy, predictClasses, predictionsInCell } from './evaluation.ts';

/** Three classes keep hand-made predictions readable. */
const CLASSES = 3;
const labels = Uint8Array.from([0, 0, 1, 1, 2, 2, 2]);
const probabilities = Float32Array.from([
  [0.9, 0.05, 0.05], // 0 → 0
  [0.2, 0.7, 0.1], //   0 → 1 (mistake, 0.7)
  [0.1, 0.8, 0.1], //   1 → 1
  [0.1, 0.6, 0.3], //   1 → 1
  [0.05, 0.05, 0.9], // 2 → 2
  [0.1, 0.3, 0.6], //   2 → 2
  [0.95, 0.03, 0.02], // 2 → 0 (mistake, 0.95)
].flat());

describe('evaluation arithmetic', () => {
  it('takes the most probable class', () => {
    expect(Array.from(predictClasses(probabilities, CLASSES))).toEqual([0, 1, 1, 1, 2, 2, 0]);
  });

  it('counts every image once in the confusion matrix, rows true, columns predicted', () => {
    const matrix = confusionMatrix(labels, predictClasses(probabilities, CLASSES), CLASSES);
    expect(matrix).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 2],
    ]);
    expect(matrix.flat().reduce((a, b) => a + b, 0)).toBe(labels.length);
  });

  it('gives per-class accuracy, and null for a class with no images', () => {
    expect(perClassAccuracy([[1, 1, 0], [0, 2, 0], [1, 0, 2]])).toEqual([0.5, 1, 2 / 3]);
    expect(perClassAccuracy([[0, 0], [1, 3]])).toEqual([null, 0.75]);
  });

  it('lists a cell’s images, most confident first, with their top classes', () => {
    const cell = predictionsInCell(labels, probabilities, 2, 2, CLASSES);
    expect(cell.map((p) => p.index)).toEqual([4, 5]);
    expect(cell[1]?.top.map((t) => t.digit)).toEqual([2, 1, 0]);
  });

  it('orders mistakes by the model’s confidence in its wrong answer', () => {
    const mistakes = confidentMistakes(labels, probabilities, CLASSES);
    expect(mistakes.map((m) => [m.index, m.label, m.predicted])).toEqual([
      [6, 2, 0],
      [1, 0, 1],
    ]);
    expect(mistakes[0]?.confidence).toBeCloseTo(0.95);
  });
});
