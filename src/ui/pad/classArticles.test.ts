import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FASHION_CLASS_NAMES } from '../../domain/datasets.ts';
import { AttributionView } from './AttributionView.tsx';
import { CorrectionBar, type Correction } from './CorrectionBar.tsx';

const idle: Correction = { keep: () => {}, busy: false, outcome: null };

/** The "what it looked at" picker for a model that answered `answer`, in the classes `classNames`. */
const picker = (answer: number, classNames?: readonly string[]) =>
  renderToStaticMarkup(createElement(AttributionView, { attribution: null, pending: false, method: 'gradient-input', onMethod: () => {}, targetClass: null, onTargetClass: () => {}, answer, classNames }));

describe('the article before a class name on the pad', () => {
  it('asks "why not an Ankle boot?" and "why not a Sandal?" of a Fashion-MNIST model', () => {
    const html = picker(7, FASHION_CLASS_NAMES);
    expect(html).toContain('Ankle boot: why not an Ankle boot?');
    expect(html).toContain('Sandal: why not a Sandal?');
    expect(html).toContain('Sneaker (its answer)');
  });

  it('asks "why not an 8?" and "why not a 1?" of an MNIST model', () => {
    const html = picker(7);
    expect(html).toContain('8: why not an 8?');
    expect(html).toContain('1: why not a 1?');
  });

  it('corrects an 8 as "not an 8", offering "It\'s a 7" among the other digits', () => {
    const html = renderToStaticMarkup(createElement(CorrectionBar, { read: 8, correction: idle }));
    expect(html).toContain('That&#x27;s not an 8 — it&#x27;s a …');
    expect(html).toContain('Keep as example (it is an 8)');
    expect(html).toContain('aria-label="It&#x27;s a 7"');
    expect(html).not.toContain('It&#x27;s an 8');
  });

  it('offers "It\'s an 8" when it read another digit', () => {
    const html = renderToStaticMarkup(createElement(CorrectionBar, { read: 3, correction: idle }));
    expect(html).toContain('aria-label="It&#x27;s an 8"');
    expect(html).toContain('That&#x27;s not a 3');
  });
});
