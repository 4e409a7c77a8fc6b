/** Room src/ui/evaluation/: what a trained model gets right and wrong — per-class accuracy, confusion matrix, galleries. */
import { useMemo, useState } from 'react';
import { confidentMistakes, confusionMatrix, perClassAccuracy, predictClasses, predictionsInCell } from '../../domain/evaluation.ts';
import type { TestEvaluation } from '../../training/protocol.ts';
import { formatCount, formatPercent } from '../../domain/format.ts';
import { cellColour } from './cellColour.ts';
import { PredictionGallery } from './PredictionGallery.tsx';

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
const MNIST_SHAPE = [28, 28, 1] as const;

function MatrixHead({ classNames }: { readonly classNames: readonly string[] }) {
  return (
    <thead>
      <tr>
        <th scope="col">true ↓ / read →</th>
        {classNames.map((name) => (
          <th scope="col" key={name}>
            {name}
          </th>
        ))}
        <th scope="col">accuracy</th>
      </tr>
    </thead>
  );
}

interface EvaluationPanelProps {
  readonly evaluation: TestEvaluation;
  /** The run's dataset: its class names by label and its images' H, W, C (MNIST's digits unless told). */
  readonly classNames?: readonly string[];
  readonly imageShape?: readonly [number, number, number];
}

/** After a run: per-class accuracy, the confusion matrix, and the images behind every number in it. */
export function EvaluationPanel({ evaluation, classNames = DIGITS, imageShape = MNIST_SHAPE }: EvaluationPanelProps) {
  const { labels, probabilities, images } = evaluation;
  const classes = classNames.length;
  const matrix = useMemo(() => confusionMatrix(labels, predictClasses(probabilities, classes), classes), [labels, probabilities, classes]);
  const accuracy = useMemo(() => perClassAccuracy(matrix), [matrix]);
  const mistakes = useMemo(() => confidentMistakes(labels, probabilities, classes), [labels, probabilities, classes]);
  const nameOf = (label: number) => classNames[label] ?? String(label);
  const kind = classNames.every((name, i) => name === DIGITS[i]) && classes === DIGITS.length ? 'digit' : 'class';
  const [cell, setCell] = useState<{ actual: number; predicted: number } | null>(null);
  const cellPredictions = useMemo(
    () => (cell ? predictionsInCell(labels, probabilities, cell.actual, cell.predicted, classes) : []),
    [cell, labels, probabilities, classes],
  );

  return (
    <div className="evaluation">
      <div className="matrix-wrap">
        <table className="confusion" aria-label="Confusion matrix">
          <caption>
            Rows: the true {kind}. Columns: what the model read. {formatCount(labels.length)} test images. Choose a cell to see its images.
          </caption>
          <MatrixHead classNames={classNames} />
          <tbody>
            {matrix.map((row, actual) => {
              const rowTotal = row.reduce((a, b) => a + b, 0);
              return (
                <tr key={actual}>
                  <th scope="row">{nameOf(actual)}</th>
                  {row.map((count, predicted) => {
                    const selected = cell?.actual === actual && cell.predicted === predicted;
                    return (
                      <td key={predicted}>
                        <button
                          type="button"
                          className={selected ? 'cell selected' : 'cell'}
                          style={cellColour(rowTotal ? count / rowTotal : 0, actual === predicted)}
                          aria-label={`True ${nameOf(actual)}, read as ${nameOf(predicted)}: ${count} images`}
                          aria-pressed={selected}
                          data-count={count}
                          onClick={() => setCell(selected ? null : { actual, predicted })}
                        >
                          {count}
                        </button>
                      </td>
                    );
                  })}
                  <td className="class-accuracy" aria-label={`Accuracy on ${nameOf(actual)}`}>
                    {accuracy[actual] == null ? '—' : formatPercent(accuracy[actual] ?? 0, 1)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {cell && (
        <PredictionGallery
          key={`${cell.actual}-${cell.predicted}`}
          title={`True ${nameOf(cell.actual)}, read as ${nameOf(cell.predicted)}`}
          predictions={cellPredictions}
          images={images}
          classNames={classNames}
          shape={imageShape}
          empty="No test image landed in this cell."
        />
      )}
      <PredictionGallery
        title="Most confident mistakes"
        predictions={mistakes}
        images={images}
        classNames={classNames}
        shape={imageShape}
        empty="No mistakes on these test images."
      />
    </div>
  );
}
