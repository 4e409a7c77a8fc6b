import { describe, expect, it } from 'vitest';
import { analyzeModel } from './analysis.ts';
import { findModelIssues } from './modelIssues.ts';
import { FASHION_MNIST_INFO, MNIST_INFO } from './datasets.ts';
import { fitPreset, PRESETS, type PresetData } from './presets.ts';

describe('presets', () => {
  it('are all valid models with no errors', () => {
    for (const preset of PRESETS) expect(findModelIssues(preset.layers).issues.filter((i) => i.severity === 'error'), preset.name).toEqual([]);
  });

  it.each([
    ['chapter5', 93_322],
    ['chapter2', 407_050],
    ['lenet5', 61_706],
  ])('%s has %i parameters', (id, params) => {
    const preset = PRESETS.find((p) => p.id === id);
    const analysis = analyzeModel(preset?.layers ?? []);
    expect(analysis.ok && analysis.totalParams).toBe(params);
  });
});

describe('fitPreset: every preset on every shape of data', () => {
  const data = (inputShape: readonly [number, number, number], classes: number): PresetData => ({
    id: 'your-images',
    inputShape,
    classNames: Array.from({ length: classes }, (_, i) => `class ${i}`),
  });
  const DATA: Record<string, PresetData> = {
    'MNIST 28×28×1, 10 classes': MNIST_INFO,
    'Fashion-MNIST 28×28×1, 10 classes': FASHION_MNIST_INFO,
    '64×64×3, 3 classes': data([64, 64, 3], 3),
    '8×8×1, 2 classes': data([8, 8, 1], 2),
    '28×28×1, 2 classes': data([28, 28, 1], 2),
    '32×32×3, 3 classes': data([32, 32, 3], 3),
  };
  /** Too small for these: three 3×3 convolutions and two pools need 22 pixels, LeNet's 5×5 after a pool 12. */
  const TOO_SMALL: Record<string, Record<string, string>> = {
    '8×8×1, 2 classes': {
      chapter5: 'Needs larger images than 8×8×1: at its layer 4 (MaxPooling2D), pool 2×2 is larger than its 1×1 input.',
      lenet5: 'Needs larger images than 8×8×1: at its layer 3 (Conv2D), kernel 5×5 is larger than its 4×4 input.',
      dropout: 'Needs larger images than 8×8×1: at its layer 4 (MaxPooling2D), pool 2×2 is larger than its 1×1 input.',
    },
  };
  const cases = Object.entries(DATA).flatMap(([dataName, d]) => PRESETS.map((preset) => [preset.id, dataName, preset, d] as const));

  it.each(cases)('%s on %s', (id, dataName, preset, d) => {
    const fit = fitPreset(preset, d);
    const refusal = TOO_SMALL[dataName]?.[id];
    if (refusal) return expect(fit).toEqual({ ok: false, message: refusal });
    if (!fit.ok) throw new Error(fit.message);
    // The dataset's shape in, its classes out, and nothing the editor would refuse to train.
    const { issues, analysis } = findModelIssues(fit.layers, d);
    expect(issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    expect(analysis?.ok && analysis.rows.at(-1)?.outputShape).toEqual([d.classNames.length]);
    // Only the last layer's units change.
    expect(fit.layers.slice(0, -1)).toEqual(preset.layers.slice(0, -1));
  });

  it('keeps MNIST’s presets exactly as they are', () => {
    for (const preset of PRESETS) expect(fitPreset(preset, MNIST_INFO)).toEqual({ ok: true, layers: preset.layers });
  });

  it('counts the parameters on the dataset’s shape: the dense network on 64×64×3 images of 3 classes', () => {
    const fit = fitPreset(PRESETS.find((p) => p.id === 'chapter2')!, DATA['64×64×3, 3 classes']!);
    const analysis = fit.ok ? analyzeModel(fit.layers, [64, 64, 3]) : null;
    // Flatten gives 64·64·3 = 12,288 inputs: 12,288·512 + 512 weights and biases, then 512·3 + 3.
    expect(analysis?.ok && analysis.totalParams).toBe(12_288 * 512 + 512 + 512 * 3 + 3);
  });
});
