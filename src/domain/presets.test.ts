import { describe, expect, it } from 'vitest';
import { analyzeModel } from './analysis.ts';
import { findModelIssues } from './modelIssues.ts';
import { PRESETS } from './presets.ts';

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
