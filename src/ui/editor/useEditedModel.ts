import { useMemo } from 'react';
import { analyzePrefix } from '../../domain/analysis.ts';
import { MNIST_INFO, type DatasetInfo } from '../../domain/datasets.ts';
import { findModelIssues } from '../../domain/modelIssues.ts';
import { validateTrainingSettings } from '../../domain/settings.ts';
import { specFromDocument } from './editorDocument.ts';
import { useEditorDocument } from './useEditorDocument.ts';

type EditedFor = Pick<DatasetInfo, 'id' | 'inputShape' | 'classNames'>;

/**
 * The model being edited, and what the domain says of it for the chosen data (its input shape and classes): its spec,
 * layer rows, problems, and settings problems. embedded: see useEditorDocument.
 */
export function useEditedModel(options: { readonly embedded?: boolean; readonly dataset?: EditedFor } = {}) {
  const model = useEditorDocument({ embedded: options.embedded });
  const { document } = model;
  const dataset = options.dataset ?? MNIST_INFO;
  const spec = useMemo(() => specFromDocument(document), [document]);
  const { issues, analysis } = useMemo(() => findModelIssues(spec.layers, dataset), [spec.layers, dataset]);
  const rows = useMemo(() => analyzePrefix(spec.layers, dataset.inputShape), [spec.layers, dataset.inputShape]);
  const settingsIssues = useMemo(() => validateTrainingSettings(spec.training), [spec.training]);
  const firstError = issues.find((i) => i.severity === 'error');
  /** The first problem that keeps the model from being built, where it is. */
  const modelError = firstError ? `${firstError.layerIndex === null ? '' : `layer ${firstError.layerIndex + 1}: `}${firstError.message}` : null;
  return { model, spec, issues, analysis: analysis?.ok ? analysis : null, rows, settingsIssues, modelError };
}
