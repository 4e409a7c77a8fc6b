import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ModelStatus } from '../../engine/engineState.ts';
import { drawnItem, FASHION_MNIST_INFO, MNIST_INFO } from '../../domain/datasets.ts';
import { PadAnswer } from './PadAnswer.tsx';
import { classNamesFor, readTestImage } from './testImageReading.ts';
import type { PadPrediction } from './usePadPredictions.ts';

/** The pad's answer region for a model that puts 0.9 on class 7, read by the classes `names`. */
function renderAnswer(names: readonly string[], drawn = true, item?: string): string {
  const probabilities = new Float32Array(10).fill(0.01);
  probabilities[7] = 0.91;
  const prediction: PadPrediction = { slot: 'yours', probabilities, featureMaps: null, inferenceMs: 2, latencyMs: 3, sequence: 1, changedAt: 0 };
  const reading = readTestImage(probabilities, names, 'run 1', 'the data');
  const active: ModelStatus = { status: 'ready', name: 'run 1', filters: null };
  return renderToStaticMarkup(createElement(PadAnswer, { drawn, prediction, error: null, pending: false, active, modelName: 'run 1', reading, classNames: names, item }));
}

describe("the pad's answer", () => {
  it('shows a digit for an MNIST model, as it always has', () => {
    const html = renderAnswer(classNamesFor('yours', MNIST_INFO));
    expect(html).toContain('<span class="prediction-digit" data-digit="7">7</span>');
    expect(html).toContain('aria-label="Probability of each digit"');
  });

  it("names the class for a Fashion-MNIST model, keeping the index in data-digit", () => {
    const html = renderAnswer(classNamesFor('yours', FASHION_MNIST_INFO));
    expect(html).toContain('<span class="prediction-digit named" data-digit="7">Sneaker</span>');
    expect(html).toContain('aria-label="Sneaker: 91.0%"');
  });

  it('invites a drawing of what the data shows, a digit unless told', () => {
    expect(renderAnswer(classNamesFor('yours', MNIST_INFO), false)).toContain('Draw a digit and the network reads it as you draw.');
    expect(renderAnswer(classNamesFor('yours', FASHION_MNIST_INFO), false, drawnItem(FASHION_MNIST_INFO))).toContain('Draw a piece of clothing and the network reads it as you draw.');
  });

  it('says why when the model gives another count of answers than the classes', () => {
    expect(renderAnswer(['circle', 'square', 'triangle'])).toContain('run 1 gives 10 answers and the data has 3 classes');
  });
});
