import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FASHION_MNIST_INFO, MNIST_INFO, type DatasetInfo } from '../../domain/datasets.ts';
import type { ModelStatus } from '../../engine/engineState.ts';
import type { EngineRequest } from '../../engine/trainingEngine.ts';
import { DigitReader } from './DigitReader.tsx';
import { DrawPad } from './DrawPad.tsx';

const ready: ModelStatus = { status: 'ready', name: 'run 1', filters: null };
const absent: ModelStatus = { status: 'none' };
const request = (() => new Promise(() => {})) as unknown as EngineRequest;

/** The drawing pad's accessible name on a page of `dataset` (the shipped model reading), with or without a place to keep examples. */
function padLabel(dataset: DatasetInfo, yours: ModelStatus, keeps: boolean): string {
  const onKeepExample = keeps ? async () => null : undefined;
  const html = renderToStaticMarkup(createElement(DigitReader, { models: { pretrained: ready, yours }, request, dataset, onKeepExample }));
  return /aria-label="(Drawing pad[^"]*)"/.exec(html)?.[1] ?? 'no pad';
}

describe("the drawing pad's accessible name", () => {
  it('asks for a digit on MNIST, and says 0–9 keep it as an example where examples are kept', () => {
    expect(padLabel(MNIST_INFO, absent, true)).toBe('Drawing pad: draw a digit. Escape clears it; 0–9 keep it as an example of that digit.');
    expect(padLabel(MNIST_INFO, absent, false)).toBe('Drawing pad: draw a digit. Escape clears it.');
  });

  it('asks for a piece of clothing on Fashion-MNIST, where the shipped model still reads digits and 0–9 keep them', () => {
    expect(padLabel(FASHION_MNIST_INFO, ready, true)).toBe('Drawing pad: draw a piece of clothing. Escape clears it; 0–9 keep it as an example of that digit.');
  });

  it('leaves 0–9 out where the keys keep nothing (a model of Fashion-MNIST reading: teachesDigits)', () => {
    const html = renderToStaticMarkup(createElement(DrawPad, { onDigit: () => {}, item: 'a piece of clothing', digitKeysKeep: false }));
    expect(html).toContain('aria-label="Drawing pad: draw a piece of clothing. Escape clears it."');
  });
});
