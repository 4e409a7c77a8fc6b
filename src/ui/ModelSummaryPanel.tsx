import type { ModelAnalysis } from '../spec/analysis.ts';
import { formatKerasSummary } from '../spec/summary.ts';
import { formatBytes, formatCount } from './format.ts';

interface ModelSummaryPanelProps {
  /** null while the model cannot be built. */
  readonly analysis: Extract<ModelAnalysis, { ok: true }> | null;
}

/** Totals and the model exactly as Keras' model.summary() prints it. */
export function ModelSummaryPanel({ analysis }: ModelSummaryPanelProps) {
  return (
    <section className="card" aria-labelledby="summary-heading">
      <h2 id="summary-heading">Summary</h2>
      {analysis ? (
        <>
          <dl className="totals">
            <div>
              <dt>Total parameters</dt>
              <dd aria-label="Total parameters">{formatCount(analysis.totalParams)}</dd>
            </div>
            <div>
              <dt>Trainable</dt>
              <dd>{formatCount(analysis.trainableParams)}</dd>
            </div>
            <div>
              <dt>Non-trainable</dt>
              <dd>{formatCount(analysis.nonTrainableParams)}</dd>
            </div>
            <div>
              <dt>Weights in memory</dt>
              <dd>{formatBytes(analysis.totalParams * 4)}</dd>
            </div>
          </dl>
          <pre className="keras-summary" aria-label="Model summary">
            {formatKerasSummary(analysis.rows, analysis)}
          </pre>
        </>
      ) : (
        <p className="hint">The summary appears as soon as the model can be built: see the message at the broken layer.</p>
      )}
    </section>
  );
}
