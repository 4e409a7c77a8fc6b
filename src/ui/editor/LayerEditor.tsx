import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  TouchSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { memo, useState } from 'react';
import type { LayerRow } from '../../domain/analysis.ts';
import type { ModelIssue } from '../../domain/modelIssues.ts';
import { PRESETS } from '../../domain/presets.ts';
import type { LayerSpec, LayerType } from '../../domain/modelSpec.ts';
import { LayerCard } from './LayerCard.tsx';
import { defaultLayer, moveLayer, newLayerId, type EditorLayer, type ModelDocument } from './modelDocument.ts';

const PALETTE: readonly LayerType[] = ['Conv2D', 'MaxPooling2D', 'AveragePooling2D', 'Flatten', 'Dense', 'Dropout', 'BatchNormalization'];

interface LayerEditorProps {
  readonly document: ModelDocument;
  readonly rows: readonly LayerRow[];
  readonly issues: readonly ModelIssue[];
  readonly onEdit: (next: ModelDocument, mergeKey?: string) => void;
  readonly onUndo: () => void;
  readonly onRedo: () => void;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly onNotice: (notice: string) => void;
}

/** The layer stack: add from the palette, edit in place, reorder by drag and drop or keyboard, load presets. */
export const LayerEditor = memo(function LayerEditor({ document, rows, issues, onEdit, onUndo, onRedo, canUndo, canRedo, onNotice }: LayerEditorProps) {
  const [presetId, setPresetId] = useState(PRESETS[0]?.id ?? '');
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 150, tolerance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const layers = document.layers;
  const setLayers = (next: readonly EditorLayer[], mergeKey?: string) => onEdit({ ...document, layers: next }, mergeKey);

  const describe = (id: UniqueIdentifier) => {
    const index = layers.findIndex((l) => l.id === id);
    return index < 0 ? 'the layer' : `layer ${index + 1} (${layers[index]?.spec.type})`;
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${describe(active.id)}. Use the arrow keys to move it, Space to drop it, Escape to cancel.`,
    // Over its own place (right after pick-up) there is nothing new to say.
    onDragOver: ({ active, over }) =>
      over?.id === active.id ? undefined : over ? `${describe(active.id)} is over the place of ${describe(over.id)}.` : `${describe(active.id)} is outside the stack.`,
    onDragEnd: ({ active, over }) => (over ? `Dropped ${describe(active.id)} at the place of ${describe(over.id)}.` : `Dropped ${describe(active.id)}; nothing moved.`),
    onDragCancel: ({ active }) => `Cancelled: ${describe(active.id)} stays where it was.`,
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = layers.findIndex((l) => l.id === active.id);
    const to = layers.findIndex((l) => l.id === over.id);
    if (from >= 0 && to >= 0) setLayers(moveLayer(layers, from, to));
  };
  const loadPreset = () => {
    const preset = PRESETS.find((p) => p.id === presetId);
    if (!preset) return;
    setLayers(preset.layers.map((spec) => ({ id: newLayerId(), spec })));
    onNotice(`Loaded “${preset.name}”. Undo brings back the model you had.`);
  };

  return (
    <div className="editor">
      <div className="editor-toolbar">
        <label className="inline-field">
          <span className="field-label">Preset</span>
          <select aria-label="Preset" value={presetId} onChange={(e) => setPresetId(e.target.value)}>
            {PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={loadPreset} title={PRESETS.find((p) => p.id === presetId)?.description}>
          Load preset
        </button>
        <span className="spacer" />
        <button type="button" onClick={onUndo} disabled={!canUndo} aria-keyshortcuts="Control+Z" title="Undo (Ctrl+Z)">
          Undo
        </button>
        <button type="button" onClick={onRedo} disabled={!canRedo} aria-keyshortcuts="Control+Shift+Z" title="Redo (Ctrl+Shift+Z)">
          Redo
        </button>
        <button type="button" onClick={() => setLayers([])} disabled={layers.length === 0}>
          Clear all
        </button>
      </div>
      <div className="palette" role="group" aria-label="Add a layer">
        {PALETTE.map((type) => (
          <button type="button" key={type} className={`add ${type.toLowerCase()}`} onClick={() => setLayers([...layers, { id: newLayerId(), spec: defaultLayer(type) }])}>
            + {type}
          </button>
        ))}
      </div>
      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd} accessibility={{ announcements }}>
        <SortableContext items={layers.map((l) => l.id)} strategy={verticalListSortingStrategy}>
          <ol className="layer-stack" aria-label="Layers">
            <li className="layer-card input" aria-label="Input">
              <div className="layer-head">
                <span className="layer-type">Input</span>
                <span className="layer-out">(None, 28, 28, 1) · 28×28 greyscale digit</span>
              </div>
            </li>
            {layers.map((layer, index) => (
              <LayerCard
                key={layer.id}
                layer={layer}
                index={index}
                count={layers.length}
                row={rows[index] ?? null}
                issues={issues.filter((i) => i.layerIndex === index)}
                onChange={(spec: LayerSpec, field: string) =>
                  setLayers(
                    layers.map((l) => (l.id === layer.id ? { ...l, spec } : l)),
                    `${layer.id}:${field}`,
                  )
                }
                onMove={(to) => setLayers(moveLayer(layers, index, to))}
                onDuplicate={() => setLayers([...layers.slice(0, index + 1), { id: newLayerId(), spec: layer.spec }, ...layers.slice(index + 1)])}
                onRemove={() => setLayers(layers.filter((l) => l.id !== layer.id))}
              />
            ))}
          </ol>
        </SortableContext>
      </DndContext>
      {layers.length === 0 && <p className="hint empty-stack">The stack is empty: add layers from the palette above, or load a preset.</p>}
    </div>
  );
});
