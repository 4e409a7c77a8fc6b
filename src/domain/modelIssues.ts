import { analyzeModel, type ModelAnalysis } from './analysis.ts';
import { formatCount } from './format.ts';
import type { LayerSpec } from './modelSpec.ts';
import { MNIST_INFO, type DatasetInfo } from './datasets.ts';

export type Severity = 'error' | 'warning';

/** Something wrong with the model, tied to the layer (and field) where the person can fix it. */
export interface ModelIssue {
  readonly severity: Severity;
  /** null for the model as a whole. */
  readonly layerIndex: number | null;
  readonly field: string | null;
  readonly message: string;
}

/** Above this the page warns; above the hard limit it refuses to train (weights, gradients and optimizer slots must fit). */
export const PARAM_BUDGET = { warn: 2_000_000, refuse: 25_000_000 } as const;

export const LAYER_LIMITS = {
  filters: { min: 1, max: 1024 },
  window: { min: 1, max: 28 },
  stride: { min: 1, max: 28 },
  units: { min: 1, max: 8192 },
} as const;

function wholeNumberIssue(value: number, min: number, max: number, what: string): string | null {
  if (!Number.isFinite(value)) return `Enter a whole number of ${what}.`;
  if (!Number.isInteger(value)) return `${what[0]?.toUpperCase()}${what.slice(1)} must be a whole number, not ${value}.`;
  if (value < min) return `At least ${min} ${what}.`;
  if (value > max) return `At most ${formatCount(max)} ${what}.`;
  return null;
}

/** Out-of-range or non-numeric settings of one layer, by field name. */
export function checkLayerFields(layer: LayerSpec): { field: string; message: string }[] {
  const found: { field: string; message: string | null }[] = [];
  const pair = (field: string, values: readonly number[], limits: { min: number; max: number }, what: string) =>
    values.forEach((v) => found.push({ field, message: wholeNumberIssue(v, limits.min, limits.max, what) }));
  switch (layer.type) {
    case 'Conv2D':
      found.push({ field: 'filters', message: wholeNumberIssue(layer.filters, LAYER_LIMITS.filters.min, LAYER_LIMITS.filters.max, 'filters') });
      pair('kernelSize', layer.kernelSize, LAYER_LIMITS.window, 'pixels of kernel');
      pair('strides', layer.strides, LAYER_LIMITS.stride, 'pixels of stride');
      break;
    case 'MaxPooling2D':
    case 'AveragePooling2D':
      pair('poolSize', layer.poolSize, LAYER_LIMITS.window, 'pixels of pool');
      if (layer.strides) pair('strides', layer.strides, LAYER_LIMITS.stride, 'pixels of stride');
      break;
    case 'Dense':
      found.push({ field: 'units', message: wholeNumberIssue(layer.units, LAYER_LIMITS.units.min, LAYER_LIMITS.units.max, 'units') });
      break;
    case 'Dropout':
      if (!Number.isFinite(layer.rate) || layer.rate < 0 || layer.rate >= 1)
        found.push({ field: 'rate', message: 'The rate is a fraction from 0 up to (not including) 1, e.g. 0.5.' });
      break;
    case 'Flatten':
    case 'BatchNormalization':
      break;
  }
  const seen = new Set<string>();
  return found.flatMap(({ field, message }) => {
    if (message === null || seen.has(field)) return [];
    seen.add(field);
    return [{ field, message }];
  });
}

/** Every reason the model cannot train, and warnings for what trains badly, most useful first. */
export function findModelIssues(
  layers: readonly LayerSpec[],
  dataset: Pick<DatasetInfo, 'id' | 'inputShape' | 'classNames'> = MNIST_INFO,
): { issues: ModelIssue[]; analysis: ModelAnalysis | null } {
  if (layers.length === 0) {
    return { issues: [{ severity: 'error', layerIndex: null, field: null, message: 'The model has no layers: add some from the palette.' }], analysis: null };
  }
  const fieldIssues: ModelIssue[] = layers.flatMap((layer, layerIndex) =>
    checkLayerFields(layer).map(({ field, message }) => ({ severity: 'error' as const, layerIndex, field, message })),
  );
  if (fieldIssues.length > 0) return { issues: fieldIssues, analysis: null };

  const analysis = analyzeModel(layers, dataset.inputShape);
  const classes = dataset.classNames.length;
  const whose = dataset.id === 'mnist' ? 'MNIST' : 'this dataset';
  if (!analysis.ok) {
    const type = layers[analysis.layerIndex]?.type ?? 'layer';
    return { issues: [{ severity: 'error', layerIndex: analysis.layerIndex, field: null, message: `${type}: ${analysis.message}.` }], analysis };
  }
  const issues: ModelIssue[] = [];
  const lastIndex = layers.length - 1;
  const last = layers[lastIndex];
  const output = analysis.rows[lastIndex]?.outputShape ?? [];
  if (output.length !== 1) {
    issues.push({
      severity: 'error',
      layerIndex: lastIndex,
      field: null,
      message: `The model outputs (None, ${output.join(', ')}), but needs one score per ${dataset.id === 'mnist' ? 'digit' : 'class'}, (None, ${classes}): add Flatten before the last Dense layer.`,
    });
  } else if (output[0] !== classes) {
    issues.push({
      severity: 'error',
      layerIndex: lastIndex,
      field: last?.type === 'Dense' ? 'units' : null,
      message: `The last layer outputs ${output[0]} values; ${whose} has ${classes} classes, so end with Dense(${classes}, softmax).`,
    });
  }
  if (last?.type === 'Dense' && last.activation !== 'softmax') {
    issues.push({
      severity: 'warning',
      layerIndex: lastIndex,
      field: 'activation',
      message: `Categorical cross-entropy expects probabilities: use softmax here, not ${last.activation}.`,
    });
  } else if (last && last.type !== 'Dense') {
    issues.push({ severity: 'warning', layerIndex: lastIndex, field: null, message: `The model should end with Dense(${classes}, softmax) to output probabilities.` });
  }
  if (analysis.totalParams > PARAM_BUDGET.refuse) {
    issues.push({
      severity: 'error',
      layerIndex: null,
      field: null,
      message: `${formatCount(analysis.totalParams)} parameters is too large to train in a browser (the limit is ${formatCount(PARAM_BUDGET.refuse)}). Add pooling or use fewer filters or units.`,
    });
  } else if (analysis.totalParams > PARAM_BUDGET.warn) {
    issues.push({
      severity: 'warning',
      layerIndex: null,
      field: null,
      message: `${formatCount(analysis.totalParams)} parameters: this will train slowly in a browser.`,
    });
  }
  return { issues, analysis };
}
