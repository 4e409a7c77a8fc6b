/** Room src/ui/editor/: the model panel — layer editor, share link, summary, Keras code — and the edited document's hooks. */
import { closestCenter, DndContext } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { memo } from 'react';
import type { LayerRow } from '../../domain/analysis.ts';
import type { ModelIssue } from '../../domain/modelIssues.ts';
import type { PresetData } from '../../domain/presets.ts';
import { LAYER_TYPES, MAX_LAYERS, type LayerSpec } from '../../domain/modelSpec.ts';
import { EditorToolbar } from './EditorToolbar.tsx';
import { LayerCard } from './LayerCard.tsx';
import { defaultLayer, moveLayer, newLayerId, type EditorLayer, type EditorDocument } from './editorDocument.ts';
import { useLayerReordering } from './useLayerReordering.ts';


interface LayerEditorProps {
  readonly document: EditorDocument;
  readonly rows: readonly LayerRow[];
  readonly issues: readonly ModelIssue[];
  readonly onEdit: (next: EditorDocument, mergeKey?: string) => void;
  readonly onUndo: () => void;
  readonly onRedo: () => void;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly onNotice: (notice: string) => void;
  /** The chosen data: the input the stack starts from, and what presets fit to. */
  readonly data: PresetData;
}

/** The input card's words: "28×28 greyscale digit" for MNIST, "32×32 colour image" for others. */
function describeInput({ id, inputShape: [height, width, channels] }: PresetData): string {
  return `${height}×${width} ${channels === 1 ? 'greyscale' : 'colour'} ${id === 'mnist' ? 'digit' : 'image'}`;
}

/** The layer stack: add from the palette, edit in place, reorder by drag and drop or keyboard, load presets. */
export const LayerEditor = memo(function LayerEditor({ document, rows, issues, onEdit, onUndo, onRedo, canUndo, canRedo, onNotice, data }: LayerEditorProps) {
  const layers = document.layers;
  const setLayers = (next: readonly EditorLayer[], mergeKey?: string) => onEdit({ ...document, layers: next }, mergeKey);
  const { sensors, announcements, onDragEnd } = useLayerReordering(layers, setLayers);
  // The share link, and so the model kept across reloads, holds at most MAX_LAYERS layers: a longer stack would be lost.
  const full = layers.length >= MAX_LAYERS;

  return (
    <div className="editor">
      <EditorToolbar
        isEmpty={layers.length === 0}
        onReplaceLayers={setLayers}
        onUndo={onUndo}
        onRedo={onRedo}
        canUndo={canUndo}
        canRedo={canRedo}
        onNotice={onNotice}
        data={data}
      />
      <div className="palette" role="group" aria-label="Add a layer" aria-describedby={full ? 'palette-full' : undefined}>
        {LAYER_TYPES.map((type) => (
          <button type="button" key={type} className={`add ${type.toLowerCase()}`} disabled={full} onClick={() => setLayers([...layers, { id: newLayerId(), spec: defaultLayer(type) }])}>
            + {type}
          </button>
        ))}
        {full && (
          <p className="hint" id="palette-full">
            A model holds at most {MAX_LAYERS} layers: remove one to add another.
          </p>
        )}
      </div>
      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd} accessibility={{ announcements }}>
        <SortableContext items={layers.map((l) => l.id)} strategy={verticalListSortingStrategy}>
          <ol className="layer-stack" aria-label="Layers">
            <li className="layer-card input" aria-label="Input">
              <div className="layer-head">
                <span className="layer-type">Input</span>
                <span className="layer-out">
                  (None, {data.inputShape.join(', ')}) · {describeInput(data)}
                </span>
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
                onDuplicate={full ? null : () => setLayers([...layers.slice(0, index + 1), { id: newLayerId(), spec: layer.spec }, ...layers.slice(index + 1)])}
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
