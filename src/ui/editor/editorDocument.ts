import type { LayerSpec, ModelSpec } from '../../domain/modelSpec.ts';
import { draftFromSettings, settingsFromDraft, type SettingsDraft } from '../../domain/settingsDraft.ts';

/** A layer in the editor: its spec plus a stable id, so React and drag and drop can follow it as it moves. */
export interface EditorLayer {
  readonly id: string;
  readonly spec: LayerSpec;
}

/** Everything the person edits, and what undo, reload and shared links bring back. */
export interface EditorDocument {
  readonly layers: readonly EditorLayer[];
  readonly training: SettingsDraft;
}

let nextId = 1;
export function newLayerId(): string {
  return `layer-${nextId++}`;
}

export function documentFromSpec(spec: ModelSpec): EditorDocument {
  return { layers: spec.layers.map((layer) => ({ id: newLayerId(), spec: layer })), training: draftFromSettings(spec.training) };
}

export function specFromDocument(document: EditorDocument): ModelSpec {
  return { layers: document.layers.map((layer) => layer.spec), training: settingsFromDraft(document.training) };
}

/** A fresh layer of each type, with Keras' usual settings. */
export function defaultLayer(type: LayerSpec['type']): LayerSpec {
  switch (type) {
    case 'Conv2D':
      return { type, filters: 32, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', activation: 'relu' };
    case 'MaxPooling2D':
    case 'AveragePooling2D':
      return { type, poolSize: [2, 2], strides: null, padding: 'valid' };
    case 'Flatten':
    case 'BatchNormalization':
      return { type };
    case 'Dense':
      return { type, units: 64, activation: 'relu' };
    case 'Dropout':
      return { type, rate: 0.5 };
  }
}

export function moveLayer(layers: readonly EditorLayer[], from: number, to: number): EditorLayer[] {
  const next = [...layers];
  const [moved] = next.splice(from, 1);
  if (moved === undefined || to < 0 || to > next.length) return [...layers];
  next.splice(to, 0, moved);
  return next;
}
