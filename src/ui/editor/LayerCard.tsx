import { useSortable } from '@dnd-kit/sortable';
import type { ReactNode } from 'react';
import { CSS } from '@dnd-kit/utilities';
import type { LayerRow } from '../../domain/analysis.ts';
import type { ModelIssue } from '../../domain/modelIssues.ts';
import { formatPythonShape } from '../../domain/keras/summary.ts';
import { ACTIVATIONS, PADDINGS, type LayerSpec, type Pair } from '../../domain/modelSpec.ts';
import { formatCount } from '../common/format.ts';
import { Icon } from '../common/Icon.tsx';
import type { EditorLayer } from './modelDocument.ts';
import { NumberField } from '../common/NumberField.tsx';


interface LayerCardProps {
  readonly layer: EditorLayer;
  readonly index: number;
  readonly count: number;
  readonly row: LayerRow | null;
  readonly issues: readonly ModelIssue[];
  /** field names the edit so that typing in one field undoes as one step */
  readonly onChange: (spec: LayerSpec, field: string) => void;
  readonly onMove: (to: number) => void;
  readonly onDuplicate: () => void;
  readonly onRemove: () => void;
}

export function LayerCard({ layer, index, count, row, issues, onChange, onMove, onDuplicate, onRemove }: LayerCardProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: layer.id });
  const spec = layer.spec;
  const n = index + 1;
  const errorId = `${layer.id}-issues`;
  const fieldInvalid = (field: string) => issues.some((i) => i.field === field && i.severity === 'error');
  const hasError = issues.some((i) => i.severity === 'error');

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

  let fields: ReactNode = null;
  switch (spec.type) {
    case 'Conv2D':
      fields = (
        <>
          {numberField('filters', 'Filters', spec.filters, (filters) => ({ ...spec, filters }))}
          {pairField('kernelSize', 'Kernel', spec.kernelSize, (kernelSize) => ({ ...spec, kernelSize }))}
          {pairField('strides', 'Strides', spec.strides, (strides) => ({ ...spec, strides }))}
          {select('padding', 'Padding', spec.padding, PADDINGS, (padding) => ({ ...spec, padding }))}
          {select('activation', 'Activation', spec.activation, ACTIVATIONS, (activation) => ({ ...spec, activation }))}
        </>
      );
      break;
    case 'MaxPooling2D':
    case 'AveragePooling2D':
      fields = (
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
      break;
    case 'Dense':
      fields = (
        <>
          {numberField('units', 'Units', spec.units, (units) => ({ ...spec, units }))}
          {select('activation', 'Activation', spec.activation, ACTIVATIONS, (activation) => ({ ...spec, activation }))}
        </>
      );
      break;
    case 'Dropout':
      fields = numberField('rate', 'Rate', spec.rate, (rate) => ({ ...spec, rate }));
      break;
    case 'Flatten':
      fields = <span className="hint">Unrolls the feature maps into one vector.</span>;
      break;
    case 'BatchNormalization':
      fields = <span className="hint">Normalises each channel; momentum 0.99, epsilon 0.001.</span>;
      break;
  }

  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      className={`layer-card ${spec.type.toLowerCase()}${hasError ? ' broken' : ''}${isDragging ? ' dragging' : ''}`}
      aria-label={`Layer ${n}: ${spec.type}`}
    >
      <div className="layer-head">
        <button type="button" className="drag-handle" ref={setActivatorNodeRef} {...attributes} {...listeners} aria-label={`Drag layer ${n} (${spec.type}) to reorder`}>
          <Icon name="grip" />
        </button>
        <span className="layer-index">{n}</span>
        <span className="layer-type">{spec.type}</span>
        <span className="layer-out" aria-label={`Output of layer ${n}`}>
          {row ? `${formatPythonShape(row.outputShape)} · ${row.params > 0 ? `${formatCount(row.params)} params` : 'no params'}` : '—'}
        </span>
        <span className="layer-actions">
          <button type="button" className="icon" onClick={() => onMove(index - 1)} disabled={index === 0} aria-label={`Move layer ${n} up`}>
            <Icon name="up" />
          </button>
          <button type="button" className="icon" onClick={() => onMove(index + 1)} disabled={index === count - 1} aria-label={`Move layer ${n} down`}>
            <Icon name="down" />
          </button>
          <button type="button" className="icon" onClick={onDuplicate} aria-label={`Duplicate layer ${n}`}>
            <Icon name="duplicate" />
          </button>
          <button type="button" className="icon danger" onClick={onRemove} aria-label={`Remove layer ${n}`}>
            <Icon name="remove" />
          </button>
        </span>
      </div>
      <div className="layer-fields">{fields}</div>
      {issues.length > 0 && (
        <ul className="layer-issues" id={errorId}>
          {issues.map((issue) => (
            <li key={`${issue.field}-${issue.message}`} className={issue.severity} role={issue.severity === 'error' ? 'alert' : undefined}>
              {issue.message}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
