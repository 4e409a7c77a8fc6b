import { memo, useState } from 'react';
import type { ModelAnalysis } from '../../domain/analysis.ts';
import { formatKerasSummary } from '../../domain/keras/summary.ts';
import { formatKeras3Summary } from '../../domain/keras/summaryKeras3.ts';
import { formatBytes, formatCount } from '../../domain/format.ts';

type Layout = 'keras2' | 'keras3';

interface ModelSummaryPanelProps {
  /** null while the model cannot be built. */
  readonly analysis: Extract<ModelAnalysis, { ok: true }> | null;
}

/** Totals and the model exactly as Keras' model.summary() prints it, in the book's Keras 2 layout or Keras 3's. */
export const ModelSummaryPanel = memo(function ModelSummaryPanel({ analysis }: ModelSummaryPanelProps) {
  const [layout, setLayout] = useState<Layout>('keras2');
  return (
    <section className="card" aria-labelledby="summary-heading">
      <div className="card-head">
        <h2 id="summary-heading">Summary</h2>
        <div className="segmented" role="radiogroup" aria-label="Summary layout">
          {(
            [
              ['keras2', 'Keras 2 (book)'],
              ['keras3', 'Keras 3'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className={layout === value ? 'selected' : undefined}>
              <input type="radio" name="summary-layout" value={value} checked={layout === value} onChange={() => setLayout(value)} />
              {label}
            </label>
          ))}
        </div>
      </div>
      {analysis ? (
        <>
          <dl className="totals">
            <div>
              <dt>Total parameters</dt>
              <dd aria-label="Total parameters">{formatCount(analysis.totalParams)}</dd>
            </div>
            <div>
              <dt>Trainable</dt>
              <dd aria-label="Trainable parameters">{formatCount(analysis.trainableParams)}</dd>
            </div>
            <div>
              <dt>Non-trainable</dt>
              <dd aria-label="Non-trainable parameters">{formatCount(analysis.nonTrainableParams)}</dd>
            </div>
            <div>
              <dt>Weights in memory</dt>
              <dd>{formatBytes(analysis.totalParams * 4)}</dd>
            </div>
          </dl>
          <pre className="keras-summary" aria-label="Model summary" tabIndex={0}>
            {layout === 'keras2' ? formatKerasSummary(analysis.rows, analysis) : formatKeras3Summary(analysis.rows, analysis)}
          </pre>
        </>
      ) : (
        <p className="hint">The summary appears as soon as the model can be built: see the message at the broken layer.</p>
      )}
    </section>
  );
});
