import type { CellExplanation } from '../../domain/explain/explanations.ts';
import { SoftmaxTable } from './DenseExplanation.tsx';
import { formatNumber } from './NumberGrid.tsx';

/** Agreement to float precision: float32 sums in tfjs against float64 here, over up to thousands of products. */
const AGREES = (a: number, b: number) => Math.abs(a - b) <= 1e-4 * Math.max(1, Math.abs(b));

/** sum + bias = pre-activation → activation → the cell's value, checked against the value tfjs computed. */
export function CellEquation({ explanation, modelValue }: { readonly explanation: CellExplanation; readonly modelValue: number }) {
  const agrees = AGREES(explanation.value, modelValue);
  return (
    <div className="cell-equation">
      {explanation.kind !== 'pool' && (
        <p className="cell-sum" data-sum={explanation.productSum} data-bias={explanation.bias} data-value={explanation.value}>
          Σ products = <strong>{formatNumber(explanation.productSum)}</strong>, + bias {formatNumber(explanation.bias)} ={' '}
          <strong>{formatNumber(explanation.preActivation)}</strong>,{' '}
          {explanation.activation === 'softmax'
            ? `then softmax over all ${explanation.softmax?.logits.length ?? 0} ${explanation.kind === 'dense' ? 'classes' : 'filters'} gives`
            : `then ${explanation.activation}(${formatNumber(explanation.preActivation)}) =`}{' '}
          <strong>{formatNumber(explanation.value)}</strong>.
        </p>
      )}
      {explanation.kind === 'conv' && explanation.softmax && <SoftmaxTable steps={explanation.softmax} unit={explanation.position.channel} />}
      <p className={agrees ? 'cell-check ok' : 'cell-check error'} data-model-value={modelValue}>
        The model’s own value for this cell: <strong>{formatNumber(modelValue)}</strong>{' '}
        {agrees ? '— the same number.' : `— this explanation is off by ${formatNumber(explanation.value - modelValue)}; please report it.`}
      </p>
    </div>
  );
}
