import type { DenseUnitExplanation } from '../../domain/explain/denseUnit.ts';
import type { SoftmaxSteps } from '../../domain/explain/softmaxSteps.ts';
import { classLabel } from './classLabel.ts';
import { formatNumber } from './NumberGrid.tsx';

interface SoftmaxTableProps {
  readonly steps: SoftmaxSteps;
  readonly unit: number;
  /** The classes the model answers in, for the output layer's rows; absent: rows by index (a conv layer's filters). */
  readonly classNames?: readonly string[];
}

/** Logits → exponentials → probabilities, one row per class. */
export function SoftmaxTable({ steps, unit, classNames }: SoftmaxTableProps) {
  return (
    <table className="softmax-table">
      <caption>
        Softmax: subtract the largest logit ({formatNumber(steps.largest)}), exponentiate, divide by their total ({formatNumber(steps.total)})
      </caption>
      <thead>
        <tr>
          <th scope="col">class</th>
          <th scope="col">logit</th>
          <th scope="col">e^(logit − largest)</th>
          <th scope="col">probability</th>
        </tr>
      </thead>
      <tbody>
        {steps.logits.map((logit, k) => (
          <tr key={k} className={k === unit ? 'chosen' : undefined}>
            <th scope="row">{classLabel(classNames, k, steps.logits.length)}</th>
            <td>{formatNumber(logit)}</td>
            <td>{formatNumber(steps.exponentials[k] ?? 0)}</td>
            <td>{((steps.probabilities[k] ?? 0) * 100).toFixed(2)}%</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A dense unit: the products that move it most, the sum of all of them, and softmax when the layer ends in one. */
export function DenseExplanation({ explanation, classNames }: { readonly explanation: DenseUnitExplanation; readonly classNames?: readonly string[] }) {
  const { largestTerms, inputCount, productSum } = explanation;
  const listed = largestTerms.reduce((sum, term) => sum + term.product, 0);
  return (
    <div className="dense-explanation">
      <table className="dense-terms">
        <caption>
          The {largestTerms.length} largest of its {inputCount} products input × weight
        </caption>
        <thead>
          <tr>
            <th scope="col">input</th>
            <th scope="col">value</th>
            <th scope="col">weight</th>
            <th scope="col">product</th>
          </tr>
        </thead>
        <tbody>
          {largestTerms.map((term) => (
            <tr key={term.index}>
              <th scope="row">{term.index + 1}</th>
              <td>{formatNumber(term.input)}</td>
              <td>{formatNumber(term.weight)}</td>
              <td>{formatNumber(term.product)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {inputCount > largestTerms.length && (
        <p className="small">
          The other {inputCount - largestTerms.length} products add {formatNumber(productSum - listed)}.
        </p>
      )}
      {explanation.softmax && <SoftmaxTable steps={explanation.softmax} unit={explanation.unit} classNames={classNames} />}
    </div>
  );
}
