import { useMemo, useState } from 'react';
import { fitPreset, PRESETS, type PresetData } from '../../domain/presets.ts';
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
  /** The chosen data: a preset takes its input shape and classes, or says why it cannot. */
  readonly data: PresetData;
}

/** Above the stack: pick and load a preset (fitted to the chosen data), undo and redo, clear all. */
export function EditorToolbar({ isEmpty, onReplaceLayers, onUndo, onRedo, canUndo, canRedo, onNotice, data }: EditorToolbarProps) {
  const [presetId, setPresetId] = useState(PRESETS[0]?.id ?? '');
  const fits = useMemo(() => new Map(PRESETS.map((preset) => [preset.id, fitPreset(preset, data)])), [data]);
  const preset = PRESETS.find((p) => p.id === presetId);
  const fit = fits.get(presetId);

  const loadPreset = () => {
    if (!preset || !fit?.ok) return;
    onReplaceLayers(fit.layers.map((spec) => ({ id: newLayerId(), spec })));
    const classes = data.classNames.length;
    const adapted = fit.layers.at(-1) !== preset.layers.at(-1) ? `, ending in Dense(${classes}) for this dataset's ${classes} classes` : '';
    onNotice(`Loaded “${preset.name}”${adapted}. Undo brings back the model you had.`);
  };

  return (
    <div className="editor-toolbar">
      <label className="inline-field">
        <span className="field-label">Preset</span>
        <select aria-label="Preset" value={presetId} onChange={(e) => setPresetId(e.target.value)} aria-describedby={fit?.ok === false ? 'preset-misfit' : undefined}>
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {fits.get(p.id)?.ok === false ? `${p.name} (does not fit these images)` : p.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={loadPreset} disabled={fit?.ok === false} title={preset?.description} aria-describedby={fit?.ok === false ? 'preset-misfit' : undefined}>
        Load preset
      </button>
      {fit?.ok === false && (
        <span className="hint" id="preset-misfit">
          {fit.message}
        </span>
      )}
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
