import { mostConfused } from '../../domain/lesson/runComparison.ts';
import type { LessonRun } from '../../domain/lesson/lessonState.ts';

const percent = (accuracy: number | undefined) => (accuracy === undefined ? '–' : `${Math.round(accuracy * 100)}%`);

function confusedSentence(label: string, run: LessonRun): string | null {
  const worst = run.confusion ? mostConfused(run.confusion) : null;
  return worst ? `${label} most often read ${worst.actual} as ${worst.read} (${worst.count} times).` : null;
}

/** The two runs' confusion matrices side by side, read per digit: accuracy on each, and each one's commonest mistake. */
export function RunComparison({ convnet, dense }: { readonly convnet: LessonRun; readonly dense: LessonRun }) {
  const perClass = [convnet.perClassAccuracy, dense.perClassAccuracy];
  if (!perClass[0] || !perClass[1]) return null;
  const mistakes = [confusedSentence('The convnet', convnet), confusedSentence('The dense network', dense)].filter((s) => s !== null);
  return (
    <>
      <table className="lesson-scores" aria-label="Accuracy per digit, both runs">
        <caption>From the runs’ confusion matrices: accuracy per digit</caption>
        <thead>
          <tr>
            <th scope="col">Digit</th>
            <th scope="col">Convnet</th>
            <th scope="col">Dense</th>
          </tr>
        </thead>
        <tbody>
          {perClass[0].map((accuracy, digit) => (
            <tr key={digit}>
              <th scope="row">{digit}</th>
              <td>{percent(accuracy)}</td>
              <td>{percent(perClass[1]?.[digit])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {mistakes.length > 0 && <p>{mistakes.join(' ')}</p>}
    </>
  );
}
