import type { ExplanationSource } from '../../domain/explain/explanations.ts';
import type { PoolCellExplanation } from '../../domain/explain/poolCell.ts';
import type { FeatureMapLayer } from '../../training/protocol.ts';
import { formatNumber, NumberGrid } from './NumberGrid.tsx';
import { SourceWindow } from './SourceWindow.tsx';

interface PoolExplanationProps {
  readonly explanation: PoolCellExplanation;
  readonly source: ExplanationSource;
  readonly digit: Float32Array;
  readonly featureMaps: readonly FeatureMapLayer[] | null;
}

/** A pooling cell: its window in the same channel of what it reads, and which input won (max) or their mean. */
export function PoolExplanation({ explanation, source, digit, featureMaps }: PoolExplanationProps) {
  const { window, inputs, winner, counted, pooling, position } = explanation;
  return (
    <div className="pool-explanation">
      <SourceWindow source={source} window={window} channel={position.channel} digit={digit} featureMaps={featureMaps} />
      <NumberGrid caption={`Window (channel ${position.channel + 1})`} values={inputs} width={window.width} highlight={winner} />
      <p className="cell-sum" data-value={explanation.value}>
        {pooling === 'max'
          ? `The largest of the window's ${counted} values wins: ${formatNumber(explanation.value)}${winner === null ? '' : ` (row ${Math.floor(winner / window.width) + 1}, column ${(winner % window.width) + 1} of the window)`}.`
          : `The mean of the window's ${counted} values on the input (padding is not counted): ${formatNumber(explanation.value)}.`}
      </p>
    </div>
  );
}
