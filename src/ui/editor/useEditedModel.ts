import { useMemo } from 'react';
import { analyzePrefix } from '../../domain/analysis.ts';
import { findModelIssues } from '../../domain/modelIssues.ts';
import { validateTrainingSettings } from '../../domain/settings.ts';
import { specFromDocument } from './editorDocument.ts';
import { useEditorDocument } from './useEditorDocument.ts';

/** The model being edited, and what the domain says of it: its spec, layer rows, problems, and settings problems. embedded: see useEditorDocument. */
export function useEditedModel(options: { readonly embedded?: boolean } = {}) {
  const model = useEditorDocument(options);
  const { document } = model;
  const spec = useMemo(() => specFromDocument(document), [document]);
  const { issues, analysis } = useMemo(() => findModelIssues(spec.layers), [spec.layers]);
  const rows = useMemo(() => analyzePrefix(spec.layers), [spec.layers]);
  const settingsIssues = useMemo(() => validateTrainingSettings(spec.training), [spec.training]);
  const firstError = issues.find((i) => i.severity === 'error');
  /** The first problem that keeps the model from being built, where it is. */
  const modelError = firstError ? `${firstError.layerIndex === null ? '' : `layer ${firstError.layerIndex + 1}: `}${firstError.message}` : null;
  return { model, spec, issues, analysis: analysis?.ok ? analysis : null, rows, settingsIssues, modelError };
}
