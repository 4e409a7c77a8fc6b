/** Room src/ui/evaluation/: what a trained model gets right and wrong — per-class accuracy, confusion matrix, galleries. */
import { useMemo, useState } from 'react';
import { confidentMistakes, confusionMatrix, perClassAccuracy, predictClasses, predictionsInCell } from '../../domain/evaluation.ts';
import type { TestEvaluation } from '../../training/protocol.ts';
import { formatCount, formatPercent } from '../../domain/format.ts';
import { cellColour } from './cellColour.ts';
import { PredictionGallery } from './PredictionGallery.tsx';

const DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

/** After a run: per-digit accuracy, the confusion matrix, and the images behind every number in it. */
export function EvaluationPanel({ evaluation }: { readonly evaluation: TestEvaluation }) {
  const { labels, probabilities, images } = evaluation;
  const matrix = useMemo(() => confusionMatrix(labels, predictClasses(probabilities)), [labels, probabilities]);
  const accuracy = useMemo(() => perClassAccuracy(matrix), [matrix]);
  const mistakes = useMemo(() => confidentMistakes(labels, probabilities), [labels, probabilities]);
  const [cell, setCell] = useState<{ actual: number; predicted: number } | null>(null);
  const cellPredictions = useMemo(
    () => (cell ? predictionsInCell(labels, probabilities, cell.actual, cell.predicted) : []),
    [cell, labels, probabilities],
  );

  return (
    <div className="evaluation">
      <div className="matrix-wrap">
        <table className="confusion" aria-label="Confusion matrix">
          <caption>
            Rows: the true digit. Columns: what the model read. {formatCount(labels.length)} test images. Choose a cell to see its images.
          </caption>
          <thead>
            <tr>
              <th scope="col">true ↓ / read →</th>
              {DIGITS.map((d) => (
                <th scope="col" key={d}>
                  {d}
                </th>
              ))}
              <th scope="col">accuracy</th>
            </tr>
          </thead>
          <tbody>
            {matrix.map((row, actual) => {
              const rowTotal = row.reduce((a, b) => a + b, 0);
              return (
                <tr key={actual}>
                  <th scope="row">{actual}</th>
                  {row.map((count, predicted) => {
                    const selected = cell?.actual === actual && cell.predicted === predicted;
                    return (
                      <td key={predicted}>
                        <button
                          type="button"
                          className={selected ? 'cell selected' : 'cell'}
                          style={cellColour(rowTotal ? count / rowTotal : 0, actual === predicted)}
                          aria-label={`True ${actual}, read as ${predicted}: ${count} images`}
                          aria-pressed={selected}
                          data-count={count}
                          onClick={() => setCell(selected ? null : { actual, predicted })}
                        >
                          {count}
                        </button>
                      </td>
                    );
                  })}
                  <td className="class-accuracy" aria-label={`Accuracy on ${actual}`}>
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
          title={`True ${cell.actual}, read as ${cell.predicted}`}
          predictions={cellPredictions}
          images={images}
          empty="No test image landed in this cell."
        />
      )}
      <PredictionGallery
        title="Most confident mistakes"
        predictions={mistakes}
        images={images}
        empty="No mistakes on these test images."
      />
    </div>
  );
}
