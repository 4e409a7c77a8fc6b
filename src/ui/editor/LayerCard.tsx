import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { LayerRow } from '../../domain/analysis.ts';
import type { ModelIssue } from '../../domain/modelIssues.ts';
import { formatPythonShape } from '../../domain/keras/summary.ts';
import type { LayerSpec } from '../../domain/modelSpec.ts';
import { formatCount } from '../../domain/format.ts';
import { Icon } from '../common/Icon.tsx';
import { LayerFields } from './LayerFields.tsx';
import type { EditorLayer } from './editorDocument.ts';

interface LayerCardProps {
  readonly layer: EditorLayer;
  readonly index: number;
  readonly count: number;
  readonly row: LayerRow | null;
  readonly issues: readonly ModelIssue[];
  /** field names the edit so that typing in one field undoes as one step */
  readonly onChange: (spec: LayerSpec, field: string) => void;
  readonly onMove: (to: number) => void;
  /** null when the model is full (MAX_LAYERS). */
  readonly onDuplicate: (() => void) | null;
  readonly onRemove: () => void;
}

export function LayerCard({ layer, index, count, row, issues, onChange, onMove, onDuplicate, onRemove }: LayerCardProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: layer.id });
  const spec = layer.spec;
  const n = index + 1;
  const errorId = `${layer.id}-issues`;
  const hasError = issues.some((i) => i.severity === 'error');

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
          <button type="button" className="icon" onClick={onDuplicate ?? undefined} disabled={onDuplicate === null} aria-label={`Duplicate layer ${n}`}>
            <Icon name="duplicate" />
          </button>
          <button type="button" className="icon danger" onClick={onRemove} aria-label={`Remove layer ${n}`}>
            <Icon name="remove" />
          </button>
        </span>
      </div>
      <div className="layer-fields">
        <LayerFields spec={spec} layerNumber={n} errorId={errorId} issues={issues} onChange={onChange} />
      </div>
      {issues.length > 0 && (
        <ul className="layer-issues" id={errorId}>
          {issues.map((issue) => (
            // The alert inside the item: a list holds only list items (axe: list, aria-allowed-role).
            <li key={`${issue.field}-${issue.message}`} className={issue.severity}>
              {issue.severity === 'error' ? <span role="alert">{issue.message}</span> : issue.message}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
