import type { LayerRow } from '../../domain/analysis.ts';
import { MNIST_INFO } from '../../domain/datasets.ts';
import type { ModelIssue } from '../../domain/modelIssues.ts';
import type { PresetData } from '../../domain/presets.ts';
import { LayerEditor } from './LayerEditor.tsx';
import { ShareLink } from './ShareLink.tsx';
import type { EditorDocumentState } from './useEditorDocument.ts';

interface ModelPanelProps {
  readonly model: EditorDocumentState;
  readonly rows: readonly LayerRow[];
  readonly issues: readonly ModelIssue[];
  /** The data the model is edited for: MNIST unless told. */
  readonly data?: PresetData;
}

/** The layer editor with its share link, and the problems of the model as a whole (those of a layer sit at that layer). */
export function ModelPanel({ model, rows, issues, data = MNIST_INFO }: ModelPanelProps) {
  return (
    <section className="card" aria-labelledby="model-heading">
      <div className="card-head">
        <h2 id="model-heading">Model</h2>
        <ShareLink url={model.shareUrl} />
      </div>
      <LayerEditor
        document={model.document}
        rows={rows}
        issues={issues}
        onEdit={model.edit}
        onUndo={model.undo}
        onRedo={model.redo}
        canUndo={model.canUndo}
        canRedo={model.canRedo}
        onNotice={model.setNotice}
        data={data}
      />
      {issues
        .filter((issue) => issue.layerIndex === null)
        .map((issue) => (
          <p key={issue.message} className={issue.severity === 'error' ? 'error' : 'warning'} role={issue.severity === 'error' ? 'alert' : undefined}>
            {issue.message}
          </p>
        ))}
    </section>
  );
}
