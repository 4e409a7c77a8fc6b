import { EXPERIMENT_MOVES, type ExperimentScores } from '../../domain/lesson/lessonState.ts';

export interface LessonExperimentProps {
  readonly scores: ExperimentScores | null;
  readonly running: boolean;
  readonly problem: string | null;
  readonly missing: string | null;
  readonly run: () => void;
}

const percent = (accuracy: number | undefined) => (accuracy === undefined ? '–' : `${(accuracy * 100).toFixed(1)}%`);

/** The "local patterns anywhere" experiment: a button, and both models' measured accuracies side by side. */
export function LessonExperiment({ scores, running, problem, missing, run }: LessonExperimentProps) {
  return (
    <div className="lesson-experiment">
      <button type="button" onClick={run} disabled={running || missing !== null}>
        {running ? 'Scoring both models…' : 'Score both models on moved test images'}
      </button>
      {missing && <p className="lesson-muted">{missing}</p>}
      {problem && <p className="error">{problem}</p>}
      {scores && (
        <table className="lesson-scores" aria-label="Test accuracy on moved images">
          <caption>Test accuracy on {scores.count.toLocaleString('en-US')} test images, moved</caption>
          <thead>
            <tr>
              <th scope="col">Test images</th>
              {scores.models.map((model) => (
                <th scope="col" key={model.name}>
                  {model.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {EXPERIMENT_MOVES.map((move, i) => (
              <tr key={move.label}>
                <th scope="row">{move.label}</th>
                {scores.models.map((model) => (
                  <td key={model.name}>{percent(model.accuracies[i])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
