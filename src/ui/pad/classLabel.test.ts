import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FASHION_CLASS_NAMES, MNIST_INFO } from '../../domain/datasets.ts';
import { explainDenseUnit } from '../../domain/explain/denseUnit.ts';
import { softmaxSteps } from '../../domain/explain/softmaxSteps.ts';
import { CellExplainer } from './CellExplainer.tsx';
import { classLabel } from './classLabel.ts';
import { SoftmaxTable } from './DenseExplanation.tsx';

/** The softmax table's row headers, in order. */
function rowNames(classNames: readonly string[] | undefined, classCount = 10): string[] {
  const steps = softmaxSteps(Array.from({ length: classCount }, (_, k) => k / 10));
  const html = renderToStaticMarkup(createElement(SoftmaxTable, { steps, unit: 7, classNames }));
  return [...html.matchAll(/<th scope="row">([^<]*)<\/th>/g)].map((match) => match[1] ?? '');
}

describe('naming a class in the explanations', () => {
  it('uses the class names when the output has one value per class, else the index', () => {
    expect(classLabel(FASHION_CLASS_NAMES, 9, 10)).toBe('Ankle boot');
    expect(classLabel(FASHION_CLASS_NAMES, 9, 3)).toBe('9');
    expect(classLabel(undefined, 4, 10)).toBe('4');
  });

  it("heads the softmax table's rows with the dataset's class names", () => {
    expect(rowNames(FASHION_CLASS_NAMES)).toEqual([...FASHION_CLASS_NAMES]);
    expect(rowNames(MNIST_INFO.classNames)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('numbers the rows of a model whose output count is not the class count, and of a table told no names', () => {
    expect(rowNames(FASHION_CLASS_NAMES, 3)).toEqual(['0', '1', '2']);
    expect(rowNames(undefined, 4)).toEqual(['0', '1', '2', '3']);
  });

  it('titles the output unit by its class, and leaves a map cell by row, column and channel', () => {
    const html = explainedOutputUnit(9, -1, [9]);
    expect(html).toContain('How one number is computed: dense_2 (Dense), class Ankle boot');
    expect(html).toContain('<th scope="row">Ankle boot</th>');
    expect(explainedOutputUnit(9, 2, [0, 1, 2])).toContain('row 1, column 2, channel 3');
  });
});

/** CellExplainer's markup for a worker's answer on a 4-input, 10-unit softmax layer, the target as asked. */
function explainedOutputUnit(unit: number, layerIndex: number, position: readonly number[]): string {
  const weights = { inputs: 4, units: 10, kernel: Float32Array.from({ length: 40 }, (_, i) => (i % 7) / 10), bias: null };
  const explanation = explainDenseUnit(Float32Array.of(1, 0.5, 0, 2), weights, 'softmax', unit);
  const source = { layerIndex: 2, layerName: 'flatten_1', layerType: 'Flatten', height: 1, width: 1, channels: 4 };
  const answer = { type: 'cell-explained', requestId: 1, slot: 'yours', answer: { ok: true, layerIndex: 3, layerName: 'dense_2', layerType: 'Dense', explanation, modelValue: explanation.value, source } } as const;
  const pixels = new Float32Array(784);
  const explainer = { target: { layerIndex, position }, explain: () => {}, close: () => {}, pending: false, latest: { question: { layerIndex, position, pixels, slot: 'yours' as const, modelName: 'run 1' }, answer } };
  return renderToStaticMarkup(createElement(CellExplainer, { explainer, digit: pixels, featureMaps: null, classNames: FASHION_CLASS_NAMES }));
}
