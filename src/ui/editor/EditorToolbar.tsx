import { useState } from 'react';
import { PRESETS } from '../../domain/presets.ts';
import { newLayerId, type EditorLayer } from './editorDocument.ts';

interface EditorToolbarProps {
  readonly isEmpty: boolean;
  /** Replaces the whole stack: a preset's layers, or none. */
  readonly onReplaceLayers: (next: readonly EditorLayer[]) => void;
  readonly onUndo: () => void;
  readonly onRedo: () => void;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly onNotice: (notice: string) => void;
}

/** Above the stack: pick and load a preset, undo and redo, clear all. */
export function EditorToolbar({ isEmpty, onReplaceLayers, onUndo, onRedo, canUndo, canRedo, onNotice }: EditorToolbarProps) {
  const [presetId, setPresetId] = useState(PRESETS[0]?.id ?? '');

  const loadPreset = () => {
    const preset = PRESETS.find((p) => p.id === presetId);
    if (!preset) return;
    onReplaceLayers(preset.layers.map((spec) => ({ id: newLayerId(), spec })));
    onNotice(`Loaded “${preset.name}”. Undo brings back the model you had.`);
  };

  return (
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
      <button type="button" onClick={() => onReplaceLayers([])} disabled={isEmpty}>
        Clear all
      </button>
    </div>
  );
}
