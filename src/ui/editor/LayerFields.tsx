import type { ModelIssue } from '../../domain/modelIssues.ts';
import { ACTIVATIONS, PADDINGS, type LayerSpec, type Pair } from '../../domain/modelSpec.ts';
import { NumberField } from '../common/NumberField.tsx';

interface LayerFieldsProps {
  readonly spec: LayerSpec;
  /** The layer's 1-based number, as the labels say it. */
  readonly layerNumber: number;
  /** The id of the card's issue list, which every number field points at. */
  readonly errorId: string;
  readonly issues: readonly ModelIssue[];
  /** field names the edit so that typing in one field undoes as one step */
  readonly onChange: (spec: LayerSpec, field: string) => void;
}

/** The three kinds of setting a layer has, labelled with the layer's number and marked invalid by its issues. */
function fieldBuilders({ layerNumber: n, errorId, issues, onChange }: Omit<LayerFieldsProps, 'spec'>) {
  const fieldInvalid = (field: string) => issues.some((i) => i.field === field && i.severity === 'error');
  const pairField = (field: string, label: string, pair: Pair, set: (p: Pair) => LayerSpec) => (
    <span className="pair" role="group" aria-label={`${label} of layer ${n}`}>
      <span className="field-label">{label}</span>
      <NumberField className="tiny" label={`${label} height of layer ${n}`} value={pair[0]} invalid={fieldInvalid(field)} describedBy={errorId} onValue={(v) => onChange(set([v, pair[1]]), `${field}0`)} />
      <span aria-hidden="true">×</span>
      <NumberField className="tiny" label={`${label} width of layer ${n}`} value={pair[1]} invalid={fieldInvalid(field)} describedBy={errorId} onValue={(v) => onChange(set([pair[0], v]), `${field}1`)} />
    </span>
  );
  const select = <T extends string>(field: string, label: string, value: T, options: readonly T[], set: (v: T) => LayerSpec) => (
    <label className="inline-field">
      <span className="field-label">{label}</span>
      <select aria-label={`${label} of layer ${n}`} value={value} aria-invalid={fieldInvalid(field) ? true : undefined} onChange={(e) => onChange(set(e.target.value as T), field)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
  const numberField = (field: string, label: string, value: number, set: (v: number) => LayerSpec) => (
    <label className="inline-field">
      <span className="field-label">{label}</span>
      <NumberField className="short" label={`${label} of layer ${n}`} value={value} invalid={fieldInvalid(field)} describedBy={errorId} onValue={(v) => onChange(set(v), field)} />
    </label>
  );
  return { pairField, select, numberField };
}

/** The settings of one layer, as its type has them. */
export function LayerFields({ spec, ...context }: LayerFieldsProps) {
  const { pairField, select, numberField } = fieldBuilders(context);
  switch (spec.type) {
    case 'Conv2D':
      return (
        <>
          {numberField('filters', 'Filters', spec.filters, (filters) => ({ ...spec, filters }))}
          {pairField('kernelSize', 'Kernel', spec.kernelSize, (kernelSize) => ({ ...spec, kernelSize }))}
          {pairField('strides', 'Strides', spec.strides, (strides) => ({ ...spec, strides }))}
          {select('padding', 'Padding', spec.padding, PADDINGS, (padding) => ({ ...spec, padding }))}
          {select('activation', 'Activation', spec.activation, ACTIVATIONS, (activation) => ({ ...spec, activation }))}
        </>
      );
    case 'MaxPooling2D':
    case 'AveragePooling2D':
      return (
        <>
          {pairField('poolSize', 'Pool', spec.poolSize, (poolSize) => ({ ...spec, poolSize }))}
          {select('strides', 'Strides', spec.strides ? 'custom' : 'pool size', ['pool size', 'custom'] as const, (choice) => ({
            ...spec,
            strides: choice === 'custom' ? spec.poolSize : null,
          }))}
          {spec.strides && pairField('strides', 'Stride', spec.strides, (strides) => ({ ...spec, strides }))}
          {select('padding', 'Padding', spec.padding, PADDINGS, (padding) => ({ ...spec, padding }))}
        </>
      );
    case 'Dense':
      return (
        <>
          {numberField('units', 'Units', spec.units, (units) => ({ ...spec, units }))}
          {select('activation', 'Activation', spec.activation, ACTIVATIONS, (activation) => ({ ...spec, activation }))}
        </>
      );
    case 'Dropout':
      return numberField('rate', 'Rate', spec.rate, (rate) => ({ ...spec, rate }));
    case 'Flatten':
      return <span className="hint">Unrolls the feature maps into one vector.</span>;
    case 'BatchNormalization':
      return <span className="hint">Normalises each channel; momentum 0.99, epsilon 0.001.</span>;
  }
}
