import { useMemo, useState } from 'react';
import type { ConvCellExplanation } from '../../domain/explain/convCell.ts';
import type { ExplanationSource } from '../../domain/explain/explanations.ts';
import type { FeatureMapLayer } from '../../training/protocol.ts';
import { formatNumber, NumberGrid } from './NumberGrid.tsx';
import { SourceWindow } from './SourceWindow.tsx';

interface ConvExplanationProps {
  readonly explanation: ConvCellExplanation;
  readonly source: ExplanationSource;
  readonly digit: Float32Array;
  readonly featureMaps: readonly FeatureMapLayer[] | null;
}

/** Input channels by how much they move the sum, largest first: the one a learner should look at comes first. */
function channelsByWeight(explanation: ConvCellExplanation): number[] {
  return explanation.channels.map((_, c) => c).sort((a, b) => Math.abs(explanation.channels[b]?.sum ?? 0) - Math.abs(explanation.channels[a]?.sum ?? 0));
}

function ChannelSums({ explanation, order }: { readonly explanation: ConvCellExplanation; readonly order: readonly number[] }) {
  return (
    <details>
      <summary>Every input channel’s sum ({explanation.channels.length})</summary>
      <table className="channel-sums">
        <caption>Σ window × kernel, per input channel, largest first</caption>
        <thead>
          <tr>
            <th scope="col">input channel</th>
            <th scope="col">sum</th>
          </tr>
        </thead>
        <tbody>
          {order.map((c) => (
            <tr key={c}>
              <th scope="row">{c + 1}</th>
              <td>{formatNumber(explanation.channels[c]?.sum ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** A conv cell: the window on what it reads, the kernel, the products, and their sums, one input channel at a time. */
export function ConvExplanation({ explanation, source, digit, featureMaps }: ConvExplanationProps) {
  const order = useMemo(() => channelsByWeight(explanation), [explanation]);
  const [chosen, setChosen] = useState<number | null>(null);
  const channel = chosen !== null && chosen < explanation.channels.length ? chosen : (order[0] ?? 0);
  const terms = explanation.channels[channel];
  const { window } = explanation;
  const many = explanation.channels.length > 1;
  return (
    <div className="conv-explanation">
      <SourceWindow source={source} window={window} channel={channel} digit={digit} featureMaps={featureMaps} />
      {many && (
        <label className="channel-picker">
          Input channel shown{' '}
          <select value={channel} onChange={(e) => setChosen(Number(e.target.value))}>
            {order.map((c) => (
              <option key={c} value={c}>
                {`channel ${c + 1} (sum ${formatNumber(explanation.channels[c]?.sum ?? 0)})`}
              </option>
            ))}
          </select>
        </label>
      )}
      {terms && (
        <div className="grids">
          <NumberGrid caption={`Window${many ? ` (channel ${channel + 1})` : ''}`} values={terms.inputs} width={window.width} />
          <span className="operator" aria-hidden="true">×</span>
          <NumberGrid caption="Kernel weights" values={terms.weights} width={window.width} />
          <span className="operator" aria-hidden="true">=</span>
          <NumberGrid caption="Products" values={terms.products} width={window.width} className="products" />
        </div>
      )}
      {terms && many && (
        <p className="small">
          These {terms.products.length} products sum to {formatNumber(terms.sum)}; the cell adds up the same for all {explanation.channels.length} input channels.
        </p>
      )}
      {many && <ChannelSums explanation={explanation} order={order} />}
    </div>
  );
}
