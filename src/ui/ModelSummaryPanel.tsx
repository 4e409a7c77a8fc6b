import type { ModelAnalysis } from '../spec/analysis.ts';
import { formatKerasSummary, formatPythonShape } from '../spec/summary.ts';
import { formatCount } from './format.ts';

interface ModelSummaryPanelProps {
  readonly analysis: ModelAnalysis;
}

/** The model as Keras' model.summary() prints it, plus a readable table of the same numbers. */
export function ModelSummaryPanel({ analysis }: ModelSummaryPanelProps) {
  if (!analysis.ok) {
    return (
      <section className="card" aria-labelledby="model-heading">
        <h2 id="model-heading">Model</h2>
        <p className="error" role="alert">
          Layer {analysis.layerIndex + 1} {analysis.message}.
        </p>
      </section>
    );
  }
  const summary = formatKerasSummary(analysis.rows, analysis);
  return (
    <section className="card" aria-labelledby="model-heading">
      <h2 id="model-heading">Model</h2>
      <p className="lede">
        The chapter-5 convnet of <cite>Deep Learning with Python</cite>:{' '}
        <strong aria-label="Total parameters">{formatCount(analysis.totalParams)}</strong> parameters.
      </p>
      <ol className="layer-list">
        <li className="layer input">
          <span className="layer-type">Input</span>
          <span className="layer-shape">{formatPythonShape([28, 28, 1])}</span>
          <span className="layer-params">28×28 greyscale digit</span>
        </li>
        {analysis.rows.map((row) => (
          <li className={`layer ${row.type.toLowerCase()}`} key={row.name}>
            <span className="layer-type">{row.type}</span>
            <span className="layer-shape">{formatPythonShape(row.outputShape)}</span>
            <span className="layer-params">{row.params > 0 ? `${formatCount(row.params)} params` : '—'}</span>
          </li>
        ))}
      </ol>
      <details open>
        <summary>Keras model.summary()</summary>
        <pre className="keras-summary" aria-label="Model summary">
          {summary}
        </pre>
      </details>
    </section>
  );
}
